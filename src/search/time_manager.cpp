#include "search/time_manager.h"

#include <algorithm>

#include "search/tunables.h"

namespace corvid::search {

void TimeManager::start(const SearchLimits& limits, Color us, int game_ply, int move_overhead_ms) {
  if (limits.received == Clock::time_point{}) restart();
  else start_ticks_ = std::min(limits.received, Clock::now()).time_since_epoch().count();
  timed_ = fixed_ = false;
  if (limits.movetime > 0) {
    timed_ = fixed_ = true;
    // Stopping, answering and the pipe take a few milliseconds, and on a loaded machine
    // the engine may wait for a core: a little is kept back beyond the overhead.
    soft_ms_ = hard_ms_ = std::max<int64_t>(1, limits.movetime - move_overhead_ms - tunables::tm_movetime_margin);
    return;
  }
  if (!limits.uses_clock()) return;
  timed_ = true;
  const int64_t clock = std::max(limits.time[us], 1);
  const int64_t increment = limits.increment[us];
  // Sudden death is planned as if ~40 moves remained early on and fewer later, never under 20.
  namespace tune = tunables;
  const int64_t moves_left = limits.moves_to_go > 0
                                 ? std::min(limits.moves_to_go, tune::tm_movestogo_max)
                                 : std::max<int64_t>(tune::tm_moves_left_min, tune::tm_moves_left_base - game_ply / tune::tm_ply_divisor);
  // Time we can spend without running out: the clock less the overhead of this move and the next.
  const int64_t usable = std::max<int64_t>(1, clock - 2 * move_overhead_ms);
  const int64_t share = usable / moves_left + increment * tune::tm_increment_percent / 100;
  // Never plan on more than a fraction of the clock, so a few long thinks cannot flag.
  const int64_t ceiling = std::max<int64_t>(
      1, usable * (limits.moves_to_go == 1 ? tune::tm_ceiling_last_percent : tune::tm_ceiling_percent) / 100);
  soft_ms_ = std::clamp<int64_t>(share * tune::tm_soft_percent / 100, 1, ceiling);
  hard_ms_ = std::clamp<int64_t>(share * tune::tm_hard_percent / 100, 1, ceiling);
}

}  // namespace corvid::search
