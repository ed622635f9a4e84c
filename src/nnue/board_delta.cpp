#include "nnue/board_delta.h"

namespace corvid::nnue {

BoardDelta board_delta(const Position& before, Move m) {
  BoardDelta d;
  const Color us = before.side_to_move();
  const Square from = m.from(), to = m.to();
  const Piece moved = before.piece_on(from);
  if (m.kind() == CASTLING) {
    const bool king_side = to > from;
    d.pieces[d.count++] = {moved, from, Position::castling_king_target(us, king_side)};
    d.pieces[d.count++] = {before.piece_on(to), to, Position::castling_rook_target(us, king_side)};
    return d;
  }
  const Square capture_square = m.kind() == EN_PASSANT ? to - pawn_push(us) : to;
  if (const Piece captured = before.piece_on(capture_square); captured != NO_PIECE)
    d.pieces[d.count++] = {captured, capture_square, SQ_NONE};
  if (m.kind() == PROMOTION) {
    d.pieces[d.count++] = {moved, from, SQ_NONE};
    d.pieces[d.count++] = {make_piece(us, m.promotion()), SQ_NONE, to};
  } else {
    d.pieces[d.count++] = {moved, from, to};
  }
  return d;
}

}  // namespace corvid::nnue
