// Static exchange evaluation: whether the sequence of captures on a move's target square,
// each side always taking with its least valuable piece and free to stop, leaves the
// mover at least `threshold` up. Pins are ignored; en passant, castling and promotions
// count as an exchange of nothing.
#pragma once

#include "chess/position.h"

namespace corvid {

inline constexpr int SEE_PIECE_VALUE[PIECE_TYPE_NB] = {0, 100, 300, 300, 500, 900, 0};

bool see_ge(const Position& pos, Move m, int threshold);

}  // namespace corvid
