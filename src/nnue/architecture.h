// What a .nnue file's hashes encode: the feature set, the layer sizes, and the hash
// chain computed from them. The reader identifies a file's architecture from its hashes
// and checks every other hash and tensor size against the result, never assuming L1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace corvid::nnue {

inline constexpr uint32_t NNUE_VERSION = 0x7AF32F20u;

// How far Corvid gets with a feature set.
enum class FeatureSetSupport : uint8_t {
  Evaluable,  // read, write and (later) evaluate
  ParseOnly,  // layout known, so `net inspect` can read it; the evaluator refuses it
  NameOnly,   // recognised by hash for a clear refusal; layout not implemented
};

struct FeatureSet {
  std::string_view name;
  uint32_t hash = 0;
  uint32_t threat_inputs = 0;  // Full_Threats part: int8 weights, always stored raw
  uint32_t psq_inputs = 0;     // piece-square part: int16 weights
  FeatureSetSupport support = FeatureSetSupport::NameOnly;

  uint32_t inputs() const { return threat_inputs + psq_inputs; }
  bool operator==(const FeatureSet& other) const { return hash == other.hash; }
};

inline constexpr FeatureSet HALF_KA_V2_HM{"HalfKAv2_hm", 0x7f234cb8u, 0, 22528,
                                          FeatureSetSupport::Evaluable};
inline constexpr FeatureSet FULL_THREATS_HALF_KA_V2_HM{"Full_Threats+HalfKAv2_hm", 0x8f234cb8u, 79856,
                                                       22528, FeatureSetSupport::Evaluable};
// Older Stockfish feature sets, named only so their nets are refused by name.
inline constexpr FeatureSet HALF_KP{"HalfKP", 0x5D69D5B8u, 0, 41024, FeatureSetSupport::NameOnly};
inline constexpr FeatureSet HALF_KA_V2{"HalfKAv2", 0x5f234cb8u, 0, 45056, FeatureSetSupport::NameOnly};

std::span<const FeatureSet> known_feature_sets();

// The layer sizes every Stockfish HalfKAv2_hm net since 15.0 has used, and the range of
// L1 (feature-transformer outputs per perspective) that Corvid accepts.
inline constexpr uint32_t STANDARD_L2 = 15;
inline constexpr uint32_t STANDARD_L3 = 32;
inline constexpr uint32_t MIN_L1 = 128;
inline constexpr uint32_t MAX_L1 = 3072;
inline constexpr uint32_t L1_MULTIPLE = 32;  // fc_0 input rows stay unpadded and SIMD-sized

constexpr uint32_t pad_to_32(uint32_t n) { return (n + 31) / 32 * 32; }

// Hash chain as Stockfish defines it (nnue_architecture.h and its layer headers).
constexpr uint32_t ft_hash(uint32_t feature_hash, uint32_t l1) { return feature_hash ^ (l1 * 2); }
constexpr uint32_t affine_layer_hash(uint32_t previous, uint32_t outputs) {
  return (0xCC03DAE4u + outputs) ^ (previous >> 1) ^ (previous << 31);
}
constexpr uint32_t clipped_relu_hash(uint32_t previous) { return 0x538D24C7u + previous; }
// fc_0 (L1 -> L2+1), ClippedReLU, fc_1 (2*L2 -> L3), ClippedReLU, fc_2 (L3 -> 1).
constexpr uint32_t layer_stack_hash(uint32_t l1, uint32_t l2, uint32_t l3) {
  uint32_t h = 0xEC42E90Du ^ (l1 * 2);  // input slice
  h = affine_layer_hash(h, l2 + 1);
  h = clipped_relu_hash(h);
  h = affine_layer_hash(h, l3);
  h = clipped_relu_hash(h);
  return affine_layer_hash(h, 1);
}

struct Architecture {
  FeatureSet feature_set = HALF_KA_V2_HM;
  uint32_t l1 = 0;
  uint32_t l2 = STANDARD_L2;
  uint32_t l3 = STANDARD_L3;
  uint32_t psqt_buckets = 8;
  uint32_t layer_stacks = 8;

  // Affine layers of one stack: outputs, inputs, and the stored (padded) row width.
  uint32_t fc0_outputs() const { return l2 + 1; }  // the extra output is the skip term
  uint32_t fc0_inputs() const { return l1; }       // pairwise products: L1/2 per perspective
  uint32_t fc1_outputs() const { return l3; }
  uint32_t fc1_inputs() const { return 2 * l2; }   // squared and plain ClippedReLU of fc_0
  uint32_t fc2_outputs() const { return 1; }
  uint32_t fc2_inputs() const { return l3; }

  uint32_t ft_hash() const { return nnue::ft_hash(feature_set.hash, l1); }
  uint32_t layer_stack_hash() const { return nnue::layer_stack_hash(l1, l2, l3); }
  uint32_t network_hash() const { return ft_hash() ^ layer_stack_hash(); }

  // Bytes of one stored layer stack: FC hash, then int32 biases and int8 padded rows of
  // fc_0, fc_1, fc_2.
  std::size_t layer_stack_bytes() const {
    return 4 + std::size_t(fc0_outputs()) * (4 + pad_to_32(fc0_inputs())) +
           std::size_t(fc1_outputs()) * (4 + pad_to_32(fc1_inputs())) +
           std::size_t(fc2_outputs()) * (4 + pad_to_32(fc2_inputs()));
  }

  std::string describe() const;  // "HalfKAv2_hm L1=1024 L2=15 L3=32"
  bool operator==(const Architecture&) const = default;
};

// The feature set and L1 an FT hash names, when it names a known set. This is exact
// (one candidate at most), so the reader identifies a file by its FT hash.
struct FtHashMatch {
  FeatureSet feature_set;
  uint32_t l1 = 0;
};
std::optional<FtHashMatch> match_ft_hash(uint32_t ft_hash);

// Explanations for a network hash (header offset 4) that disagrees with the FT hash.
// The hash chain only mixes low bits, so these searches can return several candidates;
// the reader keeps those whose layer stacks it finds where the sizes put them.
// All known feature sets, L1 from 1 to 16384, L2=15, L3=32:
std::vector<Architecture> architectures_from_network_hash(uint32_t network_hash);
// The given FT hash and L1, L2 up to 64, L3 up to 256:
struct LayerSizes {
  uint32_t l2 = 0, l3 = 0;
};
std::vector<LayerSizes> layer_sizes_from_hashes(uint32_t network_hash, uint32_t ft_hash, uint32_t l1);

// Why Corvid cannot read this architecture's tensors, or empty when it can.
std::optional<std::string> unsupported_reason(const Architecture& arch, bool allow_parse_only);

}  // namespace corvid::nnue
