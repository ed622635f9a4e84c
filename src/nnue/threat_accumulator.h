// The int8 half of a threat net's feature transformer (Stockfish 18's Full_Threats;
// Stockfish 19's threats and pawn pairs): one int16 accumulator (from zero, no biases) and
// int32 PSQT sums per perspective and ply, beside the HalfKAv2_hm stack. Stockfish 19 sums
// all three feature sets into one accumulator; int16 addition wraps the same in any order,
// so keeping two and adding them before the clipping gives its numbers exactly, and lets
// the HalfKAv2_hm part keep its king-bucket cache. Each push records which threats the move removes and adds
// (threat_delta.h); an entry is brought up to date lazily, backward from its just-popped
// child or forward from the nearest computed ancestor. Threat inputs have no king
// buckets: the only king move that invalidates them is one across the d/e file line,
// which mirrors that side's view of the board; then (as in Stockfish) the side's threats
// are recomputed from the board, which is cheaper than a cache for ~40 active inputs.
// Pawn pairs are oriented the same way and change only when a pawn moves, is captured or
// promotes: each entry keeps the pawn sets before and after its move.
#pragma once

#include <vector>

#include "nnue/kernels.h"
#include "nnue/full_threats.h"
#include "nnue/network.h"
#include "nnue/pawn_pairs.h"
#include "nnue/threat_delta.h"

namespace corvid::nnue {

class ThreatAccumulatorStack {
 public:
  // Sizes the buffers for net (nothing to hold when it has no threat inputs).
  void set_network(const Network* net);
  bool active() const { return l1_ != 0; }
  void reset();
  void push(const Position& before, const BoardDelta& delta);
  void push_null();
  void pop() { --top_; }

  void update(const Position& pos, const Kernels& kernels);
  void refresh_from_scratch(const Position& pos, const Kernels& kernels);

  const int16_t* values(Color p) const { return value_ptr(top_, p); }
  const int32_t* psqt(Color p) const { return entries_[top_].psqt[p]; }

 private:
  struct Entry {
    int32_t psqt[COLOR_NB][PSQT_BUCKETS];
    bool computed[COLOR_NB] = {false, false};
    bool mirrors[COLOR_NB] = {false, false};  // the move flipped that side's orientation
    ThreatDelta delta;                          // from the entry below
    pawn_pairs::PawnSets pawns_before, pawns_after;  // pawn-pair nets: the move's pawn change
  };

  int16_t* value_ptr(int entry, Color p) { return values_.data() + (size_t(entry) * 2 + p) * l1_; }
  const int16_t* value_ptr(int entry, Color p) const { return values_.data() + (size_t(entry) * 2 + p) * l1_; }
  Entry& next_entry();
  void update_side(const Position& pos, Color p, const Kernels& kernels);
  void refresh_side(const Position& pos, Color p, const Kernels& kernels);
  // Computes entry `target` from its computed neighbour `source` (one ply apart).
  void apply_delta(int target, int source, Color p, Square ksq, const Kernels& kernels);

  const Network* net_ = nullptr;
  int l1_ = 0;
  full_threats::Generation generation_ = full_threats::Generation::Sf18;
  int pair_base_ = 0;  // row of the first pawn-pair input (the threat count); 0: no pairs
  int top_ = 0;
  std::vector<Entry> entries_;
  AlignedVector<int16_t> values_;  // [entry][perspective][L1]
};

}  // namespace corvid::nnue
