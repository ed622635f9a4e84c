// Attack tables for every piece, and the geometry (between / line) that legal move
// generation needs. Call init_attacks() once before use (chess::init does).
#pragma once

#include "chess/attacks_magic.h"
#include "chess/attacks_pext.h"

namespace corvid {

namespace tables {
extern Bitboard pawn_attacks[COLOR_NB][SQUARE_NB];
extern Bitboard knight_attacks[SQUARE_NB];
extern Bitboard king_attacks[SQUARE_NB];
extern Bitboard between[SQUARE_NB][SQUARE_NB];  // squares strictly between, plus the second square
extern Bitboard line[SQUARE_NB][SQUARE_NB];     // the whole line through both, if aligned
}  // namespace tables

void init_attacks();

// The sliding-attack backend this build uses: PEXT where the flavour has BMI2.
inline Bitboard slider_attacks(Slider slider, Square s, Bitboard occupied) {
#if defined(CORVID_HAS_PEXT)
  return pext::attacks(slider, s, occupied);
#else
  return magic::attacks(slider, s, occupied);
#endif
}
constexpr const char* slider_backend_name() {
#if defined(CORVID_HAS_PEXT)
  return "pext";
#else
  return "magic";
#endif
}

inline Bitboard bishop_attacks(Square s, Bitboard occupied) { return slider_attacks(BISHOP_SLIDER, s, occupied); }
inline Bitboard rook_attacks(Square s, Bitboard occupied) { return slider_attacks(ROOK_SLIDER, s, occupied); }
inline Bitboard queen_attacks(Square s, Bitboard occupied) {
  return bishop_attacks(s, occupied) | rook_attacks(s, occupied);
}
inline Bitboard pawn_attacks(Color c, Square s) { return tables::pawn_attacks[c][s]; }
inline Bitboard knight_attacks(Square s) { return tables::knight_attacks[s]; }
inline Bitboard king_attacks(Square s) { return tables::king_attacks[s]; }

// Attacks of a non-pawn piece type from s.
inline Bitboard attacks_of(PieceType pt, Square s, Bitboard occupied) {
  switch (pt) {
    case KNIGHT: return knight_attacks(s);
    case BISHOP: return bishop_attacks(s, occupied);
    case ROOK: return rook_attacks(s, occupied);
    case QUEEN: return queen_attacks(s, occupied);
    case KING: return king_attacks(s);
    default: return 0;
  }
}

// Squares strictly between a and b when aligned, plus b itself; just b otherwise.
// (Including b makes "block or capture the checker" one mask.)
inline Bitboard between_bb(Square a, Square b) { return tables::between[a][b]; }
inline Bitboard line_bb(Square a, Square b) { return tables::line[a][b]; }
inline bool aligned(Square a, Square b, Square c) { return line_bb(a, b) & square_bb(c); }

}  // namespace corvid
