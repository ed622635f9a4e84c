// Playing weaker on purpose (Skill Level, UCI_LimitStrength): the search runs with several
// principal variations and at a depth that grows with the level, then one of the best
// lines is chosen with a random bonus that is larger the lower the level, so a weak level
// sometimes prefers a clearly worse move. Level 20 is full strength.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "search/worker.h"

namespace corvid::search {

inline constexpr int MAX_SKILL_LEVEL = 20;
inline constexpr int SKILL_CANDIDATES = 4;  // lines searched when weakened
inline constexpr int MIN_ELO = 1320, MAX_ELO = 3190;

// The level that UCI_Elo asks for: linear between MIN_ELO (level 0) and MAX_ELO (level 20).
// Uncalibrated: scripts/calibrate-elo.sh measures how far it is from the Elo asked.
int skill_level_for_elo(int elo);

// The depth limit of a weakened search: 1 + level plies.
int skill_depth(int level);

// Index into `root_moves` (sorted best first; the first `candidates` are searched lines)
// of the move a player of `level` picks.
size_t pick_weakened_move(const std::vector<RootMove>& root_moves, int candidates, int level, std::mt19937_64& rng);

}  // namespace corvid::search
