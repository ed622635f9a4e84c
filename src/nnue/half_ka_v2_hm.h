// HalfKAv2_hm features: (king bucket, piece plane, square) seen from one side. The board
// is flipped vertically for Black and mirrored so the own king stands on files e-h, which
// leaves 32 king buckets x 11 piece planes (both kings share one) x 64 squares.
#pragma once

#include "chess/types.h"

namespace corvid::nnue::half_ka_v2_hm {

inline constexpr int INPUTS = 32 * 11 * 64;  // 22528

// Square transform for a perspective with its king on ksq: vertical flip for Black,
// horizontal mirror when the king is on files a-d.
constexpr int orientation(Color perspective, Square ksq) {
  return (perspective == WHITE ? 0 : 56) ^ (file_of(ksq) < 4 ? 7 : 0);
}

// 0..31; bucket 0 is the king on the far side's back rank (as the file defines it).
constexpr int king_bucket(Color perspective, Square ksq) {
  const int rank = relative_rank(perspective, rank_of(ksq));
  const int file = file_of(ksq) < 4 ? file_of(ksq) : 7 - file_of(ksq);
  return (7 - rank) * 4 + file;
}

// Planes: own pawn, their pawn, own knight, their knight, ... own queen, their queen, kings.
constexpr int piece_plane(Color perspective, Piece pc) {
  if (type_of(pc) == KING) return 10;
  return 2 * (type_of(pc) - PAWN) + (color_of(pc) != perspective);
}

constexpr int feature_index(Color perspective, Square ksq, Piece pc, Square s) {
  return (int(s) ^ orientation(perspective, ksq)) + 64 * piece_plane(perspective, pc) +
         11 * 64 * king_bucket(perspective, ksq);
}

}  // namespace corvid::nnue::half_ka_v2_hm
