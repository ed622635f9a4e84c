// Moves in UCI long algebraic notation (e2e4, e7e8q; castling e1g1, or king takes rook,
// e1h1, in Chess960 and for a king that does not start on the e-file).
#pragma once

#include <string>
#include <string_view>

#include "chess/position.h"

namespace corvid {

std::string square_to_string(Square s);
std::string move_to_uci(Move m, bool chess960);

// The legal move that `text` names in pos, or Move::none(). Castling is accepted as
// king-takes-rook always, and as the king's two-square move outside Chess960.
Move parse_uci_move(const Position& pos, std::string_view text);

}  // namespace corvid
