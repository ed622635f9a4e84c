// What a move changes among the threats on the board (Full_Threats inputs), worked out
// from the move itself: only threats that involve a square whose contents change, or
// that a slider casts through a square the move empties or fills, can differ between
// the position before and after. Those threats are listed for both boards; the two
// lists never share a threat (each names a changed square's contents, or a ray that is
// open on one board only), so "before" is what goes and "after" what comes.
#pragma once

#include "nnue/board_delta.h"
#include "nnue/full_threats.h"

namespace corvid::nnue {

struct ThreatDelta {
  // Bounds: four changed squares, each with at most 8 threats from it, 16 onto it and
  // 8 slider rays through it, per board. A list that would not fit marks the delta as
  // overflowed, and the accumulators recompute from the board instead.
  static constexpr int CAPACITY = 128;
  full_threats::Threat removed[CAPACITY];
  full_threats::Threat added[CAPACITY];
  int removed_count = 0, added_count = 0;
  bool overflow = false;

  void clear() { removed_count = added_count = 0, overflow = false; }
  int size() const { return removed_count + added_count; }
};

// The threats that `delta` (the board change of a move played from `before`) removes
// and adds.
void threat_delta(const Position& before, const BoardDelta& delta, ThreatDelta& out);

}  // namespace corvid::nnue
