// The contents of a .nnue file, as stored: integer tensors in file order (no SIMD
// permutation, no scaling), plus how each feature-transformer block was encoded so that
// writing it back reproduces the file byte for byte.
#pragma once

#include <cstdint>
#include <string>
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
  AlignedVector<int8_t> threat_weights;      // [threat_inputs][L1], Full_Threats only, always raw
  AlignedVector<int16_t> weights;            // [psq_inputs][L1]
  std::vector<int32_t> threat_psqt_weights;  // [threat_inputs][psqt_buckets], Full_Threats only
  std::vector<int32_t> psqt_weights;         // [psq_inputs][psqt_buckets]

  BlockStorage biases_storage;
  BlockStorage weights_storage;
  BlockStorage psqt_storage;  // one block holds threat PSQT then PSQ PSQT (Stockfish 18)

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

// Equal architecture, description and tensors, however the blocks are encoded.
bool same_contents(const NetworkData& a, const NetworkData& b);

// A network of the given architecture with every tensor sized and zero, all blocks raw.
NetworkData make_zero_network(const Architecture& arch);
std::vector<LayerStackData> make_zero_stacks(const Architecture& arch);

// Empty when every tensor has the size arch asks for; else what differs.
std::string shape_mismatch(const NetworkData& net);

}  // namespace corvid::nnue
