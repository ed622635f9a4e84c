#include "uci/eval_trace.h"

#include <cstdio>

#include "nnue/evaluator.h"
#include "nnue/score.h"

namespace corvid {

namespace {

// Pawns from White's point of view, like the rest of the table.
std::string pawns(int32_t raw, Color stm) {
  const int cp = nnue::raw_to_centipawns(stm == WHITE ? raw : -raw);
  char text[16];
  std::snprintf(text, sizeof text, "%+.2f", cp / 100.0);
  return text;
}

}  // namespace

std::string eval_trace(const nnue::Network& net, const Position& pos) {
  const nnue::Kernels& kernels = nnue::build_kernels();
  nnue::AccumulatorStack stack;
  stack.set_network(&net);
  stack.refresh_from_scratch(pos, kernels);
  const Color stm = pos.side_to_move();
  const int used = (pos.piece_count() - 1) / 4;

  std::string out = "\n NNUE contributions, in pawns from White's point of view\n";
  out += " +--------+------------+------------+------------+\n";
  out += " | bucket | PSQT       | positional | total      |\n";
  out += " +--------+------------+------------+------------+\n";
  char row[128];
  for (int b = 0; b < nnue::LAYER_STACKS; ++b) {
    const nnue::RawEvaluation e = nnue::propagate_bucket(net, kernels, stack, pos, b);
    std::snprintf(row, sizeof row, " | %6d | %10s | %10s | %10s |%s\n", b, pawns(e.psqt, stm).c_str(),
                  pawns(e.positional, stm).c_str(), pawns(e.psqt + e.positional, stm).c_str(),
                  b == used ? " <- used for this position" : "");
    out += row;
  }
  out += " +--------+------------+------------+------------+\n";
  const nnue::RawEvaluation e = nnue::propagate(net, kernels, stack, pos);
  out += "\n NNUE evaluation " + pawns(e.psqt + e.positional, stm) + " (White side)\n";
  return out;
}

}  // namespace corvid
