#include "nnue/network.h"

#include <atomic>

#include "nnue/half_ka_v2_hm.h"
#include "nnue/overflow_bounds.h"

namespace corvid::nnue {

namespace {

// An affine layer's weights row-major as in the file ([outputs][inputs], columns beyond
// `inputs` dropped) and blocked for the SIMD kernels: [inputs/4][outputs][4], so that one
// broadcast 4-byte input block meets all outputs' weights in consecutive registers.
void block_weights(const AffineLayerData& layer, int outputs, int inputs, AlignedVector<int8_t>& plain,
                   AlignedVector<int8_t>& blocked) {
  plain.resize(size_t(outputs) * inputs);
  blocked.resize(size_t(outputs) * inputs);
  for (int o = 0; o < outputs; ++o)
    for (int i = 0; i < inputs; ++i) {
      const int8_t w = layer.weight(o, i);
      plain[size_t(o) * inputs + i] = w;
      blocked[(size_t(i / 4) * outputs + o) * 4 + i % 4] = w;
    }
}

}  // namespace

std::unique_ptr<Network> Network::from_data(const NetworkData& data, std::string* error) {
  NetworkData copy = data;
  return from_data(std::move(copy), error);
}

std::unique_ptr<Network> Network::from_data(NetworkData&& data, std::string* error) {
  const Architecture& arch = data.arch;
  auto refuse = [&](const std::string& why) {
    if (error) *error = why;
    return std::unique_ptr<Network>();
  };
  const FeatureSet& fs = arch.feature_set;
  if (fs.support != FeatureSetSupport::Evaluable)
    return refuse("the evaluator does not support this net's feature set, " + std::string(fs.name));
  if (arch.l2 != fs.l2 || arch.l3 != fs.l3 || arch.psqt_buckets != PSQT_BUCKETS || arch.layer_stacks != LAYER_STACKS)
    return refuse("the evaluator supports " + std::string(fs.name) + " nets with L2=" + std::to_string(fs.l2) +
                  ", L3=" + std::to_string(fs.l3) + ", 8 buckets and 8 stacks; this net is " + arch.describe());
  if (arch.l1 % 128 != 0 || arch.l1 < MIN_L1 || arch.l1 > MAX_L1)
    return refuse("the evaluator supports L1 from 128 to 3072 in steps of 128; this net has L1=" +
                  std::to_string(arch.l1));
  if (const std::string mismatch = shape_mismatch(data); !mismatch.empty()) return refuse(mismatch);
  if (const std::string risk = overflow_risk(data); !risk.empty()) return refuse(risk);

  static std::atomic<uint64_t> next_id{1};
  auto net = std::unique_ptr<Network>(new Network());
  net->id_ = next_id++;
  net->arch_ = arch;
  net->description_ = data.description;
  net->l1_ = int(arch.l1);
  const int l1 = net->l1_;
  net->ft_biases_.assign(data.ft.biases.begin(), data.ft.biases.end());
  net->ft_weights_ = std::move(data.ft.weights);
  net->psqt_weights_.assign(data.ft.psqt_weights.begin(), data.ft.psqt_weights.end());
  net->threat_weights_ = std::move(data.ft.threat_weights);
  net->threat_psqt_weights_.assign(data.ft.threat_psqt_weights.begin(), data.ft.threat_psqt_weights.end());

  net->stacks_.resize(LAYER_STACKS);
  for (int b = 0; b < LAYER_STACKS; ++b) {
    const LayerStackData& in = data.stacks[b];
    LayerStack& out = net->stacks_[b];
    out.fc0_outputs = int(arch.fc0_outputs());
    out.fc1_inputs = int(pad_to_32(arch.fc1_inputs()));  // Stockfish 12-18: 30 used, 2 padding
    out.fc2_inputs = int(arch.fc2_inputs());
    out.fc0_biases.assign(in.fc0.biases.begin(), in.fc0.biases.end());
    block_weights(in.fc0, out.fc0_outputs, l1, out.fc0_weights, out.fc0_weights_blocked);
    out.fc1_biases.assign(in.fc1.biases.begin(), in.fc1.biases.end());
    block_weights(in.fc1, int(arch.fc1_outputs()), out.fc1_inputs, out.fc1_weights, out.fc1_weights_blocked);
    out.fc2_bias = in.fc2.biases[0];
    out.fc2_weights.resize(out.fc2_inputs);
    for (int i = 0; i < out.fc2_inputs; ++i) out.fc2_weights[i] = in.fc2.weight(0, i);
  }
  return net;
}

}  // namespace corvid::nnue
