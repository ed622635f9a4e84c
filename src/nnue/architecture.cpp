#include "nnue/architecture.h"

#include <array>

#include "nnue/format_error.h"

namespace corvid::nnue {

// The hashes in the headers of the reference nets (see tests/test_nnue_reference_nets.cpp).
static_assert(ft_hash(HALF_KA_V2_HM.hash, 1024) == 0x7f2344b8u);
static_assert((ft_hash(HALF_KA_V2_HM.hash, 1024) ^ layer_stack_hash(1024, 15, 32)) == 0x1c102ef2u);
static_assert((ft_hash(HALF_KA_V2_HM.hash, 128) ^ layer_stack_hash(128, 15, 32)) == 0x1c103c92u);
static_assert((ft_hash(FULL_THREATS_HALF_KA_V2_HM.hash, 1024) ^ layer_stack_hash(1024, 15, 32)) ==
              0xec102ef2u);
// Stockfish 19's nn-1a298aa575a0 (SFNNv16, L1=1024, L2=32, L3=32).
static_assert(ft_hash(THREATS_PP_HALF_KA_V2_HM.hash, 1024) == 0xcb685313u);
static_assert((ft_hash(THREATS_PP_HALF_KA_V2_HM.hash, 1024) ^
               layer_stack_hash(1024, 32, 32, LayerGraph::ConcatActivations)) == 0xa85b2205u);

namespace {

constexpr std::array KNOWN_FEATURE_SETS{HALF_KA_V2_HM, FULL_THREATS_HALF_KA_V2_HM, THREATS_PP_HALF_KA_V2_HM,
                                        HALF_KP, HALF_KA_V2};

using T = FtTensor;
constexpr FtBlock HALF_KA_BLOCKS[] = {{{T::Biases}}, {{T::Weights}}, {{T::Psqt}}};
constexpr FtBlock FULL_THREATS_BLOCKS[] = {
    {{T::Biases}}, {{T::ThreatWeights}, 1, true}, {{T::Weights}}, {{T::ThreatPsqt, T::Psqt}, 2}};
constexpr FtBlock SFNNV16_BLOCKS[] = {{{T::Biases}},       {{T::ThreatWeights}, 1, true}, {{T::ThreatPsqt}},
                                      {{T::PairWeights}, 1, true}, {{T::PairPsqt}}, {{T::Weights}},
                                      {{T::Psqt}}};

// Generous bound for recognising a hash; what Corvid accepts is narrower (MIN_L1..MAX_L1).
constexpr uint32_t RECOGNISED_MAX_L1 = 16384;

}  // namespace

std::span<const FeatureSet> known_feature_sets() { return KNOWN_FEATURE_SETS; }

std::span<const FtBlock> ft_blocks(const FeatureSet& fs) {
  if (fs.pair_inputs > 0) return SFNNV16_BLOCKS;
  if (fs.threat_inputs > 0) return FULL_THREATS_BLOCKS;
  return HALF_KA_BLOCKS;
}

bool known_version(uint32_t version) {
  for (const FeatureSet& fs : KNOWN_FEATURE_SETS)
    if (fs.version == version) return true;
  return false;
}

std::string Architecture::describe() const {
  return std::string(feature_set.name) + " L1=" + std::to_string(l1) + " L2=" + std::to_string(l2) +
         " L3=" + std::to_string(l3);
}

std::vector<Architecture> architectures_from_network_hash(uint32_t network_hash, uint32_t version) {
  std::vector<Architecture> found;
  for (const FeatureSet& fs : KNOWN_FEATURE_SETS)
    for (uint32_t l1 = 1; l1 <= RECOGNISED_MAX_L1 && fs.version == version; ++l1) {
      const Architecture arch{fs, l1};
      if (arch.network_hash() == network_hash) found.push_back(arch);
    }
  return found;
}

std::optional<FtHashMatch> match_ft_hash(uint32_t hash, uint32_t version) {
  for (const FeatureSet& fs : KNOWN_FEATURE_SETS) {
    if (fs.version != version) continue;
    const uint32_t doubled_l1 = hash ^ fs.hash;
    if (doubled_l1 != 0 && doubled_l1 % 2 == 0 && doubled_l1 / 2 <= RECOGNISED_MAX_L1)
      return FtHashMatch{fs, doubled_l1 / 2};
  }
  return std::nullopt;
}

std::vector<LayerSizes> layer_sizes_from_hashes(uint32_t network_hash, uint32_t hash, uint32_t l1,
                                                LayerGraph graph) {
  std::vector<LayerSizes> found;
  for (uint32_t l2 = 2; l2 <= 64; ++l2)
    for (uint32_t l3 = 1; l3 <= 256; ++l3)
      if ((hash ^ layer_stack_hash(l1, l2, l3, graph)) == network_hash) found.push_back(LayerSizes{l2, l3});
  return found;
}

std::optional<std::string> unsupported_reason(const Architecture& arch, bool allow_parse_only) {
  const FeatureSet& fs = arch.feature_set;
  const bool readable = fs.support == FeatureSetSupport::Evaluable ||
                        (allow_parse_only && fs.support == FeatureSetSupport::ParseOnly);
  if (!readable)
    return "unsupported feature set " + std::string(fs.name) + " (hash " + hex32(fs.hash) + ", " +
           arch.describe() + ")";
  if (arch.l1 < MIN_L1 || arch.l1 > MAX_L1 || arch.l1 % L1_MULTIPLE != 0)
    return "unsupported L1=" + std::to_string(arch.l1) + " (" + arch.describe() + "): Corvid reads L1 from " +
           std::to_string(MIN_L1) + " to " + std::to_string(MAX_L1) + " in steps of " +
           std::to_string(L1_MULTIPLE);
  if (arch.l2 != fs.l2 || arch.l3 != fs.l3)
    return "unsupported layer sizes (" + arch.describe() + "): Corvid reads " + std::string(fs.name) +
           " nets with L2=" + std::to_string(fs.l2) + " L3=" + std::to_string(fs.l3);
  return std::nullopt;
}

}  // namespace corvid::nnue
