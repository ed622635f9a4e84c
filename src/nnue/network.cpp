#include "nnue/network.h"

#include <atomic>

#include "nnue/half_ka_v2_hm.h"
#include "nnue/overflow_bounds.h"

namespace corvid::nnue {

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
  if (!(arch.feature_set == HALF_KA_V2_HM) && !(arch.feature_set == FULL_THREATS_HALF_KA_V2_HM))
    return refuse("the evaluator supports HalfKAv2_hm and Full_Threats+HalfKAv2_hm nets only; this net's feature set is " +
                  std::string(arch.feature_set.name));
  if (arch.l2 != 15 || arch.l3 != 32 || arch.psqt_buckets != PSQT_BUCKETS || arch.layer_stacks != LAYER_STACKS)
    return refuse("the evaluator supports L2=15, L3=32, 8 buckets and 8 stacks; this net is " + arch.describe());
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
    out.fc0_biases.assign(in.fc0.biases.begin(), in.fc0.biases.end());
    out.fc0_weights.resize(size_t(FC0_OUTPUTS) * l1);
    out.fc0_weights_blocked.resize(size_t(FC0_OUTPUTS) * l1);
    for (int o = 0; o < FC0_OUTPUTS; ++o)
      for (int i = 0; i < l1; ++i) {
        const int8_t w = in.fc0.weight(o, i);
        out.fc0_weights[size_t(o) * l1 + i] = w;
        out.fc0_weights_blocked[(size_t(i / 4) * FC0_OUTPUTS + o) * 4 + i % 4] = w;
      }
    out.fc1_biases.assign(in.fc1.biases.begin(), in.fc1.biases.end());
    out.fc1_weights.resize(size_t(FC1_OUTPUTS) * FC1_INPUTS);
    out.fc1_weights_blocked.resize(size_t(FC1_OUTPUTS) * FC1_INPUTS);
    for (int o = 0; o < FC1_OUTPUTS; ++o)
      for (int i = 0; i < FC1_INPUTS; ++i) {
        const int8_t w = in.fc1.weight(o, i);
        out.fc1_weights[size_t(o) * FC1_INPUTS + i] = w;
        out.fc1_weights_blocked[(size_t(i / 4) * FC1_OUTPUTS + o) * 4 + i % 4] = w;
      }
    out.fc2_bias = in.fc2.biases[0];
    out.fc2_weights.resize(FC1_OUTPUTS);
    for (int i = 0; i < FC1_OUTPUTS; ++i) out.fc2_weights[i] = in.fc2.weight(0, i);
  }
  return net;
}

}  // namespace corvid::nnue
