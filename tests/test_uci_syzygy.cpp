// Syzygy in play: the UCI options, root moves ranked by DTZ, search probes whose scores
// are never mates, tbhits, and bad paths said while the engine keeps playing.
#include <catch2/catch.hpp>

#include <regex>

#include "chess/notation.h"
#include "chess/position.h"
#include "process_support.h"
#include "tb/syzygy.h"
#include "test_files.h"
#include "uci_session.h"

using corvid::test::lines_of;

namespace {

const std::string TABLES = corvid::test::data_path("syzygy");

struct Searched {
  std::vector<std::string> lines;
  std::string last_info, bestmove;
};

// Runs the commands then `go <limits>` and reads to the bestmove. End of input stops a
// search (issue 16), so the input stays open until the bestmove has come.
Searched search(const std::string& setup, const std::string& go) {
  Searched s;
  corvid::test::UciSession engine(CORVID_BINARY);
  for (const std::string& line : lines_of(setup)) engine.send(line);
  engine.send(go);
  engine.wait_for("bestmove", std::chrono::milliseconds(120000));
  engine.send("quit");
  engine.wait_exit(std::chrono::milliseconds(5000));
  s.lines = engine.lines();
  for (const std::string& line : s.lines) {
    if (line.rfind("info depth", 0) == 0 && line.find(" pv ") != std::string::npos) s.last_info = line;
    if (line.rfind("bestmove ", 0) == 0) s.bestmove = line.substr(9, line.find(' ', 9) - 9);
  }
  return s;
}

long long field(const std::string& info, const std::string& key) {
  const std::regex pattern(" " + key + " (-?[0-9]+)");
  std::smatch m;
  return std::regex_search(info, m, pattern) ? std::stoll(m[1]) : -1;
}

}  // namespace

TEST_CASE("syzygy: root moves keep the win and convert it soonest", "[tb][uci]") {
  corvid::chess::init();
  REQUIRE(corvid::tb::load(TABLES).largest == 4);
  // KRvK and KBNvK from a few starts; KQvKR with the side that loses; a drawn KRvKR.
  for (const std::string fen : {"8/8/8/4k3/8/8/8/R3K3 w - - 0 1", "8/8/3k4/8/8/8/8/2BNK3 w - - 0 1",
                                "8/8/8/3k4/8/8/3r4/3QK3 b - - 0 1", "8/8/8/3k4/3r4/8/8/3RK3 w - - 0 1",
                                "7k/8/8/8/8/8/1K6/1N1B4 b - - 30 40"}) {
    INFO(fen);
    corvid::Position pos;
    std::string error;
    REQUIRE(pos.set_fen(fen, false, &error));
    const auto probe = corvid::tb::probe_root(pos);
    REQUIRE(probe.has_value());
    const std::vector<corvid::Move> best = corvid::tb::best_root_moves(*probe, true);
    REQUIRE(!best.empty());
    for (corvid::Move m : best) {
      INFO(corvid::move_to_uci(m, false));
      // Each kept move keeps the root's result; by the meaning of DTZ, a winning one that
      // is not a capture or pawn move leaves the opponent one ply closer to the zeroing move.
      corvid::Position after = pos;
      after.make_move(m);
      const auto reply = corvid::tb::probe_root(after);
      REQUIRE(reply.has_value());
      CHECK(int(reply->wdl) == 4 - int(probe->wdl));
      if (probe->dtz > 0 && after.rule50() > 0) CHECK(reply->dtz == -(probe->dtz - 1));
    }
    // What the engine plays with the tables is one of these moves.
    const Searched s = search("setoption name SyzygyPath value " + TABLES + "\nposition fen " + fen + "\n", "go depth 8");
    INFO(s.last_info);
    bool kept = false;
    for (corvid::Move m : best) kept = kept || corvid::move_to_uci(m, false) == s.bestmove;
    CHECK(kept);
    CHECK(field(s.last_info, "tbhits") >= 1);
  }
}

TEST_CASE("syzygy: a TB win found in the search is a big score, never a mate", "[tb][uci]") {
  // Qxd2+ or Kxd2 reaches KQvK at a zero 50-move counter: a TB win, with no mate within the depth.
  const std::string fen = "8/8/8/3k4/8/8/3r4/3QK3 w - - 0 1";
  const Searched with = search("setoption name SyzygyPath value " + TABLES + "\nposition fen " + fen + "\n", "go depth 6");
  INFO(with.last_info);
  CHECK((with.bestmove == "d1d2" || with.bestmove == "e1d2"));  // either capture reaches KQvK
  CHECK(with.last_info.find(" score mate ") == std::string::npos);
  CHECK(field(with.last_info, "cp") > 5000);
  CHECK(field(with.last_info, "tbhits") > 1);

  const Searched without = search("position fen " + fen + "\n", "go depth 6");
  INFO(without.last_info);
  CHECK(field(without.last_info, "cp") < 5000);
  CHECK(field(without.last_info, "tbhits") == 0);
}

TEST_CASE("syzygy: bad paths are said and the engine keeps playing", "[tb][uci]") {
  corvid::test::TempDir dir;
  const std::string file = dir / "not-a-folder";
  std::ofstream(file) << "x";
  const Searched s = search("setoption name SyzygyPath value /nonexistent/tb:" + file +
                                "\nsetoption name SyzygyProbeLimit value 9\nposition startpos\n",
                            "go depth 4");
  std::string infos;
  for (const std::string& line : s.lines)
    if (line.rfind("info string", 0) == 0) infos += line + "\n";
  INFO(infos);
  CHECK(infos.find("folder '/nonexistent/tb' not found") != std::string::npos);
  CHECK(infos.find("'" + file + "' is not a folder") != std::string::npos);
  CHECK(infos.find("SyzygyProbeLimit 9 is out of range 0..7; clamped to 7") != std::string::npos);
  CHECK(!s.bestmove.empty());
}
