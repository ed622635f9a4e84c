// Perft output shared by `corvid perft` and UCI `go perft`.
#pragma once

#include <iosfwd>

#include "chess/position.h"

namespace corvid {

struct PerftReport {
  uint64_t nodes = 0;
  double seconds = 0;
};

// Prints `<move>: <count>` per root move when divide is set, then `Nodes searched: <N>`.
PerftReport run_perft(Position& pos, int depth, bool divide, std::ostream& out);

}  // namespace corvid
