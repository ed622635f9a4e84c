#include "nnue/network_data.h"

#include <type_traits>
#include <utility>

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

BlockStorage* FeatureTransformerData::storage_of(const FtBlock& block) {
  return const_cast<BlockStorage*>(std::as_const(*this).storage_of(block));
}

const BlockStorage* FeatureTransformerData::storage_of(const FtBlock& block) const {
  if (block.raw_only) return nullptr;
  for (int k = 0; k < block.count; ++k)
    if (block.tensors[k] == FtTensor::Psqt) return &psqt_storage;
  switch (block.tensors[0]) {
    case FtTensor::Biases: return &biases_storage;
    case FtTensor::Weights: return &weights_storage;
    case FtTensor::ThreatPsqt: return &threat_psqt_storage;
    case FtTensor::PairPsqt: return &pair_psqt_storage;
    default: return nullptr;
  }
}

std::size_t ft_tensor_size(const Architecture& arch, FtTensor t) {
  const FeatureSet& fs = arch.feature_set;
  const std::size_t l1 = arch.l1, buckets = arch.psqt_buckets;
  switch (t) {
    case FtTensor::Biases: return l1;
    case FtTensor::ThreatWeights: return fs.threat_inputs * l1;
    case FtTensor::ThreatPsqt: return fs.threat_inputs * buckets;
    case FtTensor::PairWeights: return fs.pair_inputs * l1;
    case FtTensor::PairPsqt: return fs.pair_inputs * buckets;
    case FtTensor::Weights: return fs.psq_inputs * l1;
    case FtTensor::Psqt: return fs.psq_inputs * buckets;
  }
  return 0;
}

std::size_t ft_backing_size(const Architecture& arch, FtTensor t) {
  switch (t) {
    case FtTensor::ThreatWeights:
    case FtTensor::PairWeights:
      return ft_tensor_size(arch, FtTensor::ThreatWeights) + ft_tensor_size(arch, FtTensor::PairWeights);
    case FtTensor::ThreatPsqt:
    case FtTensor::PairPsqt:
      return ft_tensor_size(arch, FtTensor::ThreatPsqt) + ft_tensor_size(arch, FtTensor::PairPsqt);
    default: return ft_tensor_size(arch, t);
  }
}

namespace {

template <class Vector>
void allocate(Vector& v, std::size_t n) {
  if (v.empty()) v.assign(n, 0);
}

// Tensor t within its vector: [offset, offset + size).
template <class Ft>
auto tensor_span(Ft& ft, const Architecture& arch, FtTensor t) {
  const std::size_t n = ft_tensor_size(arch, t);
  auto part = [&](auto& v, std::size_t offset) { return std::span(v).subspan(offset, n); };
  using Result = std::conditional_t<std::is_const_v<Ft>, FtConstSpan, FtSpan>;
  switch (t) {
    case FtTensor::Biases: return Result(part(ft.biases, 0));
    case FtTensor::ThreatWeights: return Result(part(ft.threat_weights, 0));
    case FtTensor::PairWeights:
      return Result(part(ft.threat_weights, ft_tensor_size(arch, FtTensor::ThreatWeights)));
    case FtTensor::ThreatPsqt: return Result(part(ft.threat_psqt_weights, 0));
    case FtTensor::PairPsqt:
      return Result(part(ft.threat_psqt_weights, ft_tensor_size(arch, FtTensor::ThreatPsqt)));
    case FtTensor::Weights: return Result(part(ft.weights, 0));
    case FtTensor::Psqt: break;
  }
  return Result(part(ft.psqt_weights, 0));
}

}  // namespace

void ft_allocate(FeatureTransformerData& ft, const Architecture& arch, FtTensor t) {
  const std::size_t n = ft_backing_size(arch, t);
  switch (t) {
    case FtTensor::Biases: return allocate(ft.biases, n);
    case FtTensor::ThreatWeights:
    case FtTensor::PairWeights: return allocate(ft.threat_weights, n);
    case FtTensor::ThreatPsqt:
    case FtTensor::PairPsqt: return allocate(ft.threat_psqt_weights, n);
    case FtTensor::Weights: return allocate(ft.weights, n);
    case FtTensor::Psqt: return allocate(ft.psqt_weights, n);
  }
}

FtSpan ft_tensor(FeatureTransformerData& ft, const Architecture& arch, FtTensor t) {
  return tensor_span(ft, arch, t);
}

FtConstSpan ft_tensor(const FeatureTransformerData& ft, const Architecture& arch, FtTensor t) {
  return tensor_span(ft, arch, t);
}

std::string ft_tensor_name(FtTensor t) {
  switch (t) {
    case FtTensor::Biases: return "biases";
    case FtTensor::ThreatWeights: return "threat weights";
    case FtTensor::ThreatPsqt: return "threat PSQT weights";
    case FtTensor::PairWeights: return "pawn-pair weights";
    case FtTensor::PairPsqt: return "pawn-pair PSQT weights";
    case FtTensor::Weights: return "weights";
    case FtTensor::Psqt: return "PSQT weights";
  }
  return "?";
}

std::string ft_block_name(const FtBlock& b) { return ft_tensor_name(b.tensors[b.count - 1]); }

NetworkData make_zero_network(const Architecture& arch) {
  NetworkData net;
  net.arch = arch;
  const std::size_t l1 = arch.l1;
  const FeatureSet& fs = arch.feature_set;
  net.ft.biases.assign(l1, 0);
  net.ft.threat_weights.assign(fs.int8_rows() * l1, 0);
  net.ft.weights.assign(fs.psq_inputs * l1, 0);
  net.ft.threat_psqt_weights.assign(std::size_t(fs.int8_rows()) * arch.psqt_buckets, 0);
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
  if (!(e = check_size("FT threat weights", net.ft.threat_weights.size(), fs.int8_rows() * l1)).empty()) return e;
  if (!(e = check_size("FT weights", net.ft.weights.size(), fs.psq_inputs * l1)).empty()) return e;
  if (!(e = check_size("FT threat PSQT weights", net.ft.threat_psqt_weights.size(),
                       std::size_t(fs.int8_rows()) * arch.psqt_buckets)).empty())
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
