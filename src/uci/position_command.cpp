#include "uci/position_command.h"

#include <sstream>
#include <vector>

#include "chess/notation.h"

namespace corvid {

PositionSpec parse_position_spec(std::string_view args, bool allow_bare_fen) {
  PositionSpec spec;
  std::istringstream in{std::string(args)};
  std::string word;
  in >> word;
  if (word == "startpos") {
    spec.fen = std::string(START_FEN);
    in >> word;
  } else if (word == "fen" || (allow_bare_fen && !word.empty())) {
    if (word != "fen") spec.fen = word;  // a bare FEN's first field
    while (in >> word && word != "moves") spec.fen += (spec.fen.empty() ? "" : " ") + word;
  } else {
    spec.error = word.empty() ? "expected 'startpos' or 'fen <FEN>'" : "expected 'startpos' or 'fen', found '" + word + "'";
    return spec;
  }
  if (!in.fail() && word != "moves" && word != "startpos") {
    spec.error = "expected 'moves' after the position, found '" + word + "'";
    return spec;
  }
  while (in >> word) spec.moves.push_back(word);
  return spec;
}

PositionCommandResult apply_position_command(Position& pos, std::string_view args, bool chess960) {
  PositionCommandResult result;
  const PositionSpec spec = parse_position_spec(args);
  if (!spec.error.empty()) {
    result.error = "position: " + spec.error;
    return result;
  }
  Position next = pos;
  std::string error;
  if (!next.set_fen(spec.fen, chess960, &error)) {
    result.error = "position: " + error;
    return result;
  }
  for (const std::string& word : spec.moves) {
    const Move m = parse_uci_move(next, word);
    if (m == Move::none()) {
      result.error = "position: move " + std::to_string(result.moves_applied + 1) + " '" + word +
                     "' is not legal in " + next.fen() + "; kept the position after the moves before it";
      break;
    }
    next.make_move(m);
    ++result.moves_applied;
  }
  pos = std::move(next);
  result.position_set = true;
  return result;
}

}  // namespace corvid
