// Perft output shared by `corvid perft` and UCI `go perft`.
#pragma once

#include <atomic>
#include <iosfwd>

#include "chess/position.h"

namespace corvid {

struct PerftReport {
  uint64_t nodes = 0;
  double seconds = 0;
  bool stopped = false;  // ended by *stop: nodes is a partial count and nothing was printed
};

// Prints `<move>: <count>` per root move when divide is set, then `Nodes searched: <N>`.
// When stop is set before the count is complete, prints nothing and says so in the report.
PerftReport run_perft(Position& pos, int depth, bool divide, std::ostream& out,
                      const std::atomic<bool>* stop = nullptr);

}  // namespace corvid
