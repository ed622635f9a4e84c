// What a `go` command asks for.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "chess/types.h"

namespace corvid::search {

struct SearchLimits {
  int time[COLOR_NB] = {0, 0};       // ms left on each clock (0: not given)
  int increment[COLOR_NB] = {0, 0};  // ms per move
  int moves_to_go = 0;
  int depth = 0;                     // 0: no depth limit
  uint64_t nodes = 0;                // 0: no node limit
  int mate = 0;                      // find a mate in this many moves
  int movetime = 0;                  // ms
  bool infinite = false;
  bool ponder = false;
  std::vector<Move> search_moves;    // empty: all legal moves
  // When the GUI's `go` arrived: the clock runs from then, not from when the search could
  // start (the first `go` may wait for the embedded nets). Default: when the search starts.
  std::chrono::steady_clock::time_point received{};

  bool uses_clock() const { return time[WHITE] > 0 || time[BLACK] > 0; }
};

}  // namespace corvid::search
