// `bench`: a fixed-depth search of a fixed list of positions, ending with the line
// `<nodes> nodes <nps> nps` that OpenBench reads. The node count is the search's
// signature: the same on every run and every build flavour (one thread). `speedtest`
// searches the same list for a fixed time each, with all threads, for a machine's nps.
#pragma once

#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "nnue/networks.h"

namespace corvid {

struct BenchSettings {
  int depth = 13;
  int64_t movetime_ms = 0;  // per position instead of a depth (speedtest); 0: depth
  int threads = 1;
  int hash_mb = 16;
  std::vector<std::string> positions;  // FENs; empty: the built-in list
};

// The built-in list: openings, middlegames, endgames and mates.
std::vector<std::string> bench_positions();
// FENs from a file, one per line (blank lines and lines starting with '#' skipped);
// false with *error set when it cannot be read or holds none.
bool read_bench_positions(const std::string& path, std::vector<std::string>& out, std::string* error);

// Progress goes to `log` (stderr), the totals to `out`. Returns the nodes searched.
// stop, when given, is watched during each search: once set, the bench ends early,
// printing nothing to `out` (partial totals would read like a signature).
uint64_t run_bench(const BenchSettings& settings, const nnue::Networks& nets, std::ostream& out, std::ostream& log,
                   const std::atomic<bool>* stop = nullptr);

}  // namespace corvid
