// Perft against the reference vectors in tests/data/perft (counts printed by Stockfish 15.1).
#include <algorithm>
#include <map>

#include "chess/notation.h"
#include "chess/perft.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid_test;

namespace {

// Checks every depth of the entries i with i % parts == part; interleaving spreads the
// slow lines over the parts so ctest -j balances them.
void check_epd_part(const std::string& file, bool chess960, size_t part, size_t parts) {
  chess::init();
  const auto entries = load_epd(file);
  size_t checked = 0;
  for (size_t i = part; i < entries.size(); i += parts) {
    const EpdEntry& e = entries[i];
    Position pos = position_from(e.fen, chess960);
    for (size_t depth = 1; depth <= e.counts.size(); ++depth) {
      INFO(file << ":" << e.line << ": " << e.fen << " depth " << depth);
      CHECK(perft(pos, int(depth)) == e.counts[depth - 1]);
    }
    CHECK(pos.fen() == e.fen);  // perft leaves the position as it found it
    ++checked;
  }
  CHECK(checked > 0);
}

}  // namespace

TEST_CASE("perft: well-known counts of the start position and Kiwipete", "[chess][perft]") {
  chess::init();
  Position start;
  CHECK(perft(start, 0) == 1);
  CHECK(perft(start, 1) == 20);
  CHECK(perft(start, 2) == 400);
  CHECK(perft(start, 3) == 8902);
  CHECK(perft(start, 4) == 197281);
  CHECK(perft(start, 5) == 4865609);

  Position kiwipete = position_from("r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", false);
  CHECK(perft(kiwipete, 1) == 48);
  CHECK(perft(kiwipete, 2) == 2039);
  CHECK(perft(kiwipete, 3) == 97862);
  CHECK(perft(kiwipete, 4) == 4085603);
}

TEST_CASE("perft: standard.epd (part 1 of 4)", "[chess][perft]") { check_epd_part("perft/standard.epd", false, 0, 4); }
TEST_CASE("perft: standard.epd (part 2 of 4)", "[chess][perft]") { check_epd_part("perft/standard.epd", false, 1, 4); }
TEST_CASE("perft: standard.epd (part 3 of 4)", "[chess][perft]") { check_epd_part("perft/standard.epd", false, 2, 4); }
TEST_CASE("perft: standard.epd (part 4 of 4)", "[chess][perft]") { check_epd_part("perft/standard.epd", false, 3, 4); }
TEST_CASE("perft: chess960.epd (part 1 of 4)", "[chess][perft][chess960]") { check_epd_part("perft/chess960.epd", true, 0, 4); }
TEST_CASE("perft: chess960.epd (part 2 of 4)", "[chess][perft][chess960]") { check_epd_part("perft/chess960.epd", true, 1, 4); }
TEST_CASE("perft: chess960.epd (part 3 of 4)", "[chess][perft][chess960]") { check_epd_part("perft/chess960.epd", true, 2, 4); }
TEST_CASE("perft: chess960.epd (part 4 of 4)", "[chess][perft][chess960]") { check_epd_part("perft/chess960.epd", true, 3, 4); }

// Chess960 castling with the king on e1 and the rooks on a1/h1 is standard castling, so the
// standard suite read in Chess960 mode (KQkq = outermost rooks) must give the same counts.
TEST_CASE("perft: standard.epd read in Chess960 mode gives the same counts (depth <= 3)", "[chess][perft][chess960]") {
  chess::init();
  for (const EpdEntry& e : load_epd("perft/standard.epd")) {
    Position pos = position_from(e.fen, true);
    for (size_t depth = 1; depth <= std::min<size_t>(3, e.counts.size()); ++depth) {
      INFO("standard.epd:" << e.line << ": " << e.fen << " depth " << depth);
      CHECK(perft(pos, int(depth)) == e.counts[depth - 1]);
    }
  }
}

TEST_CASE("perft: divide.txt per-move counts", "[chess][perft][divide]") {
  chess::init();
  for (const DivideEntry& e : load_divide("perft/divide.txt")) {
    const bool shredder = castling_field_is_chess960(e.fen);
    const bool no_castling = castling_field(e.fen) == "-";
    // A position without castling rights must give the same answer in both modes.
    std::vector<bool> modes{shredder};
    if (no_castling) modes = {false, true};
    for (const bool chess960 : modes) {
      INFO("divide.txt:" << e.line << ": " << e.fen << " depth " << e.depth << (chess960 ? " (Chess960)" : ""));
      Position pos = position_from(e.fen, chess960);

      std::map<std::string, uint64_t> expected, actual;
      uint64_t expected_sum = 0, actual_sum = 0;
      for (const auto& [move, count] : e.moves) {
        CHECK(expected.emplace(move, count).second);  // the file lists each move once
        expected_sum += count;
      }
      for (const auto& [move, count] : perft_divide(pos, e.depth)) {
        const std::string text = move_to_uci(move, chess960);
        CHECK(actual.emplace(text, count).second);  // Corvid generates each move once
        actual_sum += count;
      }
      CHECK(actual == expected);
      CHECK(actual_sum == expected_sum);
      CHECK(perft(pos, e.depth) == actual_sum);
      CHECK(pos.fen() == e.fen);
    }
  }
}

// The divide data and the .epd suites describe the same trees: every divide position is in
// one of the suites with the same total at that depth (a check on the copied data itself).
TEST_CASE("perft: divide.txt totals agree with the .epd suites", "[chess][perft][divide]") {
  std::map<std::string, std::vector<uint64_t>> suite;
  for (const auto& e : load_epd("perft/standard.epd")) suite[e.fen] = e.counts;
  for (const auto& e : load_epd("perft/chess960.epd")) suite[e.fen] = e.counts;
  for (const DivideEntry& e : load_divide("perft/divide.txt")) {
    INFO("divide.txt:" << e.line << ": " << e.fen);
    uint64_t sum = 0;
    for (const auto& [move, count] : e.moves) sum += count;
    const auto it = suite.find(e.fen);
    REQUIRE(it != suite.end());
    REQUIRE(size_t(e.depth) <= it->second.size());
    CHECK(it->second[e.depth - 1] == sum);
  }
}
