// Playing weaker on purpose (Skill Level, UCI_LimitStrength + UCI_Elo), on Stockfish 15.1's
// calibrated model so that UCI_Elo means what it means there: a fractional level from the
// Elo, a search of four lines to 1 + level plies, then a choice that pulls the weaker
// lines towards the best one and adds a random bonus, both by an amount that grows as the
// level falls. Level 20 is full strength.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "search/root_move.h"

namespace corvid::search {

inline constexpr int MAX_SKILL_LEVEL = 20;
inline constexpr int SKILL_CANDIDATES = 4;  // lines searched when weakened
inline constexpr int MIN_ELO = 1320, MAX_ELO = 3190;

// The level UCI_Elo asks for: ((elo - 1346.6) / 143.4) ^ (1 / 0.806), within 0..20 —
// Stockfish 15.1's fit of its levels to Elo (matches at 60+0.6, CCRL-anchored). 1500 is
// level 1.09, 2000 is 6.56, 2500 is 13.29; from about 2951 on, full strength.
double skill_level_for_elo(int elo);

// The depth limit of a weakened search: 1 + whole levels, in plies.
int skill_depth(double level);

// Index into `root_moves` (sorted best first; the first `candidates` are searched lines)
// of the move a player of `level` picks: with weakness w = 120 - 2 * level, each line
// gets score + (w * (best - score) + spread * r) / 128, r uniform in 0..w-1, spread the
// score range of the lines capped at 126 units (a middlegame pawn); the highest total
// is played. A line far enough behind can never be picked: at level 0 one 1874 units
// worse, at level 10 one 445 worse.
size_t pick_weakened_move(const std::vector<RootMove>& root_moves, int candidates, double level, std::mt19937_64& rng);

}  // namespace corvid::search
