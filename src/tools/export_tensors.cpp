#include "tools/export_tensors.h"

#include <bit>
#include <cstring>

#include "nnue/network.h"

namespace corvid::tools {

static_assert(std::endian::native == std::endian::little, "tensor bytes are written as in memory");

namespace {

using nnue::AffineLayerData;
using nnue::NetworkData;

// Vectors of any allocator (the large FT tensors live in aligned memory).
template <typename Vector>
std::vector<uint8_t> bytes_of(const Vector& values) {
  using T = typename Vector::value_type;
  std::vector<uint8_t> out(values.size() * sizeof(T));
  if (!out.empty()) std::memcpy(out.data(), values.data(), out.size());
  return out;
}

template <typename Vector>
void assign(Vector& values, std::span<const uint8_t> bytes) {
  using T = typename Vector::value_type;
  values.resize(bytes.size() / sizeof(T));
  if (!bytes.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(T));
}

// A feature-transformer tensor: one vector of the file, exported whole.
template <typename Vector>
ExportTensor whole(std::string name, std::string label, IntType type, std::vector<uint32_t> dims,
                   Quantisation q, Vector nnue::FeatureTransformerData::*member) {
  ExportTensor t{std::move(name), std::move(label), type, std::move(dims), q, {}, {}};
  t.get = [member](const NetworkData& net) { return bytes_of(net.ft.*member); };
  t.set = [member](NetworkData& net, std::span<const uint8_t> bytes) { assign(net.ft.*member, bytes); };
  return t;
}

// One affine-layer tensor of every stack, stacked along a leading axis.
template <typename Vector>
ExportTensor stacked(std::string name, std::string label, IntType type, std::vector<uint32_t> dims,
                     Quantisation q, AffineLayerData nnue::LayerStackData::*layer,
                     Vector AffineLayerData::*member) {
  ExportTensor t{std::move(name), std::move(label), type, std::move(dims), q, {}, {}};
  t.get = [layer, member](const NetworkData& net) {
    std::vector<uint8_t> out;
    for (const nnue::LayerStackData& stack : net.stacks) {
      const std::vector<uint8_t> part = bytes_of(stack.*layer.*member);
      out.insert(out.end(), part.begin(), part.end());
    }
    return out;
  };
  t.set = [layer, member](NetworkData& net, std::span<const uint8_t> bytes) {
    const std::size_t per_stack = net.stacks.empty() ? 0 : bytes.size() / net.stacks.size();
    for (std::size_t i = 0; i < net.stacks.size(); ++i)
      assign(net.stacks[i].*layer.*member, bytes.subspan(i * per_stack, per_stack));
  };
  return t;
}

// nnue-pytorch's constants: activations 1.0 = 127, hidden weights x64, output x(600*16).
constexpr double ACTIVATION_ONE = 127.0;
constexpr double HIDDEN_WEIGHT_SCALE = 64.0;
constexpr double OUTPUT_SCALE = 600.0 * 16.0;

}  // namespace

int bits_of(IntType type) { return type == IntType::Int8 ? 8 : type == IntType::Int16 ? 16 : 32; }

const char* name_of(IntType type) { return type == IntType::Int8 ? "int8" : type == IntType::Int16 ? "int16" : "int32"; }

std::size_t ExportTensor::element_count() const {
  std::size_t n = 1;
  for (uint32_t d : dims) n *= d;
  return n;
}

std::optional<std::string> export_refusal(const nnue::Architecture& arch) {
  if (arch.feature_set != nnue::HALF_KA_V2_HM && arch.feature_set != nnue::FULL_THREATS_HALF_KA_V2_HM)
    return "nets of the " + std::string(arch.feature_set.name) +
           " generation cannot be exported yet (HalfKAv2_hm and Full_Threats+HalfKAv2_hm nets can)";
  if (arch.l2 != nnue::STANDARD_L2 || arch.l3 != nnue::STANDARD_L3 || arch.psqt_buckets != 8 ||
      arch.layer_stacks != 8)
    return "only L2=15, L3=32, 8 PSQT buckets and 8 layer stacks can be exported, not " + arch.describe();
  return std::nullopt;
}

std::vector<ExportTensor> export_tensors(const nnue::Architecture& arch) {
  using nnue::FeatureTransformerData;
  using nnue::LayerStackData;
  const uint32_t l1 = arch.l1, inputs = arch.feature_set.psq_inputs, stacks = arch.layer_stacks;
  const bool threats = arch.feature_set.threat_inputs > 0;
  // Threat nets clip the accumulators at 255 and divide the products by 512.
  const Quantisation ft = threats ? Quantisation{1.0 / 255.0, "feature-transformer values: 255 is an activation of 1.0"}
                                  : Quantisation{1.0 / ACTIVATION_ONE, "feature-transformer values: 127 is an activation of 1.0"};
  const Quantisation psqt{1.0 / OUTPUT_SCALE, "PSQT weights are in output units: 600 * 16 per 1.0"};
  const Quantisation hidden_w{1.0 / HIDDEN_WEIGHT_SCALE, "hidden-layer weights: 64 per 1.0"};
  const Quantisation hidden_b{1.0 / (HIDDEN_WEIGHT_SCALE * ACTIVATION_ONE), "hidden biases: 64 * 127 per 1.0"};
  const Quantisation out_w{ACTIVATION_ONE / OUTPUT_SCALE, "output weights: 600 * 16 / 127 per 1.0"};
  const Quantisation out_b{1.0 / OUTPUT_SCALE, "output bias: 600 * 16 per 1.0"};

  std::vector<ExportTensor> t;
  t.push_back(whole("ft_biases", "ft/biases", IntType::Int16, {1, l1}, ft, &FeatureTransformerData::biases));
  t.push_back(whole("ft_weights", "ft/weights", IntType::Int16, {inputs, l1}, ft, &FeatureTransformerData::weights));
  t.push_back(whole("psqt_weights", "ft/psqt_weights", IntType::Int32, {inputs, arch.psqt_buckets}, psqt,
                    &FeatureTransformerData::psqt_weights));
  if (threats) {
    const uint32_t threat_inputs = arch.feature_set.threat_inputs;
    t.push_back(whole("threat_weights", "ft/threat_weights", IntType::Int8, {threat_inputs, l1}, ft,
                      &FeatureTransformerData::threat_weights));
    t.push_back(whole("threat_psqt_weights", "ft/threat_psqt_weights", IntType::Int32,
                      {threat_inputs, arch.psqt_buckets}, psqt, &FeatureTransformerData::threat_psqt_weights));
  }
  const uint32_t fc0_in = nnue::pad_to_32(arch.fc0_inputs()), fc1_in = nnue::pad_to_32(arch.fc1_inputs()),
                 fc2_in = nnue::pad_to_32(arch.fc2_inputs());
  t.push_back(stacked("fc0_weights", "stacks/fc0_weights", IntType::Int8, {stacks, arch.fc0_outputs(), fc0_in},
                      hidden_w, &LayerStackData::fc0, &AffineLayerData::weights));
  t.push_back(stacked("fc0_biases", "stacks/fc0_biases", IntType::Int32, {stacks, arch.fc0_outputs()}, hidden_b,
                      &LayerStackData::fc0, &AffineLayerData::biases));
  t.push_back(stacked("fc1_weights", "stacks/fc1_weights", IntType::Int8, {stacks, arch.fc1_outputs(), fc1_in},
                      hidden_w, &LayerStackData::fc1, &AffineLayerData::weights));
  t.push_back(stacked("fc1_biases", "stacks/fc1_biases", IntType::Int32, {stacks, arch.fc1_outputs()}, hidden_b,
                      &LayerStackData::fc1, &AffineLayerData::biases));
  t.push_back(stacked("fc2_weights", "stacks/fc2_weights", IntType::Int8, {stacks, arch.fc2_outputs(), fc2_in},
                      out_w, &LayerStackData::fc2, &AffineLayerData::weights));
  t.push_back(stacked("fc2_biases", "stacks/fc2_biases", IntType::Int32, {stacks, arch.fc2_outputs()}, out_b,
                      &LayerStackData::fc2, &AffineLayerData::biases));
  return t;
}

}  // namespace corvid::tools
