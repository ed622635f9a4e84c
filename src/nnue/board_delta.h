// The pieces a move changes, in board terms: the record each accumulator entry keeps of
// the move that led to it, from which the feature sets derive their own changes.
#pragma once

#include "chess/position.h"

namespace corvid::nnue {

// A piece that appeared (from == SQ_NONE), vanished (to == SQ_NONE) or moved.
struct DirtyPiece {
  Piece piece = NO_PIECE;
  Square from = SQ_NONE;
  Square to = SQ_NONE;
};

struct BoardDelta {
  DirtyPiece pieces[3];
  int count = 0;
};

// What `m` changes on the board of `before` (the position m is played from).
BoardDelta board_delta(const Position& before, Move m);

}  // namespace corvid::nnue
