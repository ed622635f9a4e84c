// Feature-transformer accumulators along the search path: one entry per ply, both
// perspectives, brought up to date lazily when a position is evaluated. An entry is
// computed backward from its just-popped child, or forward from the nearest computed
// ancestor by the pieces that changed, or, when that side's king moved on the way (every
// king move changes HalfKAv2_hm's bucket or mirror) or the way is longer than the
// difference, from a per-king-square refresh cache that only needs that difference.
// Nets with Full_Threats inputs keep their threat accumulators in a second stack that
// moves in step with this one.
#pragma once

#include <vector>

#include "chess/position.h"
#include "nnue/board_delta.h"
#include "nnue/kernels.h"
#include "nnue/network.h"
#include "nnue/threat_accumulator.h"

namespace corvid::nnue {

class AccumulatorStack {
 public:
  // Sizes the buffers for net (kept by pointer; call again after the net changes).
  void set_network(const Network* net);
  // A new root position: nothing is computed below it yet.
  void reset();
  // Call before pos.make_move(m) / after pos.unmake_move(m).
  void push(const Position& before, Move m);
  void push_null();
  void pop();
  int depth() const { return top_; }

  // Brings the current entry up to date for both perspectives.
  void update(const Position& pos, const Kernels& kernels);
  // Recomputes both perspectives from scratch (no cache, no ancestors): the reference.
  void refresh_from_scratch(const Position& pos, const Kernels& kernels);

  const int16_t* values(Color perspective) const { return value_ptr(top_, perspective); }
  const int32_t* psqt(Color perspective) const { return entries_[top_].psqt[perspective]; }
  // The threat half (inactive for HalfKAv2_hm-only nets).
  const ThreatAccumulatorStack& threats() const { return threats_; }

 private:
  struct Entry {
    int32_t psqt[COLOR_NB][PSQT_BUCKETS];
    bool computed[COLOR_NB] = {false, false};
    BoardDelta delta;  // from the entry below
  };
  struct CacheSlot {
    int32_t psqt[PSQT_BUCKETS];
    Bitboard pieces[COLOR_NB][PIECE_TYPE_NB];
  };

  int16_t* value_ptr(int entry, Color p) { return values_.data() + (size_t(entry) * 2 + p) * l1_; }
  const int16_t* value_ptr(int entry, Color p) const { return values_.data() + (size_t(entry) * 2 + p) * l1_; }
  int16_t* cache_values(Color p, Square ksq) { return cache_values_.data() + (size_t(p) * 64 + ksq) * l1_; }
  void grow();
  void update_side(const Position& pos, Color p, const Kernels& kernels);
  void refresh_from_cache(const Position& pos, Color p, const Kernels& kernels);
  // Computes entry `target` from its computed neighbour `source` (one ply apart).
  void apply_delta(int target, int source, Color p, Square ksq, const Kernels& kernels);
  int cache_difference(const Position& pos, Color p) const;
  void forget_child();

  const Network* net_ = nullptr;
  int l1_ = 0;
  int top_ = 0;
  std::vector<Entry> entries_;
  AlignedVector<int16_t> values_;        // [entry][perspective][L1]
  CacheSlot cache_[COLOR_NB][SQUARE_NB];
  AlignedVector<int16_t> cache_values_;  // [perspective][king square][L1]
  ThreatAccumulatorStack threats_;
};

}  // namespace corvid::nnue
