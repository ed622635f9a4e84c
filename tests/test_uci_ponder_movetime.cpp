// `go ponder movetime N`: the N milliseconds are ours from ponderhit, not from the go.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "uci_session.h"

TEST_CASE("uci: go ponder movetime starts its clock at ponderhit", "[uci][ponder]") {
  using namespace std::chrono;
  corvid::test::UciSession e(CORVID_BINARY);
  // Start-up (loading the two nets) is not part of the timing: under a sanitizer it takes
  // seconds, and the ponder search would start after the ponderhit below.
  e.send("isready");
  REQUIRE(e.wait_for("readyok", milliseconds(120000)));
  e.send("position startpos moves e2e4");
  e.send("go ponder movetime 400");
  std::this_thread::sleep_for(milliseconds(1000));  // longer than the movetime
  const auto hit = steady_clock::now();
  e.send("ponderhit");
  const auto best = e.wait_for("bestmove", milliseconds(5000));
  const auto after = duration_cast<milliseconds>(steady_clock::now() - hit).count();
  INFO(e.transcript());
  REQUIRE(best.has_value());
  CHECK(after >= 300);   // most of the 400 ms (less the Move Overhead) after ponderhit
  CHECK(after < 2000);
  e.send("quit");
}
