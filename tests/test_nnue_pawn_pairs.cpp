// Stockfish 19's pawn-pair features: which pawns pair, how many pairs a board has, and
// that a move's removed and added pairs turn one board's set into the other's. Counts are
// worked by hand; the indices themselves are checked against Stockfish's outputs by the
// nn-1a298aa575a0 vectors.
#include <catch2/catch.hpp>
#include <algorithm>
#include <set>
#include <tuple>

#include "chess/position.h"
#include "nnue/pawn_pairs.h"

using namespace corvid;
using namespace corvid::nnue;

namespace {

using PairKey = std::tuple<int, int, int, int>;

PairKey key(const pawn_pairs::Pair& p) {
  // Unordered: the smaller (colour, square) first.
  auto a = std::pair{int(p.ca), int(p.a)}, b = std::pair{int(p.cb), int(p.b)};
  if (b < a) std::swap(a, b);
  return {a.first, a.second, b.first, b.second};
}

std::set<PairKey> all_pairs(const pawn_pairs::PawnSets& s) {
  pawn_pairs::Pair pairs[pawn_pairs::MAX_PAIRS];
  const int n = pawn_pairs::pairs_touching(s.white, s.black, s.white, s.black, pairs, pawn_pairs::MAX_PAIRS);
  std::set<PairKey> keys;
  for (int k = 0; k < n; ++k) REQUIRE(keys.insert(key(pairs[k])).second);  // each pair once
  return keys;
}

pawn_pairs::PawnSets pawns_of(const std::string& fen) {
  Position pos;
  std::string error;
  REQUIRE(pos.set_fen(fen, false, &error));
  return {pos.pieces(WHITE, PAWN), pos.pieces(BLACK, PAWN)};
}

}  // namespace

TEST_CASE("pawn pairs: partners are the own and adjacent files, ranks 2-7", "[nnue][pairs]") {
  CHECK(popcount(pawn_pairs::partner_squares(SQ_A2)) == 11);  // files a-b, 6 ranks, less a2
  CHECK(popcount(pawn_pairs::partner_squares(SQ_E4)) == 17);  // files d-f
  CHECK(pawn_pairs::partner_squares(SQ_E4) & square_bb(SQ_D7));
  CHECK_FALSE(pawn_pairs::partner_squares(SQ_E4) & square_bb(SQ_C4));
  CHECK_FALSE(pawn_pairs::partner_squares(SQ_E4) & square_bb(SQ_E8));
}

TEST_CASE("pawn pairs: the start position has 36", "[nnue][pairs]") {
  // White-white: 7 neighbours on rank 2; black-black: 7; white-black: each file's pawn
  // with the black pawns of its own and adjacent files, 2 + 6*3 + 2 = 22.
  CHECK(all_pairs(pawns_of("rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1")).size() == 36u);
  // A lone pawn pairs with nobody; two on distant files neither.
  CHECK(all_pairs(pawns_of("4k3/8/8/8/8/8/P6P/4K3 w - - 0 1")).empty());
}

TEST_CASE("pawn pairs: a move's removed and added pairs are the set difference", "[nnue][pairs]") {
  const struct {
    const char* before;
    const char* after;
  } cases[] = {
      // e2-e4; exd5 (pawn takes pawn); a knight takes a pawn; a promotion; en passant.
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1"},
      {"4k3/8/8/3p4/4P3/8/8/4K3 w - - 0 1", "4k3/8/8/3P4/8/8/8/4K3 b - - 0 1"},
      {"4k3/8/8/3p4/5N2/2P5/8/4K3 w - - 0 1", "4k3/8/8/3N4/8/2P5/8/4K3 b - - 0 1"},
      {"4k3/1P1p4/2P5/8/8/8/8/4K3 w - - 0 1", "1Q2k3/3p4/2P5/8/8/8/8/4K3 b - - 0 1"},
      {"4k3/8/8/3pP3/8/8/8/4K3 w - d6 0 1", "4k3/8/3P4/8/8/8/8/4K3 b - - 0 1"},
  };
  for (const auto& c : cases) {
    INFO(c.before << " -> " << c.after);
    const auto before = pawns_of(c.before), after = pawns_of(c.after);
    pawn_pairs::Pair pairs[pawn_pairs::MAX_PAIRS];
    std::set<PairKey> result = all_pairs(before);
    const int removed = pawn_pairs::pairs_removed(before, after, pairs, pawn_pairs::MAX_PAIRS);
    for (int k = 0; k < removed; ++k) REQUIRE(result.erase(key(pairs[k])) == 1);
    const int added = pawn_pairs::pairs_added(before, after, pairs, pawn_pairs::MAX_PAIRS);
    for (int k = 0; k < added; ++k) REQUIRE(result.insert(key(pairs[k])).second);
    CHECK(result == all_pairs(after));
    CHECK(removed + added > 0);
  }
}

TEST_CASE("pawn pairs: indices cover 0..4559 and do not depend on the pair's order", "[nnue][pairs]") {
  CHECK(pawn_pairs::INPUTS == 4560);
  // Own pawn ids 0..47, enemy 48..95 (square - 8 after orienting); the highest pair
  // (95, 94) is the last index. White's view with the king on d1: no mirroring.
  const int a = pawn_pairs::feature_index(WHITE, SQ_D1, BLACK, SQ_H7, BLACK, SQ_G7);  // ids 95 and 94
  CHECK(a == 95 * 94 / 2 + 94);
  CHECK(a == pawn_pairs::INPUTS - 1);
  CHECK(pawn_pairs::feature_index(WHITE, SQ_D1, WHITE, SQ_A2, WHITE, SQ_B2) == 1 * 0 / 2 + 0);  // ids 1, 0
  CHECK(pawn_pairs::feature_index(WHITE, SQ_D1, WHITE, SQ_B2, WHITE, SQ_A2) == 0);
  // Black's view flips the board and swaps the colours: its own a7 pawn is id 0 + ...
  CHECK(pawn_pairs::feature_index(BLACK, SQ_D8, BLACK, SQ_A7, BLACK, SQ_B7) == 0);
  // A king on e-h mirrors the files.
  CHECK(pawn_pairs::feature_index(WHITE, SQ_E1, WHITE, SQ_H2, WHITE, SQ_G2) == 0);
}
