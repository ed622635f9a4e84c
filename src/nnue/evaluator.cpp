#include "nnue/evaluator.h"

namespace corvid::nnue {

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
  alignas(64) int32_t fc0_out[FC0_OUTPUTS];
  alignas(64) uint8_t fc0_activated[FC1_INPUTS];
  alignas(64) int32_t fc1_out[FC1_OUTPUTS];
  alignas(64) uint8_t fc1_activated[FC1_OUTPUTS];
  const LayerStack& layers = net.stack(r.bucket);
  if (threats)
    kernels.ft_transform_threats(stack.values(us), stack.threats().values(us), stack.values(them),
                                 stack.threats().values(them), transformed, net.l1());
  else
    kernels.ft_transform(stack.values(us), stack.values(them), transformed, net.l1());
  kernels.fc0_forward(transformed, net.l1(), layers.fc0_weights.data(), layers.fc0_weights_blocked.data(),
                      layers.fc0_biases.data(), fc0_out);
  fc0_activation_plain(fc0_out, fc0_activated);
  kernels.fc1_forward(fc0_activated, layers.fc1_weights.data(), layers.fc1_weights_blocked.data(),
                      layers.fc1_biases.data(), fc1_out);
  kernels.clipped_relu32(fc1_out, fc1_activated);
  const int32_t output = kernels.fc2_forward(fc1_activated, layers.fc2_weights.data(), layers.fc2_bias);
  // The skip output is scaled so that 127 << WEIGHT_SCALE_BITS means 600 * OUTPUT_SCALE.
  const int32_t skip = int32_t(int64_t(fc0_out[FC0_OUTPUTS - 1]) * (600 * OUTPUT_SCALE) /
                               (127 * (1 << WEIGHT_SCALE_BITS)));
  r.positional = output + skip;
  return r;
}

RawEvaluation evaluate_raw(const Network& net, const Kernels& kernels, AccumulatorStack& stack,
                           const Position& pos) {
  stack.update(pos, kernels);
  return propagate(net, kernels, stack, pos);
}

}  // namespace corvid::nnue
