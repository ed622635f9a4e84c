// `corvid eval` and the UCI net commands, driven through the built binary as users do.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <vector>

#include "net_test_support.h"
#include "process_support.h"

using corvid::test::lines_of;
using corvid::test::run_corvid;
using corvid::test::shell_quote;

TEST_CASE("corvid eval --raw answers every line, errors included", "[cli][eval]") {
  const std::string net = corvid::test::reference_net("nn-ad9b42354671.nnue");
  if (net.empty()) return;
  // Expected values: the first lines of the Stockfish 15.1 vectors (tests/data/nnue).
  const std::string input =
      "1B4k1/R5b1/1p2r2p/2p2pP1/8/2P2n2/P3N3/4K3 w - - 1 38\n"
      "not a fen\n"
      "fen rn1qkbnr/pp3pp1/2p3bp/3Np3/3pP1P1/3P1N1P/PPP2P2/R1BQKB1R w KQkq - 1 9\n"
      "startpos moves e2e4 e7e9\n"
      "\n"
      "5rk1/4Rpb1/p1Q3p1/7p/2p2P2/3q1NKP/P2n2P1/4R3 b - - 1 28\n";
  const auto lines = lines_of(run_corvid("eval --raw --net " + shell_quote(net), input).output);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == "3 -5573 -7431");
  CHECK(lines[1].rfind("error: invalid FEN", 0) == 0);
  CHECK(lines[2] == "7 2025 -1577");
  CHECK(lines[3].rfind("error: move 'e7e9'", 0) == 0);
  CHECK(lines[4].rfind("error:", 0) == 0);
  CHECK(lines[5] == "4 -637 61");
}

TEST_CASE("corvid eval replays moves incrementally like a fresh FEN", "[cli][eval]") {
  const std::string net = corvid::test::reference_net("nn-37f18f62d772.nnue");
  if (net.empty()) return;
  const std::string input =
      "startpos moves e2e4 c7c5 g1f3 d7d6 d2d4 c5d4 f3d4 g8f6 b1c3 a7a6 f1e2 e7e5 e1g1\n"
      "rnbqkb1r/1p3ppp/p2p1n2/4p3/3NP3/2N5/PPP1BPPP/R1BQ1RK1 b kq - 1 7\n";
  const auto lines = lines_of(run_corvid("eval --raw --net " + shell_quote(net), input).output);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == lines[1]);
  CHECK(lines[0].rfind("error", 0) != 0);
}

TEST_CASE("corvid eval refuses a net it cannot use and says why", "[cli][eval]") {
  const auto result = run_corvid("eval --net /nonexistent/nn-000000000000.nnue", "", corvid::test::Stderr::Merge);
  CHECK(result.status == 1);
  CHECK(result.output.find("/nonexistent/nn-000000000000.nnue") != std::string::npos);
}

TEST_CASE("UCI EvalFile: a missing or refused file keeps the net in use", "[cli][uci][eval]") {
  const std::string small = corvid::test::reference_net("nn-37f18f62d772.nnue");
  const std::string threats = corvid::test::reference_net("nn-c288c895ea92.nnue");
  if (small.empty() || threats.empty()) return;
  // A net file cut short: read up to its end, then refused.
  const std::string truncated = (std::filesystem::temp_directory_path() / "corvid_truncated.nnue").string();
  {
    std::ifstream in(small, std::ios::binary);
    std::vector<char> bytes(200000);
    in.read(bytes.data(), std::streamsize(bytes.size()));
    std::ofstream(truncated, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  }
  const std::string input = "position startpos moves e2e4\neval\n"
                            "setoption name EvalFile value /nonexistent.nnue\neval\n"
                            "setoption name EvalFile value " + truncated + "\neval\n"
                            "setoption name EvalFile value " + small + "\neval\n"
                            "setoption name EvalFile value " + threats + "\neval\nquit\n";
  const auto lines = lines_of(run_corvid("", input).output);
  std::vector<std::string> totals, infos;
  for (const std::string& line : lines) {
    if (line.rfind(" Final evaluation", 0) == 0) totals.push_back(line);
    if (line.rfind("info string EvalFile", 0) == 0) infos.push_back(line);
  }
  REQUIRE(totals.size() == 5);
  REQUIRE(infos.size() == 4);
  CHECK(infos[0].find("/nonexistent.nnue") != std::string::npos);
  CHECK(infos[0].find("still using") != std::string::npos);
  CHECK(infos[1].find(truncated) != std::string::npos);
  CHECK(infos[1].find("still using") != std::string::npos);
  CHECK(infos[2].find("using " + small) != std::string::npos);
  CHECK(infos[2].find("still using") == std::string::npos);
  CHECK(infos[3].find("Full_Threats") != std::string::npos);
  CHECK(infos[3].find("still using") == std::string::npos);
  // The default net stayed in use through both refusals; the small net alone differs;
  // the default big net, loaded from its file, gives the default's evaluation again.
  CHECK(totals[0] == totals[1]);
  CHECK(totals[1] == totals[2]);
  CHECK(totals[3] != totals[2]);
  CHECK(totals[4] == totals[0]);
}
