// Slow, obviously correct sliding attacks by walking rays. Used to build the fast tables
// and by the tests that check them.
#pragma once

#include "chess/bitboard.h"

namespace corvid {

enum Slider { BISHOP_SLIDER, ROOK_SLIDER };

constexpr Bitboard ray_attacks(Slider slider, Square s, Bitboard occupied) {
  constexpr int bishop_steps[4][2] = {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}};
  constexpr int rook_steps[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
  const auto& steps = slider == BISHOP_SLIDER ? bishop_steps : rook_steps;
  Bitboard attacks = 0;
  for (const auto& step : steps) {
    int file = file_of(s) + step[0], rank = rank_of(s) + step[1];
    while (file >= 0 && file < 8 && rank >= 0 && rank < 8) {
      const Bitboard b = square_bb(make_square(file, rank));
      attacks |= b;
      if (occupied & b) break;
      file += step[0];
      rank += step[1];
    }
  }
  return attacks;
}

// The squares whose occupancy matters for a slider on s: its rays without the edge squares.
constexpr Bitboard relevant_occupancy_mask(Slider slider, Square s) {
  const Bitboard edges = ((RANK_1_BB | RANK_8_BB) & ~rank_bb(rank_of(s))) |
                         ((FILE_A_BB | FILE_H_BB) & ~file_bb(file_of(s)));
  return ray_attacks(slider, s, 0) & ~edges;
}

}  // namespace corvid
