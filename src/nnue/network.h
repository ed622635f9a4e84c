// An evaluation-ready network (HalfKAv2_hm; Stockfish 18's Full_Threats+HalfKAv2_hm;
// Stockfish 19's threats + pawn pairs + HalfKAv2_hm): the file's tensors in aligned memory,
// plus a copy of each fc_0 and fc_1 matrix rearranged for the SIMD kernels.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "nnue/network_data.h"
#include "util/aligned.h"

namespace corvid::nnue {

inline constexpr int PSQT_BUCKETS = 8;
inline constexpr int LAYER_STACKS = 8;
// Stockfish 12-18 layer stacks (LayerGraph::SkipOutput, L2=15, L3=32):
inline constexpr int FC0_OUTPUTS = 16;  // L2 + 1: fifteen, and the skip term
inline constexpr int FC1_INPUTS = 32;   // 2 * L2 = 30, padded to 32
inline constexpr int FC1_OUTPUTS = 32;  // L3
// Stockfish 19 layer stacks (LayerGraph::ConcatActivations, L2=32, L3=32):
inline constexpr int SF19_FC0_OUTPUTS = 32;
inline constexpr int SF19_FC1_INPUTS = 64;   // squared and plain activations of fc_0
inline constexpr int SF19_FC2_INPUTS = 128;  // those, then squared and plain ones of fc_1
inline constexpr int WEIGHT_SCALE_BITS = 6;
inline constexpr int OUTPUT_SCALE = 16;

// One layer stack, its sizes those of the net's graph (fc0_outputs x L1, fc1 32 x
// fc1_inputs, fc2 1 x fc2_inputs), padding columns dropped.
struct LayerStack {
  int fc0_outputs = 0, fc1_inputs = 0, fc2_inputs = 0;
  AlignedVector<int32_t> fc0_biases;          // [fc0_outputs]
  AlignedVector<int8_t> fc0_weights;          // [fc0_outputs][L1], as in the file
  AlignedVector<int8_t> fc0_weights_blocked;  // [L1/4][fc0_outputs][4]: one 4-input block for all outputs
  AlignedVector<int32_t> fc1_biases;          // [32]
  AlignedVector<int8_t> fc1_weights;          // [32][fc1_inputs]
  AlignedVector<int8_t> fc1_weights_blocked;  // [fc1_inputs/4][32][4], like fc0_weights_blocked
  int32_t fc2_bias = 0;
  AlignedVector<int8_t> fc2_weights;  // [fc2_inputs]
};

class Network {
 public:
  // Refuses (returns null with *error set) any architecture the evaluator cannot run.
  static std::unique_ptr<Network> from_data(const NetworkData& data, std::string* error);
  // The same, taking over data's large tensors instead of copying them.
  static std::unique_ptr<Network> from_data(NetworkData&& data, std::string* error);

  int l1() const { return l1_; }
  LayerGraph graph() const { return arch_.graph(); }
  // Unique for the process's lifetime: a net loaded later may reuse a freed net's address,
  // so whoever sizes buffers for a net tells nets apart by this, not by pointer.
  uint64_t id() const { return id_; }
  const Architecture& architecture() const { return arch_; }
  const std::string& description() const { return description_; }

  const int16_t* ft_biases() const { return ft_biases_.data(); }
  const int16_t* ft_weights(int feature) const { return ft_weights_.data() + size_t(feature) * l1_; }
  const int32_t* psqt_weights(int feature) const { return psqt_weights_.data() + size_t(feature) * PSQT_BUCKETS; }
  const LayerStack& stack(int bucket) const { return stacks_[bucket]; }

  // Threat part (Stockfish 18 big nets; Stockfish 19: threat rows, then pawn-pair rows):
  // int8 rows summed into their own int16 accumulator from zero, int32 PSQT rows. The two
  // accumulators are added before the clipping, which for these nets keeps 0..255 (the
  // HalfKAv2_hm-only nets: 0..127).
  bool has_threats() const { return !threat_weights_.empty(); }
  const int8_t* threat_weights(int feature) const { return threat_weights_.data() + size_t(feature) * l1_; }
  const int32_t* threat_psqt_weights(int feature) const {
    return threat_psqt_weights_.data() + size_t(feature) * PSQT_BUCKETS;
  }

 private:
  uint64_t id_ = 0;
  Architecture arch_;
  std::string description_;
  int l1_ = 0;
  AlignedVector<int16_t> ft_biases_;
  AlignedVector<int16_t> ft_weights_;
  AlignedVector<int32_t> psqt_weights_;
  AlignedVector<int8_t> threat_weights_;
  AlignedVector<int32_t> threat_psqt_weights_;
  std::vector<LayerStack> stacks_;
};

}  // namespace corvid::nnue
