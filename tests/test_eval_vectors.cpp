// Bit-exactness against Stockfish's own outputs (tests/data/nnue, from shared/vectors):
// single positions from a full refresh, and whole games replayed ply by ply with
// incremental updates, through every kernel flavour this CPU runs.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "chess/notation.h"
#include "net_test_support.h"
#include "nnue/evaluator.h"
#include "nnue/network_loader.h"

using namespace corvid;
using namespace corvid::nnue;

namespace {

std::vector<std::vector<std::string>> read_csv(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ';');) fields.push_back(f);
    rows.push_back(fields);
  }
  return rows;
}

std::string describe(const RawEvaluation& e) {
  return std::to_string(e.bucket) + " " + std::to_string(e.psqt) + " " + std::to_string(e.positional);
}

void check_positions(const std::string& net_name) {
  const std::string path = test::reference_net(net_name + ".nnue");
  if (path.empty()) return;
  const LoadedNetwork loaded = load_network_file(path);
  REQUIRE(loaded.network);
  const auto rows = read_csv(test::data_path("nnue/" + net_name + ".positions.csv"));
  REQUIRE(rows.size() >= 1000);
  for (const Kernels* kernels : runnable_kernels()) {
    AccumulatorStack stack;
    stack.set_network(loaded.network.get());
    int mismatches = 0;
    for (const auto& row : rows) {
      Position pos;
      std::string error;
      REQUIRE(pos.set_fen(row[0], false, &error));
      stack.reset();
      stack.refresh_from_scratch(pos, *kernels);
      const std::string got = describe(propagate(*loaded.network, *kernels, stack, pos));
      const std::string expected = row[1] + " " + row[2] + " " + row[3];
      if (got != expected && ++mismatches <= 5)
        FAIL_CHECK(kernels->name << ": " << row[0] << " expected " << expected << " got " << got);
    }
    INFO(net_name << " " << kernels->name << ": " << rows.size() << " positions");
    CHECK(mismatches == 0);
  }
}

void check_games(const std::string& net_name) {
  const std::string path = test::reference_net(net_name + ".nnue");
  if (path.empty()) return;
  const LoadedNetwork loaded = load_network_file(path);
  REQUIRE(loaded.network);
  const auto rows = read_csv(test::data_path("nnue/" + net_name + ".games.csv"));
  REQUIRE(rows.size() >= 6000);
  for (const Kernels* kernels : runnable_kernels()) {
    AccumulatorStack stack;
    stack.set_network(loaded.network.get());
    Position pos;
    int mismatches = 0;
    for (const auto& row : rows) {  // game;ply;move;fen;bucket;psqt;positional
      if (row[1] == "0") {
        std::string error;
        REQUIRE(pos.set_fen(START_FEN, false, &error));
        stack.reset();
      } else {
        const Move m = parse_uci_move(pos, row[2]);
        REQUIRE(m != Move::none());
        stack.push(pos, m);
        pos.make_move(m);
      }
      REQUIRE(pos.fen() == row[3]);
      const std::string got = describe(evaluate_raw(*loaded.network, *kernels, stack, pos));
      const std::string expected = row[4] + " " + row[5] + " " + row[6];
      if (got != expected && ++mismatches <= 5)
        FAIL_CHECK(kernels->name << ": game " << row[0] << " ply " << row[1] << " expected " << expected << " got "
                                 << got);
    }
    INFO(net_name << " " << kernels->name << ": " << rows.size() << " plies");
    CHECK(mismatches == 0);
  }
}

}  // namespace

TEST_CASE("nn-ad9b42354671 matches Stockfish 15.1 on single positions", "[nnue][vectors]") {
  check_positions("nn-ad9b42354671");
}
TEST_CASE("nn-ad9b42354671 matches Stockfish 15.1 along whole games", "[nnue][vectors]") {
  check_games("nn-ad9b42354671");
}
TEST_CASE("nn-37f18f62d772 matches Stockfish 18 on single positions", "[nnue][vectors]") {
  check_positions("nn-37f18f62d772");
}
TEST_CASE("nn-37f18f62d772 matches Stockfish 18 along whole games", "[nnue][vectors]") {
  check_games("nn-37f18f62d772");
}
TEST_CASE("nn-c288c895ea92 (Full_Threats) matches Stockfish 18 on single positions", "[nnue][vectors][threats]") {
  check_positions("nn-c288c895ea92");
}
TEST_CASE("nn-c288c895ea92 (Full_Threats) matches Stockfish 18 along whole games", "[nnue][vectors][threats]") {
  check_games("nn-c288c895ea92");
}
TEST_CASE("nn-1a298aa575a0 (Stockfish 19) matches Stockfish on single positions", "[nnue][vectors][sf19]") {
  check_positions("nn-1a298aa575a0");
}
TEST_CASE("nn-1a298aa575a0 (Stockfish 19) matches Stockfish along whole games", "[nnue][vectors][sf19]") {
  check_games("nn-1a298aa575a0");
}
