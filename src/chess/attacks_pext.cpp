#include "chess/attacks_pext.h"

#if defined(CORVID_HAS_PEXT)

namespace corvid::pext {

Entry entries[2][64];

namespace {

Bitboard rook_table[0x19000];
Bitboard bishop_table[0x1480];

void init_slider(Slider slider, Bitboard* table) {
  Bitboard* next_table = table;
  for (Square s = SQ_A1; s < SQUARE_NB; ++s) {
    Entry& e = entries[slider][s];
    e.mask = relevant_occupancy_mask(slider, s);
    e.attacks = next_table;
    Bitboard b = 0;
    do {
      next_table[_pext_u64(b, e.mask)] = ray_attacks(slider, s, b);
      b = (b - e.mask) & e.mask;
    } while (b);
    next_table += 1ULL << popcount(e.mask);
  }
}

}  // namespace

void init() {
  init_slider(BISHOP_SLIDER, bishop_table);
  init_slider(ROOK_SLIDER, rook_table);
}

}  // namespace corvid::pext

#endif
