#include "nnue/network_data.h"

namespace corvid::nnue {

namespace {

AffineLayerData zero_affine(uint32_t inputs, uint32_t outputs) {
  AffineLayerData layer;
  layer.inputs = inputs;
  layer.padded_inputs = pad_to_32(inputs);
  layer.outputs = outputs;
  layer.biases.assign(outputs, 0);
  layer.weights.assign(std::size_t(outputs) * layer.padded_inputs, 0);
  return layer;
}

std::string check_size(const char* what, std::size_t found, std::size_t expected) {
  if (found == expected) return {};
  return std::string(what) + " has " + std::to_string(found) + " values, expected " + std::to_string(expected);
}

std::string check_affine(const std::string& name, const AffineLayerData& layer, uint32_t inputs,
                         uint32_t outputs) {
  if (layer.inputs != inputs || layer.outputs != outputs || layer.padded_inputs != pad_to_32(inputs))
    return name + " is " + std::to_string(layer.inputs) + "->" + std::to_string(layer.outputs) + ", expected " +
           std::to_string(inputs) + "->" + std::to_string(outputs);
  if (auto e = check_size((name + " biases").c_str(), layer.biases.size(), outputs); !e.empty()) return e;
  return check_size((name + " weights").c_str(), layer.weights.size(), std::size_t(outputs) * pad_to_32(inputs));
}

}  // namespace

NetworkData make_zero_network(const Architecture& arch) {
  NetworkData net;
  net.arch = arch;
  const std::size_t l1 = arch.l1;
  const FeatureSet& fs = arch.feature_set;
  net.ft.biases.assign(l1, 0);
  net.ft.threat_weights.assign(fs.threat_inputs * l1, 0);
  net.ft.weights.assign(fs.psq_inputs * l1, 0);
  net.ft.threat_psqt_weights.assign(std::size_t(fs.threat_inputs) * arch.psqt_buckets, 0);
  net.ft.psqt_weights.assign(std::size_t(fs.psq_inputs) * arch.psqt_buckets, 0);
  net.stacks = make_zero_stacks(arch);
  return net;
}

bool same_contents(const NetworkData& a, const NetworkData& b) {
  return a.arch == b.arch && a.description == b.description && a.ft.biases == b.ft.biases &&
         a.ft.threat_weights == b.ft.threat_weights && a.ft.weights == b.ft.weights &&
         a.ft.threat_psqt_weights == b.ft.threat_psqt_weights && a.ft.psqt_weights == b.ft.psqt_weights &&
         a.stacks == b.stacks;
}

std::vector<LayerStackData> make_zero_stacks(const Architecture& arch) {
  std::vector<LayerStackData> stacks(arch.layer_stacks);
  for (LayerStackData& stack : stacks) {
    stack.fc0 = zero_affine(arch.fc0_inputs(), arch.fc0_outputs());
    stack.fc1 = zero_affine(arch.fc1_inputs(), arch.fc1_outputs());
    stack.fc2 = zero_affine(arch.fc2_inputs(), arch.fc2_outputs());
  }
  return stacks;
}

std::string shape_mismatch(const NetworkData& net) {
  const Architecture& arch = net.arch;
  const FeatureSet& fs = arch.feature_set;
  const std::size_t l1 = arch.l1;
  std::string e;
  if (!(e = check_size("FT biases", net.ft.biases.size(), l1)).empty()) return e;
  if (!(e = check_size("FT threat weights", net.ft.threat_weights.size(), fs.threat_inputs * l1)).empty()) return e;
  if (!(e = check_size("FT weights", net.ft.weights.size(), fs.psq_inputs * l1)).empty()) return e;
  if (!(e = check_size("FT threat PSQT weights", net.ft.threat_psqt_weights.size(),
                       std::size_t(fs.threat_inputs) * arch.psqt_buckets)).empty())
    return e;
  if (!(e = check_size("FT PSQT weights", net.ft.psqt_weights.size(), std::size_t(fs.psq_inputs) * arch.psqt_buckets))
           .empty())
    return e;
  if (!(e = check_size("layer stacks", net.stacks.size(), arch.layer_stacks)).empty()) return e;
  for (std::size_t i = 0; i < net.stacks.size(); ++i) {
    const std::string name = "stack " + std::to_string(i) + " ";
    const LayerStackData& s = net.stacks[i];
    if (!(e = check_affine(name + "fc_0", s.fc0, arch.fc0_inputs(), arch.fc0_outputs())).empty()) return e;
    if (!(e = check_affine(name + "fc_1", s.fc1, arch.fc1_inputs(), arch.fc1_outputs())).empty()) return e;
    if (!(e = check_affine(name + "fc_2", s.fc2, arch.fc2_inputs(), arch.fc2_outputs())).empty()) return e;
  }
  return {};
}

}  // namespace corvid::nnue
