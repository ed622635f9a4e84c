// Load-time proof that evaluating a net cannot overflow a signed integer. From the
// weights it bounds every int32 sum the evaluator forms (the PSQT accumulation, fc_0,
// fc_1, fc_2 with their biases, the skip term, and the raw outputs the search and UCI
// scale), whatever the position and whatever order a kernel adds in; a net whose
// bound could pass the int32 range is refused, naming the tensor. The int16
// feature-transformer accumulators are not bounded: they wrap by definition (as in
// Stockfish) and are clamped to 0..127 before use.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "nnue/network_data.h"

namespace corvid::nnue {

// One block of feature-transformer inputs as the PSQT accumulation sees it. A feature
// set with more blocks (Full_Threats: the threat features, up to 128 more active) passes
// one entry per block.
struct PsqtInputBlock {
  std::string_view tensor;           // its name in messages, e.g. "FT PSQT weights"
  std::span<const int32_t> weights;  // [inputs][buckets]
  int max_active = 0;                // most features of this block active at once, per perspective
};

// What the layer stack's inputs can be, and how its outputs combine.
struct LayerInputRanges {
  int ft_output_max = 127 * 127 / 128;  // a pairwise product of two values clamped to 0..127, / 128
  int activation_max = 127;             // (squared) clipped ReLU outputs feeding fc_1 and fc_2
  LayerGraph graph = LayerGraph::SkipOutput;
};

// The largest |psqt| + |positional| raw output accepted: the search divides by 16 and
// then multiplies by up to 200 (the 50-move scaling), UCI by 100 (centipawns), in int.
inline constexpr int64_t MAX_RAW_OUTPUT = int64_t(INT32_MAX) / 200 * 16;

// Empty when no sum can overflow; else which tensor could make one, and how far.
std::string overflow_risk(std::span<const PsqtInputBlock> psqt_inputs, int psqt_buckets,
                          std::span<const LayerStackData> stacks, const LayerInputRanges& ranges = {});

// The same for a net of any evaluable generation, with its active-feature counts,
// transform range and layer graph.
std::string overflow_risk(const NetworkData& net);

}  // namespace corvid::nnue
