#include "uci/position_command.h"

#include <sstream>
#include <vector>

#include "chess/notation.h"

namespace corvid {

PositionCommandResult apply_position_command(Position& pos, std::string_view args, bool chess960) {
  PositionCommandResult result;
  std::istringstream in{std::string(args)};
  std::string word;
  in >> word;
  std::string fen;
  if (word == "startpos") {
    fen = std::string(START_FEN);
    in >> word;
  } else if (word == "fen") {
    while (in >> word && word != "moves") fen += (fen.empty() ? "" : " ") + word;
  } else {
    result.error = word.empty() ? "position: expected 'startpos' or 'fen <FEN>'"
                                : "position: expected 'startpos' or 'fen', found '" + word + "'";
    return result;
  }
  if (!in.fail() && word != "moves" && word != "startpos") {
    result.error = "position: expected 'moves' after the position, found '" + word + "'";
    return result;
  }

  Position next = pos;
  std::string error;
  if (!next.set_fen(fen, chess960, &error)) {
    result.error = "position: " + error;
    return result;
  }
  while (in >> word) {
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
