// Bitboard primitives: square sets as 64-bit words, bit 0 = a1, bit 63 = h8.
#pragma once

#include <bit>
#include <string>

#include "chess/types.h"

namespace corvid {

constexpr Bitboard FILE_A_BB = 0x0101010101010101ULL;
constexpr Bitboard FILE_H_BB = FILE_A_BB << 7;
constexpr Bitboard RANK_1_BB = 0xFFULL;
constexpr Bitboard RANK_8_BB = RANK_1_BB << 56;

constexpr Bitboard square_bb(Square s) { return 1ULL << s; }
constexpr Bitboard file_bb(int file) { return FILE_A_BB << file; }
constexpr Bitboard rank_bb(int rank) { return RANK_1_BB << (8 * rank); }

inline int popcount(Bitboard b) { return std::popcount(b); }
inline Square lsb(Bitboard b) { return Square(std::countr_zero(b)); }
inline Square msb(Bitboard b) { return Square(63 - std::countl_zero(b)); }
inline Square pop_lsb(Bitboard& b) {
  const Square s = lsb(b);
  b &= b - 1;
  return s;
}
constexpr bool more_than_one(Bitboard b) { return b & (b - 1); }

// Shift a whole set one step in a direction, dropping what falls off the board edge.
template <int D>
constexpr Bitboard shift(Bitboard b) {
  if constexpr (D == NORTH) return b << 8;
  else if constexpr (D == SOUTH) return b >> 8;
  else if constexpr (D == EAST) return (b & ~FILE_H_BB) << 1;
  else if constexpr (D == WEST) return (b & ~FILE_A_BB) >> 1;
  else if constexpr (D == NORTH + EAST) return (b & ~FILE_H_BB) << 9;
  else if constexpr (D == NORTH + WEST) return (b & ~FILE_A_BB) << 7;
  else if constexpr (D == SOUTH + EAST) return (b & ~FILE_H_BB) >> 7;
  else if constexpr (D == SOUTH + WEST) return (b & ~FILE_A_BB) >> 9;
  else static_assert(D == NORTH, "unsupported direction");
}

template <Color C>
constexpr Bitboard pawn_attacks_bb(Bitboard pawns) {
  return C == WHITE ? shift<NORTH + WEST>(pawns) | shift<NORTH + EAST>(pawns)
                    : shift<SOUTH + WEST>(pawns) | shift<SOUTH + EAST>(pawns);
}

// Human-readable 8x8 picture of a set, for debugging and test failure messages.
std::string bitboard_to_string(Bitboard b);

}  // namespace corvid
