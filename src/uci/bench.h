// `bench`: a fixed-depth search of a fixed list of positions, ending with the line
// `<nodes> nodes <nps> nps` that OpenBench reads. The node count is the search's
// signature: the same on every run and every build flavour (one thread).
#pragma once

#include <iosfwd>

#include "nnue/networks.h"

namespace corvid {

struct BenchSettings {
  int depth = 13;
  int threads = 1;
  int hash_mb = 16;
};

// Progress goes to `log` (stderr), the totals to `out`. Returns the nodes searched.
uint64_t run_bench(const BenchSettings& settings, const nnue::Networks& nets, std::ostream& out, std::ostream& log);

}  // namespace corvid
