// What the threads of one search share: limits, clock, stop flag, table, net, listener.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "nnue/kernels.h"
#include "nnue/networks.h"
#include "search/info.h"
#include "search/limits.h"
#include "search/time_manager.h"
#include "search/transposition_table.h"

namespace corvid::search {

class Worker;

struct SearchOptions {
  int multipv = 1;
  int move_overhead_ms = 10;
  // Syzygy (tables loaded by the UCI layer): positions of at most this many pieces are
  // probed; the root's moves are ranked by DTZ/WDL, counting the 50-move rule if asked.
  int syzygy_probe_limit = 7;
  bool syzygy_50_move_rule = true;
  int syzygy_probe_depth = 1;
  // Below 20 the engine plays weaker (search/skill.h); skill_seed 0 draws a fresh seed,
  // any other value makes the choice repeatable (the same position, the same move).
  double skill_level = 20;  // fractional: UCI_Elo maps between whole levels
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
  SearchListener listener;  // empty: silent
  std::vector<Worker*> workers;
  // The last line the main thread reported for each MultiPV line, so that the final
  // report before bestmove does not repeat it.
  std::vector<PvLine> reported;

  uint64_t total_nodes() const;
  SearchCounters counters() const;
  // Reports line (and remembers it as reported) if anyone listens.
  void report(const PvLine& line);
};

}  // namespace corvid::search
