// Upcoming repetitions: the cuckoo tables of reversible moves, and the question the search
// asks of them (can the side to move return to a position of the current line?).
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "chess/cuckoo.h"
#include "chess/notation.h"
#include "chess/position.h"
#include "chess/zobrist.h"

using namespace corvid;

namespace {

Position after(const std::string& fen, const std::string& moves) {
  Position pos;
  std::string error;
  REQUIRE(pos.set_fen(fen, false, &error));
  std::istringstream in(moves);
  for (std::string text; in >> text;) {
    const Move m = parse_uci_move(pos, text);
    REQUIRE(m);
    pos.make_move(m);
  }
  return pos;
}

}  // namespace

TEST_CASE("cuckoo: every reversible move of every piece is stored once and found by its key", "[chess][cuckoo]") {
  Position start;  // fills the tables
  int stored = 0;
  for (int slot = 0; slot < cuckoo::SIZE; ++slot) {
    if (cuckoo::moves[slot] == Move::none()) continue;
    ++stored;
    CHECK(cuckoo::find(cuckoo::keys[slot]) == slot);
  }
  // From-to pairs on an empty board: knight 336, bishop 560, rook 896, queen 1456, king
  // 420; each pair stored once (both directions share a key) for each colour.
  CHECK(stored == 2 * (336 + 560 + 896 + 1456 + 420) / 2);
  const Piece knight = make_piece(WHITE, KNIGHT);
  const Key g1f3 = zobrist::piece_square[knight][SQ_G1] ^ zobrist::piece_square[knight][SQ_F3] ^ zobrist::side_to_move;
  const int slot = cuckoo::find(g1f3);
  REQUIRE(slot >= 0);
  CHECK(((cuckoo::moves[slot].from() == SQ_F3 && cuckoo::moves[slot].to() == SQ_G1) ||
         (cuckoo::moves[slot].from() == SQ_G1 && cuckoo::moves[slot].to() == SQ_F3)));
}

TEST_CASE("cuckoo: a knight's way back to the start position is an upcoming repetition", "[chess][cuckoo]") {
  const Position pos = after(std::string(START_FEN), "g1f3 g8f6 f3g1");
  CHECK(pos.has_upcoming_repetition(10));  // ...f6g8 returns to the start, 3 plies back
  CHECK_FALSE(pos.has_upcoming_repetition(3));  // that position is the search's root: not counted
  const Position other = after(std::string(START_FEN), "g1f3 g8f6 b1c3");
  CHECK_FALSE(other.has_upcoming_repetition(10));  // no single move undoes two knight moves
}

TEST_CASE("cuckoo: a slider's way back must be clear", "[chess][cuckoo]") {
  // The black rook goes a8-b8-b4-a4 while the white king walks e1-d1-c1-d1-e1: a4-a8
  // would repeat the first position, seven plies back, when nothing stands on a5-a7 (the
  // positions between differ from now in two pieces).
  const std::string moves = "e1d1 a8b8 d1c1 b8b4 c1d1 b4a4 d1e1";
  CHECK(after("r3k3/8/8/8/8/8/8/4K3 w - - 0 1", moves).has_upcoming_repetition(20));
  CHECK_FALSE(after("r3k3/8/8/8/8/8/8/4K3 w - - 0 1", moves).has_upcoming_repetition(7));
  CHECK_FALSE(after("r3k3/8/B7/8/8/8/8/4K3 w - - 0 1", moves).has_upcoming_repetition(20));
}
