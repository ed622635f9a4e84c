// Sliding attacks by "fancy" magic bitboards: a multiply and shift turn the relevant
// occupancy into a table index. Works on every x86-64.
#pragma once

#include "chess/slider_reference.h"

namespace corvid::magic {

struct Entry {
  Bitboard mask = 0;
  Bitboard magic = 0;
  const Bitboard* attacks = nullptr;
  unsigned shift = 0;
  unsigned index(Bitboard occupied) const { return unsigned(((occupied & mask) * magic) >> shift); }
};

extern Entry entries[2][64];  // [Slider][Square]

// Finds the magic numbers (deterministic seeds) and fills the tables.
void init();

inline Bitboard attacks(Slider slider, Square s, Bitboard occupied) {
  const Entry& e = entries[slider][s];
  return e.attacks[e.index(occupied)];
}

}  // namespace corvid::magic
