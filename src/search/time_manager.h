// How long one search may take: a soft limit (do not start another iteration after it,
// scaled by how settled the best move is) and a hard limit (stop at once).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "search/limits.h"

namespace corvid::search {

using Clock = std::chrono::steady_clock;

class TimeManager {
 public:
  // Limits for `us` to move at game ply `game_ply`, keeping `move_overhead_ms` per move
  // for the GUI and the pipe.
  void start(const SearchLimits& limits, Color us, int game_ply, int move_overhead_ms);
  // The clock starts again (after ponderhit the opponent's thinking time was free).
  void restart() { start_ticks_ = Clock::now().time_since_epoch().count(); }

  bool is_timed() const { return timed_; }
  // `go movetime`: the user asked for exactly this long, so only the hard limit applies.
  bool is_fixed() const { return fixed_; }
  int64_t elapsed_ms() const {
    const Clock::duration since_start(Clock::now().time_since_epoch().count() - start_ticks_.load());
    return std::chrono::duration_cast<std::chrono::milliseconds>(since_start).count();
  }
  int64_t soft_ms() const { return soft_ms_; }
  int64_t hard_ms() const { return hard_ms_; }
  bool hard_limit_reached() const { return timed_ && elapsed_ms() >= hard_ms_; }
  // `stability` scales the soft limit: below 1 when the best move has held, above when it changes.
  // Never true for a fixed move time: it is spent in full.
  bool soft_limit_reached(double stability) const {
    return timed_ && !fixed_ && elapsed_ms() >= soft_ms_ * stability;
  }

 private:
  // Atomic: ponderhit restarts the clock from the UCI thread while the search reads it.
  std::atomic<Clock::rep> start_ticks_{Clock::now().time_since_epoch().count()};
  bool timed_ = false;
  bool fixed_ = false;
  int64_t soft_ms_ = 0;
  int64_t hard_ms_ = 0;
};

}  // namespace corvid::search
