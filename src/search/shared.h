// What the threads of one search share: limits, clock, stop flag, table, net, listener.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "nnue/kernels.h"
#include "nnue/networks.h"
#include "search/info.h"
#include "search/root_move.h"
#include "search/skill.h"
#include "search/limits.h"
#include "search/time_manager.h"
#include "search/transposition_table.h"

namespace corvid::search {

class Worker;

struct SearchOptions {
  int multipv = 1;       // lines searched
  int shown_lines = 0;   // of those, lines reported (0: all); a weakened search shows the
                         // user's MultiPV, not its own candidate lines
  int reported_lines() const { return shown_lines > 0 ? std::min(shown_lines, multipv) : multipv; }
  int move_overhead_ms = 10;
  // Syzygy (tables loaded by the UCI layer): positions of at most this many pieces are
  // probed; the root's moves are ranked by DTZ/WDL, counting the 50-move rule if asked.
  int syzygy_probe_limit = 7;
  bool syzygy_50_move_rule = true;
  int syzygy_probe_depth = 1;
  // Below 20 the engine plays weaker (search/skill.h); skill_seed 0 draws a fresh seed,
  // any other value makes the choice repeatable (the same position, the same move).
  double skill_level = MAX_SKILL_LEVEL;  // fractional: UCI_Elo maps between whole levels
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
  // A weakened search's move, chosen by the main thread at depth 1 + level.
  std::optional<RootMove> weakened_choice;
  bool weakened() const { return options.skill_level < MAX_SKILL_LEVEL; }

  uint64_t total_nodes() const;
  SearchCounters counters() const;
  // Reports line (and remembers it as reported) if anyone listens.
  void report(const PvLine& line);
};

}  // namespace corvid::search
