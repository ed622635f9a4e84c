// One move at the root of a search: its score in the current and the previous iteration,
// the bound a failed aspiration window left on it, and its principal variation.
#pragma once

#include <cstdint>
#include <vector>

#include "chess/types.h"
#include "search/info.h"
#include "search/value.h"

namespace corvid::search {

struct RootMove {
  Move move;
  int score = -VALUE_INFINITE;
  int previous_score = -VALUE_INFINITE;
  int average_score = -VALUE_INFINITE;
  bool bound_lower = false, bound_upper = false;  // score from a failed aspiration window
  int sel_depth = 0;
  std::vector<Move> pv;
  int depth = 0;           // iteration that gave `score`
  int previous_depth = 0;  // ... and `previous_score` (0: not searched, an estimate)
  uint64_t nodes = 0;      // searched under this move by this thread, all iterations (time management)

  // This iteration's score once the move has one, else the last iteration's.
  int known_score() const { return score != -VALUE_INFINITE ? score : previous_score; }
  // The line as reported: this iteration's result (with its bound) or the last one's.
  PvLine line(int multipv) const;
};

}  // namespace corvid::search
