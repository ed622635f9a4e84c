// The contents of a .nnue file, as stored: integer tensors in file order (no SIMD
// permutation, no scaling), plus how each feature-transformer block was encoded so that
// writing it back reproduces the file byte for byte.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "nnue/architecture.h"
#include "util/aligned.h"

namespace corvid::nnue {

enum class TensorEncoding : uint8_t { Raw, Leb128 };

// One stored block of the feature transformer. compressed_bytes is the LEB128 payload
// size as read (0 for Raw); informational, the writer recomputes it.
struct BlockStorage {
  TensorEncoding encoding = TensorEncoding::Raw;
  uint32_t compressed_bytes = 0;

  bool operator==(const BlockStorage&) const = default;
};

struct FeatureTransformerData {
  std::vector<int16_t> biases;               // [L1]
  // The two large tensors are kept in SIMD-aligned memory, so that the evaluation-ready
  // Network can take them over instead of copying 80 to 130 MB at every load.
  // int8 rows: the threat features' (Stockfish 18 and 19), then the pawn-pair features'
  // (Stockfish 19), [int8_rows][L1]; always stored raw.
  AlignedVector<int8_t> threat_weights;
  AlignedVector<int16_t> weights;            // [psq_inputs][L1]
  std::vector<int32_t> threat_psqt_weights;  // [int8_rows][psqt_buckets], the same rows' PSQT
  std::vector<int32_t> psqt_weights;         // [psq_inputs][psqt_buckets]

  BlockStorage biases_storage;
  BlockStorage weights_storage;
  BlockStorage psqt_storage;         // Stockfish 18: one block holds threat PSQT then PSQ PSQT
  BlockStorage threat_psqt_storage;  // Stockfish 19 keeps the threat PSQT in its own block,
  BlockStorage pair_psqt_storage;    // and the pawn-pair PSQT in another

  // Where the encoding of a stored block (ft_blocks) is kept; null for raw-only blocks.
  BlockStorage* storage_of(const FtBlock& block);
  const BlockStorage* storage_of(const FtBlock& block) const;

  bool operator==(const FeatureTransformerData&) const = default;
};

// int32 biases and int8 weights, row-major [outputs][padded_inputs] as in the file;
// the padding columns are kept as stored.
struct AffineLayerData {
  uint32_t inputs = 0;
  uint32_t padded_inputs = 0;
  uint32_t outputs = 0;
  std::vector<int32_t> biases;
  std::vector<int8_t> weights;

  int8_t weight(uint32_t out, uint32_t in) const { return weights[std::size_t(out) * padded_inputs + in]; }
  bool operator==(const AffineLayerData&) const = default;
};

struct LayerStackData {
  AffineLayerData fc0, fc1, fc2;

  bool operator==(const LayerStackData&) const = default;
};

struct NetworkData {
  Architecture arch;
  std::string description;
  FeatureTransformerData ft;
  std::vector<LayerStackData> stacks;  // [arch.layer_stacks]

  bool operator==(const NetworkData&) const = default;  // storage included
};

// One FT tensor, addressed by its place in the file (ft_blocks): threat and pawn-pair
// rows are the two parts of threat_weights, their PSQT the two parts of threat_psqt_weights.
using FtSpan = std::variant<std::span<int8_t>, std::span<int16_t>, std::span<int32_t>>;
using FtConstSpan = std::variant<std::span<const int8_t>, std::span<const int16_t>, std::span<const int32_t>>;
std::size_t ft_tensor_size(const Architecture& arch, FtTensor t);
// Values of the vector that holds t (a shared vector holds both parts).
std::size_t ft_backing_size(const Architecture& arch, FtTensor t);
// Sizes the vector that holds t to ft_backing_size when it is empty.
void ft_allocate(FeatureTransformerData& ft, const Architecture& arch, FtTensor t);
FtSpan ft_tensor(FeatureTransformerData& ft, const Architecture& arch, FtTensor t);
FtConstSpan ft_tensor(const FeatureTransformerData& ft, const Architecture& arch, FtTensor t);
std::string ft_tensor_name(FtTensor t);      // "threat PSQT weights"
std::string ft_block_name(const FtBlock& b);  // its last tensor's name

// Equal architecture, description and tensors, however the blocks are encoded.
bool same_contents(const NetworkData& a, const NetworkData& b);

// A network of the given architecture with every tensor sized and zero, all blocks raw.
NetworkData make_zero_network(const Architecture& arch);
std::vector<LayerStackData> make_zero_stacks(const Architecture& arch);

// Empty when every tensor has the size arch asks for; else what differs.
std::string shape_mismatch(const NetworkData& net);

}  // namespace corvid::nnue
