// Stockfish 19's pawn-pair features (PP_3Wide): one input per pair of pawns, of either
// colour, that stand on the same or adjacent files (ranks 2-7 only, where pawns live), seen
// from one side with the threat features' orientation (flipped for Black, mirrored when that
// side's king is on files e-h), so a king crossing the d/e line changes them all. A pawn's
// id is 48 * (0 own, 1 enemy) + its oriented square - 8; a pair of ids hi > lo is input
// hi*(hi-1)/2 + lo, 96*95/2 = 4560 inputs. Their int8 rows follow the threat rows.
#pragma once

#include <cstdint>

#include "chess/position.h"

namespace corvid::nnue::pawn_pairs {

inline constexpr int INPUTS = 96 * 95 / 2;

// Squares that pair with a pawn on s: its own and the adjacent files, ranks 2-7, not s.
Bitboard partner_squares(Square s);

// The input of the pair (a pawn of colour ca on a, one of colour cb on b), seen by
// perspective with its king on ksq.
int feature_index(Color perspective, Square ksq, Color ca, Square a, Color cb, Square b);

struct Pair {
  Color ca;
  Square a;
  Color cb;
  Square b;
};

// The pairs of the pawn sets (white, black) that involve a square of `changed_white` or
// `changed_black` (subsets of the sets), each once. With everything changed: every pair on
// the board. Returns how many were written; at most `capacity`.
int pairs_touching(Bitboard changed_white, Bitboard changed_black, Bitboard white, Bitboard black, Pair* out,
                   int capacity);

// What a change of pawn sets does to the pairs: the pairs of `before` that touch a square
// whose pawn went or changed colour are removed, those of `after` that touch one whose pawn
// came are added; the two lists never share a pair.
struct PawnSets {
  Bitboard white = 0, black = 0;
  bool operator==(const PawnSets&) const = default;
};
inline constexpr int MAX_PAIRS = 17 * 16;  // a pawn pairs with at most 17 squares
int pairs_removed(const PawnSets& before, const PawnSets& after, Pair* out, int capacity);
int pairs_added(const PawnSets& before, const PawnSets& after, Pair* out, int capacity);

}  // namespace corvid::nnue::pawn_pairs
