// Zobrist hashing keys: one random 64-bit number per feature of a position.
#pragma once

#include "chess/types.h"

namespace corvid::zobrist {

extern Key piece_square[PIECE_NB][SQUARE_NB];
extern Key castling[CASTLING_RIGHT_NB];
extern Key en_passant_file[8];
extern Key side_to_move;  // xored in when Black is to move

void init();

}  // namespace corvid::zobrist
