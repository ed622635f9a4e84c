// The argument of UCI `position` (and of `corvid eval` lines): startpos | fen <FEN>,
// then optionally `moves m1 m2 ...`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chess/position.h"

namespace corvid {

// The grammar alone: which FEN and which move words, not yet checked against a board.
struct PositionSpec {
  std::string fen;
  std::vector<std::string> moves;
  std::string error;  // empty when the syntax was right
};

// `startpos [moves ...]` or `fen <FEN> [moves ...]`; with allow_bare_fen (the `corvid eval`
// lines) a FEN without the `fen` keyword too.
PositionSpec parse_position_spec(std::string_view args, bool allow_bare_fen = false);

struct PositionCommandResult {
  bool position_set = false;  // false: bad FEN or syntax, the position was left as it was
  int moves_applied = 0;
  std::string error;          // empty when everything was applied
};

// Applies `args` to pos. A bad FEN leaves pos unchanged; an illegal or unknown move
// stops at the last legal prefix of the move list (and says which move).
PositionCommandResult apply_position_command(Position& pos, std::string_view args, bool chess960);

}  // namespace corvid
