#include "search/skill.h"

#include <algorithm>
#include <cmath>

namespace corvid::search {

namespace {
// Stockfish 15.1's Elo fit and choice model (see skill.h); its scores are in the same
// internal units as ours (net output / 16).
constexpr double ELO_AT_LEVEL_0 = 1346.6, ELO_SCALE = 143.4, ELO_EXPONENT = 0.806;
constexpr int SPREAD_CAP = 126;
}  // namespace

double skill_level_for_elo(int elo) {
  const double x = std::max(0.0, (std::clamp(elo, MIN_ELO, MAX_ELO) - ELO_AT_LEVEL_0) / ELO_SCALE);
  return std::clamp(std::pow(x, 1.0 / ELO_EXPONENT), 0.0, double(MAX_SKILL_LEVEL));
}

int skill_depth(double level) { return 1 + int(std::clamp(level, 0.0, double(MAX_SKILL_LEVEL))); }

size_t pick_weakened_move(const std::vector<RootMove>& root_moves, int candidates, double level, std::mt19937_64& rng) {
  if (level >= MAX_SKILL_LEVEL || root_moves.empty()) return 0;
  const int lines = std::min<int>(candidates, int(root_moves.size()));
  // Lines without a score (a search stopped early) take no part.
  int usable = 0;
  while (usable < lines && root_moves[size_t(usable)].known_score() != -VALUE_INFINITE) ++usable;
  if (usable <= 1) return 0;
  const int best = root_moves[0].known_score();
  if (is_mate_score(best) && best > 0) return 0;  // a found mate is never given away
  const int64_t weakness = 120 - int64_t(2 * std::clamp(level, 0.0, double(MAX_SKILL_LEVEL)));
  const int64_t spread = std::min<int64_t>(int64_t(best) - root_moves[size_t(usable - 1)].known_score(), SPREAD_CAP);
  size_t chosen = 0;
  int64_t chosen_total = INT64_MIN;
  for (int i = 0; i < usable; ++i) {
    const int64_t score = root_moves[size_t(i)].known_score();
    const int64_t random = int64_t(rng() % uint64_t(weakness));
    const int64_t total = score + (weakness * (best - score) + spread * random) / 128;
    if (total > chosen_total) chosen_total = total, chosen = size_t(i);
  }
  return chosen;
}

}  // namespace corvid::search
