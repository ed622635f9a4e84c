#include "chess/cuckoo.h"

#include <mutex>
#include <utility>

#include "chess/attacks.h"
#include "chess/zobrist.h"

namespace corvid::cuckoo {

Key keys[SIZE];
Move moves[SIZE];

namespace {

void fill() {
  for (Color c : {WHITE, BLACK})
    for (PieceType pt : {KNIGHT, BISHOP, ROOK, QUEEN, KING}) {
      const Piece piece = make_piece(c, pt);
      for (Square from = SQ_A1; from < SQUARE_NB; ++from)
        for (Square to = Square(from + 1); to < SQUARE_NB; ++to) {
          if (!(attacks_of(pt, from, 0) & square_bb(to))) continue;
          // The same move either way: one entry, its key the change of the position key.
          Move move(from, to);
          Key key = zobrist::piece_square[piece][from] ^ zobrist::piece_square[piece][to] ^ zobrist::side_to_move;
          // Cuckoo insertion: take the slot, moving any occupant to its other slot.
          int slot = slot1(key);
          for (;;) {
            std::swap(keys[slot], key);
            std::swap(moves[slot], move);
            if (move == Move::none()) break;
            slot = slot == slot1(key) ? slot2(key) : slot1(key);
          }
        }
    }
}

}  // namespace

void init() {
  static std::once_flag once;
  std::call_once(once, fill);
}

}  // namespace corvid::cuckoo
