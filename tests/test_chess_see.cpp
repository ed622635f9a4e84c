// Static exchange evaluation on hand-checked exchanges (values P=100, N=B=300, R=500, Q=900).
#include <catch2/catch.hpp>

#include "chess/notation.h"
#include "chess/see.h"

using namespace corvid;

namespace {

// The exact exchange value: see_ge holds at `value` and fails just above it.
void expect_see(const char* fen, const char* move, int value) {
  Position pos;
  std::string error;
  REQUIRE(pos.set_fen(fen, false, &error));
  const Move m = parse_uci_move(pos, move);
  REQUIRE(m != Move::none());
  INFO(fen << " " << move);
  CHECK(see_ge(pos, m, value));
  CHECK_FALSE(see_ge(pos, m, value + 1));
}

}  // namespace

TEST_CASE("SEE of hand-checked exchanges", "[chess][see]") {
  chess::init();
  // Rook takes a pawn defended by nothing that can take back profitably: +P.
  expect_see("1k1r4/1pp4p/p7/4p3/8/P5P1/1PP4P/2K1R3 w - - 0 1", "e1e5", 100);
  // Knight takes a pawn; knight, rook, bishop, queen pile in: the knight is lost for a pawn.
  expect_see("1k1r3q/1ppn3p/p4b2/4p3/8/P2N2P1/1PP1R1BP/2K1Q3 w - - 0 1", "d3e5", -200);
  // Undefended queen: +Q.
  expect_see("4k3/8/8/3q4/8/8/3R4/4K3 w - - 0 1", "d2d5", 900);
  // Queen takes a pawn defended by a pawn: -Q +P.
  expect_see("4k3/8/2p5/3p4/8/8/8/3QK3 w - - 0 1", "d1d5", -800);
  // Quiet move to an attacked square: loses the piece.
  expect_see("4k3/8/8/3p4/8/8/8/R3K3 w - - 0 1", "a1a4", 0);
  expect_see("4k3/8/8/3p4/R7/8/8/4K3 w - - 0 1", "a4c4", -500);
  // X-ray: the rook behind the rook recaptures, so R takes defended pawn and comes out +P.
  expect_see("4k3/3r4/8/3p4/8/8/3R4/3RK3 w - - 0 1", "d2d5", 100);
  // Two rooks each: the last capture is Black's, so White loses a rook for a pawn.
  expect_see("3rk3/3r4/8/3p4/8/8/3R4/3RK3 w - - 0 1", "d2d5", -400);
  // The king may take last only when nothing else can answer.
  expect_see("4k3/8/8/8/8/8/3p4/3QK3 w - - 0 1", "d1d2", 100);
  expect_see("4k3/8/8/8/8/8/3pK3/3b4 w - - 0 1", "e2d2", 100);
  // Q takes a pawn, the bishop takes back, the king takes last: -Q +P +B.
  expect_see("4k3/8/8/8/8/2b5/3p4/3QK3 w - - 0 1", "d1d2", -500);
  // ... but not while a rook behind still guards the square.
  expect_see("3rk3/8/8/8/8/2b5/3p4/3QK3 w - - 0 1", "d1d2", -800);
}
