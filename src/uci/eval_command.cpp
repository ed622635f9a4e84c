#include "uci/eval_command.h"

#include <iostream>
#include <sstream>

#include "chess/notation.h"
#include "nnue/evaluator.h"
#include "nnue/score.h"
#include "uci/position_command.h"

namespace corvid {

namespace {

// Sets pos to the line's position, pushing each move on the stack. Empty on success.
std::string replay_line(const std::string& line, Position& pos, nnue::AccumulatorStack& stack) {
  const PositionSpec spec = parse_position_spec(line, true);
  if (!spec.error.empty()) return spec.error;
  std::string error;
  if (!pos.set_fen(spec.fen, false, &error)) return error;
  stack.reset();
  for (const std::string& word : spec.moves) {
    const Move m = parse_uci_move(pos, word);
    if (m == Move::none()) return "move '" + word + "' is not legal in " + pos.fen();
    stack.push(pos, m);
    pos.make_move(m);
  }
  return {};
}

}  // namespace

void run_eval_lines(const nnue::Network& net, bool raw, std::istream& in, std::ostream& out) {
  nnue::AccumulatorStack stack;
  stack.set_network(&net);
  const nnue::Kernels& kernels = nnue::build_kernels();
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      out << "error: empty line\n";
      continue;
    }
    Position pos;
    if (const std::string error = replay_line(line, pos, stack); !error.empty()) {
      out << "error: " << error << '\n';
      continue;
    }
    const nnue::RawEvaluation e = nnue::evaluate_raw(net, kernels, stack, pos);
    if (raw) out << e.bucket << ' ' << e.psqt << ' ' << e.positional << '\n';
    else
      out << e.bucket << ' ' << nnue::raw_to_centipawns(e.psqt) << ' ' << nnue::raw_to_centipawns(e.positional) << '\n';
  }
  out.flush();
}

}  // namespace corvid
