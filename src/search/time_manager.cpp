#include "search/time_manager.h"

#include <algorithm>

namespace corvid::search {

void TimeManager::start(const SearchLimits& limits, Color us, int game_ply, int move_overhead_ms) {
  restart();
  timed_ = fixed_ = false;
  if (limits.movetime > 0) {
    timed_ = fixed_ = true;
    soft_ms_ = hard_ms_ = std::max<int64_t>(1, limits.movetime - move_overhead_ms);
    return;
  }
  if (!limits.uses_clock()) return;
  timed_ = true;
  const int64_t clock = std::max(limits.time[us], 1);
  const int64_t increment = limits.increment[us];
  // Sudden death is planned as if ~40 moves remained early on and fewer later, never under 20.
  const int64_t moves_left =
      limits.moves_to_go > 0 ? std::min(limits.moves_to_go, 50) : std::max<int64_t>(20, 45 - game_ply / 4);
  // Time we can spend without running out: the clock less the overhead of this move and the next.
  const int64_t usable = std::max<int64_t>(1, clock - 2 * move_overhead_ms);
  const int64_t share = usable / moves_left + increment * 3 / 4;
  // Never plan on more than a fraction of the clock, so a few long thinks cannot flag.
  const int64_t ceiling = std::max<int64_t>(1, usable * (limits.moves_to_go == 1 ? 8 : 5) / 10);
  soft_ms_ = std::clamp<int64_t>(share * 8 / 10, 1, ceiling);
  hard_ms_ = std::clamp<int64_t>(share * 4, 1, ceiling);
}

}  // namespace corvid::search
