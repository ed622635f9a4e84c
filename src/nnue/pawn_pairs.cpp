#include "nnue/pawn_pairs.h"

#include <algorithm>

#include "nnue/full_threats.h"

namespace corvid::nnue::pawn_pairs {

namespace {

constexpr Bitboard FILE_A = 0x0101010101010101ULL;
constexpr Bitboard PAWN_RANKS = 0x00FFFFFFFFFFFF00ULL;  // ranks 2-7

constexpr Bitboard partners_of(int s) {
  const int f = s % 8;
  Bitboard files = FILE_A << f;
  if (f > 0) files |= FILE_A << (f - 1);
  if (f < 7) files |= FILE_A << (f + 1);
  return files & PAWN_RANKS & ~(Bitboard(1) << s);
}

struct PartnerTable {
  Bitboard of[64]{};
};
constexpr PartnerTable make_partner_table() {
  PartnerTable t{};
  for (int s = 0; s < 64; ++s) t.of[s] = partners_of(s);
  return t;
}
constexpr PartnerTable PARTNERS = make_partner_table();

static_assert(INPUTS == 4560);

}  // namespace

Bitboard partner_squares(Square s) { return PARTNERS.of[s]; }

int feature_index(Color perspective, Square ksq, Color ca, Square a, Color cb, Square b) {
  const int o = full_threats::orientation(perspective, ksq);
  const int id_a = 48 * int(ca != perspective) + ((a ^ o) - 8);
  const int id_b = 48 * int(cb != perspective) + ((b ^ o) - 8);
  const int hi = std::max(id_a, id_b), lo = std::min(id_a, id_b);
  return hi * (hi - 1) / 2 + lo;
}

int pairs_touching(Bitboard changed_white, Bitboard changed_black, Bitboard white, Bitboard black, Pair* out,
                   int capacity) {
  int n = 0;
  // A changed square pairs with every unchanged pawn near it and with the changed ones not
  // yet visited, so a pair of two changed pawns is listed once.
  Bitboard pending = changed_white | changed_black;
  const Bitboard unchanged = (white | black) & ~pending;
  while (pending) {
    const Square a = pop_lsb(pending);
    const Color ca = (black & square_bb(a)) ? BLACK : WHITE;
    for (Bitboard partners = PARTNERS.of[a] & (unchanged | pending); partners && n < capacity;) {
      const Square b = pop_lsb(partners);
      out[n++] = {ca, a, (black & square_bb(b)) ? BLACK : WHITE, b};
    }
  }
  return n;
}

int pairs_removed(const PawnSets& before, const PawnSets& after, Pair* out, int capacity) {
  return pairs_touching(before.white & ~after.white, before.black & ~after.black, before.white, before.black, out,
                        capacity);
}

int pairs_added(const PawnSets& before, const PawnSets& after, Pair* out, int capacity) {
  return pairs_touching(after.white & ~before.white, after.black & ~before.black, after.white, after.black, out,
                        capacity);
}

}  // namespace corvid::nnue::pawn_pairs
