// What the threads of one search share: limits, clock, stop flag, table, net, output.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "nnue/kernels.h"
#include "nnue/networks.h"
#include "search/limits.h"
#include "search/time_manager.h"
#include "search/transposition_table.h"

namespace corvid::search {

class Worker;

struct SearchOptions {
  int multipv = 1;
  bool show_wdl = false;
  bool chess960 = false;
  int move_overhead_ms = 10;
  // Syzygy (tables loaded by the UCI layer): positions of at most this many pieces are
  // probed; the root's moves are ranked by DTZ/WDL, counting the 50-move rule if asked.
  int syzygy_probe_limit = 7;
  bool syzygy_50_move_rule = true;
  int syzygy_probe_depth = 1;
  // Below 20 the engine plays weaker (search/skill.h); skill_seed 0 draws a fresh seed,
  // any other value makes the choice repeatable (the same position, the same move).
  int skill_level = 20;
  uint64_t skill_seed = 0;
};

class SearchShared {
 public:
  TranspositionTable* tt = nullptr;
  nnue::Networks nets;  // no big net: material evaluation only
  const nnue::Kernels* kernels = nullptr;
  SearchLimits limits;
  SearchOptions options;
  TimeManager time;
  std::atomic<bool> stop{false};
  std::atomic<bool> pondering{false};  // while set, the clock does not stop the search
  std::function<void(const std::string&)> output;  // UCI lines; empty: silent
  std::vector<Worker*> workers;
  // The last info line the main thread printed for each MultiPV line (its identity, see
  // report.h), so that the final report before bestmove does not repeat it.
  std::vector<std::string> reported;

  uint64_t total_nodes() const;
  void say(const std::string& line) const {
    if (output) output(line);
  }
};

}  // namespace corvid::search
