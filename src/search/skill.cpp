#include "search/skill.h"

#include <algorithm>

namespace corvid::search {

namespace {
// Internal units (361 = 100 cp) of the largest random bonus, per level below 20: at
// level 0 a move up to about 130 cp worse can win the draw.
constexpr int BONUS_PER_LEVEL = 24;
}  // namespace

int skill_level_for_elo(int elo) {
  elo = std::clamp(elo, MIN_ELO, MAX_ELO);
  return (elo - MIN_ELO) * MAX_SKILL_LEVEL / (MAX_ELO - MIN_ELO);
}

int skill_depth(int level) { return 1 + std::clamp(level, 0, MAX_SKILL_LEVEL); }

size_t pick_weakened_move(const std::vector<RootMove>& root_moves, int candidates, int level, std::mt19937_64& rng) {
  const int lines = std::min<int>(candidates, int(root_moves.size()));
  const int max_bonus = BONUS_PER_LEVEL * (MAX_SKILL_LEVEL - std::clamp(level, 0, MAX_SKILL_LEVEL));
  if (lines <= 1 || max_bonus == 0) return 0;
  size_t chosen = 0;
  int64_t best = INT64_MIN;
  for (int i = 0; i < lines; ++i) {
    const RootMove& rm = root_moves[size_t(i)];
    const int score = rm.score != -VALUE_INFINITE ? rm.score : rm.previous_score;
    if (score == -VALUE_INFINITE) continue;
    if (is_mate_score(score) && score > 0 && i == 0) return 0;  // a found mate is never given away
    const int64_t value = int64_t(score) + int64_t(rng() % uint64_t(max_bonus + 1));
    if (value > best) best = value, chosen = size_t(i);
  }
  return chosen;
}

}  // namespace corvid::search
