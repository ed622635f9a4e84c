#include "nnue/overflow_bounds.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "nnue/network.h"

namespace corvid::nnue {

namespace {

constexpr int64_t INT32_LIMIT = INT32_MAX;  // |x| <= this fits int32 both ways

std::string too_large(const std::string& tensor, int64_t bound, int64_t limit) {
  return tensor + " could make a sum of " + std::to_string(bound) + ", beyond the " +
         std::to_string(limit) + " the evaluator's integers hold (the net's values are too extreme)";
}

// |bias| + max_input * sum |w| over the stored row: it bounds every partial sum, so it
// holds for any order of addition and any subset a sparse kernel visits.
int64_t affine_output_bound(const AffineLayerData& layer, uint32_t out, int max_input) {
  int64_t weights = 0;
  for (uint32_t in = 0; in < layer.padded_inputs; ++in) weights += std::abs(int(layer.weight(out, in)));
  return std::abs(int64_t(layer.biases[out])) + int64_t(max_input) * weights;
}

// The largest output bound of a layer, or -1 (with *risk set) when one passes int32.
int64_t affine_layer_bound(const AffineLayerData& layer, int max_input, const std::string& name, std::string* risk) {
  int64_t largest = 0;
  for (uint32_t out = 0; out < layer.outputs; ++out) {
    const int64_t bound = affine_output_bound(layer, out, max_input);
    if (bound > INT32_LIMIT) {
      *risk = too_large(name + " (output " + std::to_string(out) + ": biases and weights)", bound, INT32_LIMIT);
      return -1;
    }
    largest = std::max(largest, bound);
  }
  return largest;
}

}  // namespace

std::string overflow_risk(std::span<const PsqtInputBlock> psqt_inputs, int psqt_buckets,
                          std::span<const LayerStackData> stacks, const LayerInputRanges& ranges) {
  // PSQT: a perspective's accumulator is the sum of its active features' weights. On the
  // way from one position's features to another's (incremental update or cache refresh)
  // every partial sum is over a subset of the two sets together, so at most twice the
  // active count per block; the difference of the two perspectives is bounded the same.
  int64_t psqt_bound = 0;
  for (int b = 0; b < psqt_buckets; ++b) {
    int64_t bucket_bound = 0;
    for (const PsqtInputBlock& block : psqt_inputs) {
      int64_t largest = 0;
      for (std::size_t i = std::size_t(b); i < block.weights.size(); i += std::size_t(psqt_buckets))
        largest = std::max(largest, std::abs(int64_t(block.weights[i])));
      bucket_bound += 2 * int64_t(block.max_active) * largest;
      if (bucket_bound > INT32_LIMIT)
        return too_large(std::string(block.tensor) + " (bucket " + std::to_string(b) + ")", bucket_bound, INT32_LIMIT);
    }
    psqt_bound = std::max(psqt_bound, bucket_bound);
  }
  const int64_t psqt_output = psqt_bound / 2;  // (us - them) / 2

  for (std::size_t s = 0; s < stacks.size(); ++s) {
    const LayerStackData& stack = stacks[s];
    const std::string where = "layer stack " + std::to_string(s) + " ";
    std::string risk;
    if (affine_layer_bound(stack.fc0, ranges.ft_output_max, where + "fc_0", &risk) < 0) return risk;
    if (affine_layer_bound(stack.fc1, ranges.activation_max, where + "fc_1", &risk) < 0) return risk;
    const int64_t fc2 = affine_layer_bound(stack.fc2, ranges.activation_max, where + "fc_2", &risk);
    if (fc2 < 0) return risk;
    const uint32_t last = stack.fc0.outputs - 1;
    int64_t positional = 0;
    if (ranges.graph == LayerGraph::SkipOutput) {
      // The skip term: fc_0's last output scaled so that 127 << 6 means 600 * 16.
      const int64_t skip_input = affine_output_bound(stack.fc0, last, ranges.ft_output_max);
      const int64_t skip = skip_input * (600 * OUTPUT_SCALE) / (127 * (1 << WEIGHT_SCALE_BITS));
      if (fc2 + skip > INT32_LIMIT) return too_large(where + "fc_2 and the fc_0 skip output", fc2 + skip, INT32_LIMIT);
      positional = fc2 + skip;
    } else {
      // fc_2 plus fc_0's last output but one minus its last, an int32 sum in Stockfish,
      // then scaled by 600 * 16 / (128 * 64 * 2).
      const int64_t sum = fc2 + affine_output_bound(stack.fc0, last - 1, ranges.ft_output_max) +
                          affine_output_bound(stack.fc0, last, ranges.ft_output_max);
      if (sum > INT32_LIMIT) return too_large(where + "fc_2 and the fc_0 skip outputs", sum, INT32_LIMIT);
      positional = sum * (600 * OUTPUT_SCALE) / (128 * (1 << WEIGHT_SCALE_BITS) * 2);
    }
    if (psqt_output + positional > MAX_RAW_OUTPUT)
      return too_large(where + "output (PSQT weights, fc_2 and the fc_0 skip output together)",
                       psqt_output + positional, MAX_RAW_OUTPUT);
  }
  return {};
}

std::string overflow_risk(const NetworkData& net) {
  // At most 32 pieces: 32 piece-square features. Threat features are (attacker, attacked)
  // pairs of occupied squares; a piece attacks at most 8 of them (a slider sees one
  // blocker per ray, a knight or king has 8 targets), so at most 32 * 8 = 256 are active
  // (Corvid does not cut them at Stockfish's 128).
  // Pawn pairs: 16 pawns, each paired with at most 17 squares, at most 136 pairs.
  const FeatureSet& fs = net.arch.feature_set;
  std::vector<PsqtInputBlock> blocks{{"FT PSQT weights", net.ft.psqt_weights, 32}};
  LayerInputRanges ranges;
  ranges.graph = fs.graph;
  const std::span<const int32_t> int8_rows_psqt(net.ft.threat_psqt_weights);
  const std::size_t threat_values = std::size_t(fs.threat_inputs) * net.arch.psqt_buckets;
  if (fs.threat_inputs > 0) {
    blocks.push_back({"FT threat PSQT weights", int8_rows_psqt.first(threat_values), 256});
    ranges.ft_output_max = 255 * 255 / 512;  // the threat transform clips to 0..255, products / 512
  }
  if (fs.pair_inputs > 0) blocks.push_back({"FT pawn-pair PSQT weights", int8_rows_psqt.subspan(threat_values), 136});
  return overflow_risk(blocks, int(net.arch.psqt_buckets), net.stacks, ranges);
}

}  // namespace corvid::nnue
