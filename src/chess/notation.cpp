#include "chess/notation.h"

#include "chess/movegen.h"

namespace corvid {

std::string square_to_string(Square s) { return {char('a' + file_of(s)), char('1' + rank_of(s))}; }

std::string move_to_uci(Move m, bool chess960) {
  if (m == Move::none()) return "0000";
  if (m == Move::null()) return "0000";
  Square to = m.to();
  // Outside Chess960 castling is the king's two-square move, which names it uniquely only
  // from the e-file: a king elsewhere (a FEN may give it castling rights) could reach the
  // same square by a step (f1g1), so its castling is written king-takes-rook, as in Chess960.
  if (m.kind() == CASTLING && !chess960 && file_of(m.from()) == 4) {
    const bool king_side = to > m.from();
    to = make_square(king_side ? 6 : 2, rank_of(m.from()));
  }
  std::string text = square_to_string(m.from()) + square_to_string(to);
  if (m.kind() == PROMOTION) text += " pnbrqk"[m.promotion()];
  return text;
}

Move parse_uci_move(const Position& pos, std::string_view text) {
  MoveList moves;
  generate<LEGAL>(pos, moves);
  for (Move m : moves) {
    if (text == move_to_uci(m, pos.is_chess960())) return m;
    if (m.kind() == CASTLING && text == move_to_uci(m, true)) return m;
  }
  return Move::none();
}

}  // namespace corvid
