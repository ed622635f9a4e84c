// What a .nnue file's hashes encode: the feature set, the layer sizes, and the hash
// chain computed from them. The reader identifies a file's architecture from its hashes
// and checks every other hash and tensor size against the result, never assuming L1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace corvid::nnue {

// File version words. Stockfish 19 changed the version with its new architecture and
// reads no earlier file; the feature set a file names must agree with its version.
inline constexpr uint32_t NNUE_VERSION = 0x7AF32F20u;          // Stockfish 12 to 18
inline constexpr uint32_t NNUE_VERSION_SFNNV16 = 0x6A448AFAu;  // Stockfish 19

// How far Corvid gets with a feature set.
enum class FeatureSetSupport : uint8_t {
  Evaluable,  // read, write and evaluate
  ParseOnly,  // layout known, so `net inspect` can read it; the evaluator refuses it
  NameOnly,   // recognised by hash for a clear refusal; layout not implemented
};

// The shape of one layer stack (Stockfish's nnue_architecture.h of each generation).
enum class LayerGraph : uint8_t {
  // Stockfish 12 to 18: fc_0 L1 -> L2+1, whose last output is the skip term; squared and
  // plain ClippedReLU (>> 6) of the other L2; fc_1 2*L2 -> L3; ClippedReLU; fc_2 L3 -> 1.
  // positional = fc_2 + skip * 600*16 / (127*64).
  SkipOutput,
  // Stockfish 19 (SFNNv16): fc_0 L1 -> L2; squared and plain ClippedReLU (>> 7) of all L2;
  // fc_1 2*L2 -> L3; squared and plain ClippedReLU (>> 6) of L3; fc_2 takes all four
  // (2*L2 + 2*L3 -> 1). positional = (fc_2 + fc_0[L2-2] - fc_0[L2-1]) * 600*16 / (128*64*2).
  ConcatActivations,
};

// A net generation's input side: its feature sets, version word, tensor order (see
// ft_blocks) and the layer graph that goes with it. Everything else (hashes, sizes, the
// reader, the writer, the evaluator's dispatch) is derived from this description.
struct FeatureSet {
  std::string_view name;
  uint32_t hash = 0;           // the FT hash is hash ^ (2 * L1)
  uint32_t threat_inputs = 0;  // threat features: int8 weights, always stored raw
  uint32_t pair_inputs = 0;    // pawn-pair features (PP_3Wide): int8 weights, stored raw
  uint32_t psq_inputs = 0;     // piece-square part (HalfKAv2_hm): int16 weights
  FeatureSetSupport support = FeatureSetSupport::NameOnly;
  uint32_t version = NNUE_VERSION;
  LayerGraph graph = LayerGraph::SkipOutput;
  uint32_t l2 = 15, l3 = 32;  // the layer sizes of its published nets

  // Threat and pawn-pair rows live in one int8 table (pairs after threats), as Stockfish 19
  // keeps them: one index addresses either.
  uint32_t int8_rows() const { return threat_inputs + pair_inputs; }
  uint32_t inputs() const { return threat_inputs + pair_inputs + psq_inputs; }
  bool operator==(const FeatureSet& other) const { return hash == other.hash; }
};

// Stockfish 19's FT hash mixes its three feature sets' hashes (rotate left, xor).
constexpr uint32_t combine_feature_hashes(std::initializer_list<uint32_t> hashes) {
  uint32_t h = 0;
  for (uint32_t part : hashes) h = ((h << 1) | (h >> 31)) ^ part;
  return h;
}
inline constexpr uint32_t THREATS_SF19_HASH = 0x2e6b9d04u;
inline constexpr uint32_t PP_3WIDE_HASH = 0x86f2b1ddu;
inline constexpr uint32_t HALF_KA_V2_HM_HASH = 0x7f234cb8u;

inline constexpr FeatureSet HALF_KA_V2_HM{"HalfKAv2_hm", HALF_KA_V2_HM_HASH, 0, 0, 22528, FeatureSetSupport::Evaluable};
inline constexpr FeatureSet FULL_THREATS_HALF_KA_V2_HM{"Full_Threats+HalfKAv2_hm", 0x8f234cb8u, 79856, 0,
                                                       22528, FeatureSetSupport::Evaluable};
// Stockfish 19: threats (a filtered successor of Stockfish 18's 79856), pawn pairs
// (96 pawn ids, 96*95/2 pairs) and HalfKAv2_hm, summed into one accumulator.
inline constexpr FeatureSet THREATS_PP_HALF_KA_V2_HM{
    "Threats+PP_3Wide+HalfKAv2_hm",
    combine_feature_hashes({THREATS_SF19_HASH, PP_3WIDE_HASH, HALF_KA_V2_HM_HASH}),
    59808,
    4560,
    22528,
    FeatureSetSupport::Evaluable,
    NNUE_VERSION_SFNNV16,
    LayerGraph::ConcatActivations,
    32,
    32};
// Older Stockfish feature sets, named only so their nets are refused by name.
inline constexpr FeatureSet HALF_KP{"HalfKP", 0x5D69D5B8u, 0, 0, 41024, FeatureSetSupport::NameOnly};
inline constexpr FeatureSet HALF_KA_V2{"HalfKAv2", 0x5f234cb8u, 0, 0, 45056, FeatureSetSupport::NameOnly};

// The feature transformer's tensors and the blocks they are stored in, in file order.
enum class FtTensor : uint8_t { Biases, ThreatWeights, ThreatPsqt, PairWeights, PairPsqt, Weights, Psqt };
struct FtBlock {
  FtTensor tensors[2];
  uint8_t count = 1;       // tensors stored back to back in this block
  bool raw_only = false;   // int8 rows: never LEB128-compressed
};
// Stockfish 15.1-17: biases, weights, PSQT. Stockfish 18: biases, threat rows, weights, one
// PSQT block holding threat then piece-square PSQT. Stockfish 19: biases, threat rows,
// threat PSQT, pair rows, pair PSQT, weights, PSQT.
std::span<const FtBlock> ft_blocks(const FeatureSet& fs);

std::span<const FeatureSet> known_feature_sets();

// The layer sizes of the Stockfish 15-18 nets, and the range of L1 (feature-transformer
// outputs per perspective) that Corvid accepts.
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
constexpr uint32_t fc0_output_count(LayerGraph graph, uint32_t l2) {
  return graph == LayerGraph::SkipOutput ? l2 + 1 : l2;
}
// fc_0, ClippedReLU, fc_1, ClippedReLU, fc_2 (1 output). The squared activations are not
// part of the chain in either generation (Stockfish leaves them out on purpose).
constexpr uint32_t layer_stack_hash(uint32_t l1, uint32_t l2, uint32_t l3,
                                    LayerGraph graph = LayerGraph::SkipOutput) {
  uint32_t h = 0xEC42E90Du ^ (l1 * 2);  // input slice
  h = affine_layer_hash(h, fc0_output_count(graph, l2));
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

  Architecture() = default;
  // The feature set's published layer sizes.
  Architecture(const FeatureSet& fs, uint32_t l1_) : feature_set(fs), l1(l1_), l2(fs.l2), l3(fs.l3) {}

  LayerGraph graph() const { return feature_set.graph; }
  uint32_t version() const { return feature_set.version; }

  // Affine layers of one stack: outputs, inputs, and the stored (padded) row width.
  uint32_t fc0_outputs() const { return fc0_output_count(graph(), l2); }
  uint32_t fc0_inputs() const { return l1; }       // pairwise products: L1/2 per perspective
  uint32_t fc1_outputs() const { return l3; }
  uint32_t fc1_inputs() const { return 2 * l2; }   // squared and plain ClippedReLU of fc_0
  uint32_t fc2_outputs() const { return 1; }
  uint32_t fc2_inputs() const { return graph() == LayerGraph::SkipOutput ? l3 : 2 * l2 + 2 * l3; }

  uint32_t ft_hash() const { return nnue::ft_hash(feature_set.hash, l1); }
  uint32_t layer_stack_hash() const { return nnue::layer_stack_hash(l1, l2, l3, graph()); }
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
// Only feature sets of the file's version word are candidates.
std::optional<FtHashMatch> match_ft_hash(uint32_t ft_hash, uint32_t version);

// Explanations for a network hash (header offset 4) that disagrees with the FT hash.
// The hash chain only mixes low bits, so these searches can return several candidates;
// the reader keeps those whose layer stacks it finds where the sizes put them.
// Known feature sets of the version, L1 from 1 to 16384, their standard L2 and L3:
std::vector<Architecture> architectures_from_network_hash(uint32_t network_hash, uint32_t version);
// The given FT hash, L1 and layer graph, L2 up to 64, L3 up to 256:
struct LayerSizes {
  uint32_t l2 = 0, l3 = 0;
};
std::vector<LayerSizes> layer_sizes_from_hashes(uint32_t network_hash, uint32_t ft_hash, uint32_t l1,
                                                LayerGraph graph);

// Whether any known feature set uses this version word.
bool known_version(uint32_t version);

// Why Corvid cannot read this architecture's tensors, or empty when it can.
std::optional<std::string> unsupported_reason(const Architecture& arch, bool allow_parse_only);

}  // namespace corvid::nnue
