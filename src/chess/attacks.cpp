#include "chess/attacks.h"

#include <mutex>

namespace corvid {

namespace tables {
Bitboard pawn_attacks[COLOR_NB][SQUARE_NB];
Bitboard knight_attacks[SQUARE_NB];
Bitboard king_attacks[SQUARE_NB];
Bitboard between[SQUARE_NB][SQUARE_NB];
Bitboard line[SQUARE_NB][SQUARE_NB];
}  // namespace tables

namespace {

Bitboard leaper_attacks(Square s, const int (&steps)[8][2]) {
  Bitboard b = 0;
  for (const auto& step : steps) {
    const int file = file_of(s) + step[0], rank = rank_of(s) + step[1];
    if (file >= 0 && file < 8 && rank >= 0 && rank < 8) b |= square_bb(make_square(file, rank));
  }
  return b;
}

void init_tables() {
  constexpr int knight_steps[8][2] = {{1, 2}, {2, 1}, {2, -1}, {1, -2}, {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}};
  constexpr int king_steps[8][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}, {-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
  magic::init();
#if defined(CORVID_HAS_PEXT)
  pext::init();
#endif
  for (Square s = SQ_A1; s < SQUARE_NB; ++s) {
    tables::pawn_attacks[WHITE][s] = pawn_attacks_bb<WHITE>(square_bb(s));
    tables::pawn_attacks[BLACK][s] = pawn_attacks_bb<BLACK>(square_bb(s));
    tables::knight_attacks[s] = leaper_attacks(s, knight_steps);
    tables::king_attacks[s] = leaper_attacks(s, king_steps);
  }
  for (Square a = SQ_A1; a < SQUARE_NB; ++a) {
    for (Square b = SQ_A1; b < SQUARE_NB; ++b) {
      tables::between[a][b] = square_bb(b);
      for (Slider slider : {BISHOP_SLIDER, ROOK_SLIDER}) {
        if (!(ray_attacks(slider, a, 0) & square_bb(b))) continue;
        tables::line[a][b] = (ray_attacks(slider, a, 0) & ray_attacks(slider, b, 0)) | square_bb(a) | square_bb(b);
        tables::between[a][b] |= ray_attacks(slider, a, square_bb(b)) & ray_attacks(slider, b, square_bb(a));
      }
    }
  }
}

}  // namespace

void init_attacks() {
  static std::once_flag once;
  std::call_once(once, init_tables);
}

}  // namespace corvid
