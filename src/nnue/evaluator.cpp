#include "nnue/evaluator.h"

namespace corvid::nnue {

namespace {

// Stockfish 12-18: fc_0's 16th output is the skip term, scaled so that 127 <<
// WEIGHT_SCALE_BITS means 600 * OUTPUT_SCALE.
int32_t skip_output_stack(const LayerStack& layers, const Kernels& kernels, const uint8_t* transformed, int l1) {
  alignas(64) int32_t fc0_out[FC0_OUTPUTS];
  alignas(64) uint8_t fc0_activated[FC1_INPUTS];
  alignas(64) int32_t fc1_out[FC1_OUTPUTS];
  alignas(64) uint8_t fc1_activated[FC1_OUTPUTS];
  kernels.fc0_forward(transformed, l1, layers.fc0_weights.data(), layers.fc0_weights_blocked.data(),
                      layers.fc0_biases.data(), fc0_out);
  fc0_activation_plain(fc0_out, fc0_activated);
  kernels.fc1_forward(fc0_activated, layers.fc1_weights.data(), layers.fc1_weights_blocked.data(),
                      layers.fc1_biases.data(), fc1_out);
  kernels.clipped_relu32(fc1_out, fc1_activated);
  const int32_t output = kernels.fc2_forward(fc1_activated, layers.fc2_weights.data(), layers.fc2_bias);
  const int32_t skip = int32_t(int64_t(fc0_out[FC0_OUTPUTS - 1]) * (600 * OUTPUT_SCALE) /
                               (127 * (1 << WEIGHT_SCALE_BITS)));
  return output + skip;
}

// Stockfish 19: fc_2 sees the squared and plain activations of fc_0 (>> 7) and of fc_1
// (>> 6), concatenated; the skip term is fc_0's last output but one minus its last. The sum
// is in units where 128 << (WEIGHT_SCALE_BITS + 1) means 1.0, rescaled to 600 *
// OUTPUT_SCALE in 64 bits, truncating as Stockfish does.
int32_t concat_stack(const LayerStack& layers, const Kernels& kernels, const uint8_t* transformed, int l1) {
  alignas(64) int32_t fc0_out[SF19_FC0_OUTPUTS];
  alignas(64) int32_t fc1_out[FC1_OUTPUTS];
  alignas(64) uint8_t activated[SF19_FC2_INPUTS];  // fc_1's input is the first 64
  kernels.fc0_forward32(transformed, l1, layers.fc0_weights.data(), layers.fc0_weights_blocked.data(),
                        layers.fc0_biases.data(), fc0_out);
  concat_activation_plain(fc0_out, WEIGHT_SCALE_BITS + 1, activated);
  kernels.fc1_forward64(activated, layers.fc1_weights.data(), layers.fc1_weights_blocked.data(),
                        layers.fc1_biases.data(), fc1_out);
  concat_activation_plain(fc1_out, WEIGHT_SCALE_BITS, activated + SF19_FC1_INPUTS);
  const int32_t output = kernels.fc2_forward128(activated, layers.fc2_weights.data(), layers.fc2_bias);
  const int64_t forward = int64_t(output) + fc0_out[SF19_FC0_OUTPUTS - 2] - fc0_out[SF19_FC0_OUTPUTS - 1];
  constexpr int64_t one = int64_t(128) * (1 << WEIGHT_SCALE_BITS) * 2;
  return int32_t(forward * (600 * OUTPUT_SCALE) / one);
}

}  // namespace

RawEvaluation propagate(const Network& net, const Kernels& kernels, const AccumulatorStack& stack,
                        const Position& pos) {
  return propagate_bucket(net, kernels, stack, pos, (pos.piece_count() - 1) / 4);
}

RawEvaluation propagate_bucket(const Network& net, const Kernels& kernels, const AccumulatorStack& stack,
                               const Position& pos, int bucket) {
  const Color us = pos.side_to_move(), them = ~us;
  RawEvaluation r;
  r.bucket = bucket;
  const bool threats = net.has_threats();
  const int32_t psqt_threats =
      threats ? stack.threats().psqt(us)[r.bucket] - stack.threats().psqt(them)[r.bucket] : 0;
  r.psqt = (stack.psqt(us)[r.bucket] - stack.psqt(them)[r.bucket] + psqt_threats) / 2;

  alignas(64) uint8_t transformed[MAX_L1];
  const LayerStack& layers = net.stack(r.bucket);
  if (threats)
    kernels.ft_transform_threats(stack.values(us), stack.threats().values(us), stack.values(them),
                                 stack.threats().values(them), transformed, net.l1());
  else
    kernels.ft_transform(stack.values(us), stack.values(them), transformed, net.l1());
  r.positional = net.graph() == LayerGraph::SkipOutput ? skip_output_stack(layers, kernels, transformed, net.l1())
                                                       : concat_stack(layers, kernels, transformed, net.l1());
  return r;
}

RawEvaluation evaluate_raw(const Network& net, const Kernels& kernels, AccumulatorStack& stack,
                           const Position& pos) {
  stack.update(pos, kernels);
  return propagate(net, kernels, stack, pos);
}

}  // namespace corvid::nnue
