#include "uci/eval_trace.h"

#include <cstdio>

#include "nnue/evaluator.h"
#include "nnue/score.h"
#include "search/evaluate.h"
#include "uci/score_model.h"

namespace corvid {

namespace {

// Pawns from White's point of view, like the rest of the table.
std::string pawns(int32_t raw, Color stm) {
  const int cp = nnue::raw_to_centipawns(stm == WHITE ? raw : -raw);
  char text[16];
  std::snprintf(text, sizeof text, "%+.2f", cp / 100.0);
  return text;
}

// The bucket table of one net.
std::string bucket_table(const char* title, const nnue::Network& net, const Position& pos) {
  const nnue::Kernels& kernels = nnue::build_kernels();
  nnue::AccumulatorStack stack;
  stack.set_network(&net);
  stack.refresh_from_scratch(pos, kernels);
  const Color stm = pos.side_to_move();
  const int used = (pos.piece_count() - 1) / 4;

  std::string out = std::string("\n ") + title + " (" + net.architecture().describe() +
                    "): NNUE contributions, in pawns from White's point of view\n";
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
  out += " " + std::string(title) + " raw: bucket " + std::to_string(e.bucket) + " psqt " + std::to_string(e.psqt) +
         " positional " + std::to_string(e.positional) + "; NNUE evaluation " + pawns(e.psqt + e.positional, stm) +
         " (White side)\n";
  return out;
}

}  // namespace

std::string eval_trace(const nnue::Networks& nets, const Position& pos) {
  std::string out = bucket_table("Big net", *nets.big, pos);
  if (nets.small) out += bucket_table(nets.paired() ? "Small net" : "Small net (unused: not paired)", *nets.small, pos);

  search::Evaluator evaluator;
  evaluator.set_networks(nets);
  evaluator.reset();
  search::EvalDetail detail;
  const int value = evaluator.evaluate(pos, nnue::build_kernels(), 0, &detail);
  const char* used = detail.used_small ? "small net" : nets.paired() && detail.small_evaluated
                                                           ? "big net (the small net found it close)"
                                                           : "big net";
  const int white_value = pos.side_to_move() == WHITE ? value : -value;
  char line[160];
  std::snprintf(line, sizeof line, "\n Net used: %s\n Final evaluation %+.2f (White side, internal units %d)\n",
                used, uci::to_centipawns(white_value) / 100.0, white_value);
  return out + line;
}

}  // namespace corvid
