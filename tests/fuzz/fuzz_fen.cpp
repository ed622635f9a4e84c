// Fuzz target `fen`: Position::set_fen on any bytes, in both castling conventions. A FEN
// that is refused must leave the position as it was; one that is accepted must print a FEN
// that reads back to the same position, and every legal move must be legal, agree with
// gives_check and notation, keep the incremental keys equal to keys computed from scratch,
// and be undone exactly by unmake_move.
#include <string>

#include "chess/movegen.h"
#include "chess/notation.h"
#include "chess/position.h"
#include "fuzz_support.h"

using namespace corvid;

namespace {

std::string describe(const Position& pos) { return pos.fen() + " (key " + std::to_string(pos.key()) + ")"; }

void check_keys(const Position& pos, const std::string& where) {
  FUZZ_CHECK(pos.key() == pos.compute_key(), "incremental key differs from a fresh one " + where);
  FUZZ_CHECK(pos.pawn_key() == pos.compute_pawn_key(), "incremental pawn key differs from a fresh one " + where);
  for (Color c : {WHITE, BLACK})
    FUZZ_CHECK(pos.non_pawn_key(c) == pos.compute_non_pawn_key(c), "incremental non-pawn key differs from a fresh one " + where);
}

void check_accepted(Position& pos, bool chess960) {
  const std::string fen = pos.fen();
  check_keys(pos, "after set_fen: " + fen);

  // What it prints reads back to the same position.
  Position again;
  std::string error;
  FUZZ_CHECK(again.set_fen(fen, chess960, &error), "printed FEN '" + fen + "' is refused: " + error);
  FUZZ_CHECK(again.key() == pos.key() && again.fen() == fen,
             "printed FEN '" + fen + "' reads back as " + describe(again));
  for (CastlingRights cr : {WHITE_OO, WHITE_OOO, BLACK_OO, BLACK_OOO})
    if (pos.castling_rights() & cr)
      FUZZ_CHECK(again.castling_rook_square(cr) == pos.castling_rook_square(cr),
                 "printed FEN '" + fen + "' names another castling rook for right " + std::to_string(int(cr)));

  MoveList legal;
  generate<LEGAL>(pos, legal);
  FUZZ_CHECK(uint64_t(legal.size()) == count_legal_moves(pos), "generate<LEGAL> and count_legal_moves differ at " + fen);
  MoveList captures, quiets;
  generate<CAPTURES>(pos, captures);
  generate<QUIETS>(pos, quiets);
  FUZZ_CHECK(captures.size() + quiets.size() == legal.size(), "CAPTURES + QUIETS != LEGAL at " + fen);
  if (pos.in_check()) {
    MoveList evasions;
    generate<EVASIONS>(pos, evasions);
    FUZZ_CHECK(evasions.size() == legal.size(), "EVASIONS != LEGAL in check at " + fen);
  }

  const Key key = pos.key();
  const Color us = pos.side_to_move();
  for (Move m : legal) {
    const std::string uci = move_to_uci(m, chess960);
    FUZZ_CHECK(pos.is_legal(m), "generated move " + uci + " is not is_legal at " + fen);
    FUZZ_CHECK(parse_uci_move(pos, uci) == m, "move " + uci + " does not parse back at " + fen);
    const bool checks = pos.gives_check(m);
    pos.make_move(m);
    const std::string after = " after " + uci + " from " + fen;
    FUZZ_CHECK(!(pos.attackers_to(pos.king_square(us)) & pos.pieces(~us)), "the mover's king is attacked" + after);
    FUZZ_CHECK(checks == pos.in_check(), "gives_check disagrees with the position" + after);
    check_keys(pos, after);
    pos.unmake_move(m);
    FUZZ_CHECK(pos.key() == key && pos.fen() == fen, "unmake_move does not restore the position" + after);
  }
}

void parse(std::string_view text, bool chess960) {
  Position pos;
  const std::string before = pos.fen();
  std::string error;
  if (pos.set_fen(text, chess960, &error)) {
    check_accepted(pos, chess960);
  } else {
    FUZZ_CHECK(!error.empty(), "a refused FEN gave no reason");
    FUZZ_CHECK(pos.fen() == before && pos.key() == pos.compute_key(), "a refused FEN changed the position");
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  chess::init();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // FENs are short; long inputs only slow the search down
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  parse(text, false);
  parse(text, true);
  return 0;
}
