#include "chess/see.h"

namespace corvid {

bool see_ge(const Position& pos, Move m, int threshold) {
  if (m.kind() != NORMAL) return threshold <= 0;
  const Square from = m.from(), to = m.to();

  // balance: what the side to move in the exchange is ahead by if the other side stops now.
  int balance = SEE_PIECE_VALUE[type_of(pos.piece_on(to))] - threshold;
  if (balance < 0) return false;  // even an unanswered capture is not enough
  balance = SEE_PIECE_VALUE[type_of(pos.piece_on(from))] - balance;
  if (balance <= 0) return true;  // even losing the capturer keeps the threshold

  Bitboard occupied = pos.pieces() ^ square_bb(from) ^ square_bb(to);
  Bitboard attackers = pos.attackers_to(to, occupied);
  const Bitboard diagonal = pos.pieces(BISHOP, QUEEN), straight = pos.pieces(ROOK, QUEEN);
  Color side = pos.side_to_move();
  bool mover_wins = true;

  for (;;) {
    side = ~side;
    attackers &= occupied;
    const Bitboard ours = attackers & pos.pieces(side);
    if (!ours) break;
    mover_wins = !mover_wins;

    PieceType least = PAWN;
    while (!(ours & pos.pieces(least))) least = PieceType(least + 1);
    if (least == KING)  // the king may only take last
      return (attackers & ~pos.pieces(side)) ? !mover_wins : mover_wins;

    balance = SEE_PIECE_VALUE[least] - balance;
    if (balance < int(mover_wins)) break;
    occupied ^= square_bb(lsb(ours & pos.pieces(least)));
    // Sliders behind the piece that just took join in (x-rays).
    if (least == PAWN || least == BISHOP || least == QUEEN) attackers |= bishop_attacks(to, occupied) & diagonal;
    if (least == ROOK || least == QUEEN) attackers |= rook_attacks(to, occupied) & straight;
  }
  return mover_wins;
}

}  // namespace corvid
