// Sliding attacks by BMI2 PEXT: the relevant occupancy bits, gathered, are the index.
// Only built when the flavour has BMI2 (CORVID_HAS_PEXT).
#pragma once

#include "chess/slider_reference.h"

#if defined(__BMI2__)
#define CORVID_HAS_PEXT 1
#include <immintrin.h>

namespace corvid::pext {

struct Entry {
  Bitboard mask = 0;
  const Bitboard* attacks = nullptr;
};

extern Entry entries[2][64];  // [Slider][Square]

void init();

inline Bitboard attacks(Slider slider, Square s, Bitboard occupied) {
  const Entry& e = entries[slider][s];
  return e.attacks[_pext_u64(occupied, e.mask)];
}

}  // namespace corvid::pext
#endif
