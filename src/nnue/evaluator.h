// One evaluation: accumulators -> transformed features -> the layer stack chosen by
// piece count -> the raw PSQT and positional outputs, as Stockfish defines them.
#pragma once

#include "nnue/accumulator.h"

namespace corvid::nnue {

struct RawEvaluation {
  int bucket = 0;           // (pieces on the board - 1) / 4
  int32_t psqt = 0;         // (psqt[stm] - psqt[~stm]) / 2, before / OUTPUT_SCALE
  int32_t positional = 0;   // fc_2 output + fc_0 skip term, before / OUTPUT_SCALE
};

// The accumulator stack must be at pos (pushed along the moves that led there).
RawEvaluation evaluate_raw(const Network& net, const Kernels& kernels, AccumulatorStack& stack,
                           const Position& pos);

// The layer stack alone, from a computed accumulator pair (tests use it too).
RawEvaluation propagate(const Network& net, const Kernels& kernels, const AccumulatorStack& stack,
                        const Position& pos);
// The same through a chosen bucket (the `eval` breakdown shows all eight).
RawEvaluation propagate_bucket(const Network& net, const Kernels& kernels, const AccumulatorStack& stack,
                               const Position& pos, int bucket);

}  // namespace corvid::nnue
