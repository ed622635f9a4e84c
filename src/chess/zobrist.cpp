#include "chess/zobrist.h"

#include <mutex>

namespace corvid::zobrist {

Key piece_square[PIECE_NB][SQUARE_NB];
Key castling[CASTLING_RIGHT_NB];
Key en_passant_file[8];
Key side_to_move;

namespace {

// splitmix64: fixed seed, so keys (and anything hashed with them) are the same every run.
uint64_t next_random(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

void fill_keys() {
  uint64_t state = 0x436F72766964ULL;  // "Corvid"
  for (auto& row : piece_square)
    for (Key& k : row) k = next_random(state);
  // Castling keys are xors of four per-right keys, so each right flips independently.
  Key right_keys[4];
  for (Key& k : right_keys) k = next_random(state);
  for (int rights = 0; rights < CASTLING_RIGHT_NB; ++rights) {
    castling[rights] = 0;
    for (int bit = 0; bit < 4; ++bit)
      if (rights & (1 << bit)) castling[rights] ^= right_keys[bit];
  }
  for (Key& k : en_passant_file) k = next_random(state);
  side_to_move = next_random(state);
  for (Square s = SQ_A1; s < SQUARE_NB; ++s) piece_square[NO_PIECE][s] = 0;
}

}  // namespace

void init() {
  static std::once_flag once;
  std::call_once(once, fill_keys);
}

}  // namespace corvid::zobrist
