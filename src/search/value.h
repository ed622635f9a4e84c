// Search scores: centipawn-like internal units (the net's output / OUTPUT_SCALE), with
// mate scores counted in plies from the root at the top of the range.
#pragma once

#include <cstdlib>

namespace corvid::search {

inline constexpr int MAX_PLY = 240;
inline constexpr int VALUE_DRAW = 0;
inline constexpr int VALUE_MATE = 32000;
inline constexpr int VALUE_INFINITE = 32001;
inline constexpr int VALUE_NONE = 32002;
inline constexpr int VALUE_MATE_IN_MAX_PLY = VALUE_MATE - MAX_PLY;
inline constexpr int VALUE_MATED_IN_MAX_PLY = -VALUE_MATE_IN_MAX_PLY;
// Tablebase wins (and, negated, losses) sit just below the mate range, so a TB result is
// never shown or taken as a mate, and above any evaluation: VALUE_TB - ply at `ply`.
inline constexpr int VALUE_TB = VALUE_MATE_IN_MAX_PLY - 1;
inline constexpr int VALUE_TB_WIN_IN_MAX_PLY = VALUE_TB - MAX_PLY;

constexpr int mate_in(int ply) { return VALUE_MATE - ply; }
constexpr int mated_in(int ply) { return -VALUE_MATE + ply; }
constexpr bool is_mate_score(int v) { return std::abs(v) >= VALUE_MATE_IN_MAX_PLY && std::abs(v) <= VALUE_MATE; }
// A mate score, or a stored one the 50-move rule made uncertain (see value_from_tt): a
// claim about a forced line, never a stand-in for a static evaluation.
constexpr bool is_decisive(int v) { return std::abs(v) >= VALUE_MATE_IN_MAX_PLY - 1 && std::abs(v) <= VALUE_MATE; }

// The table stores mate scores relative to the node, the search uses them relative to the root.
constexpr int value_to_tt(int v, int ply) {
  return v >= VALUE_MATE_IN_MAX_PLY ? v + ply : v <= VALUE_MATED_IN_MAX_PLY ? v - ply : v;
}
// A stored mate score that the 50-move rule could cut off is not trusted as a mate.
constexpr int value_from_tt(int v, int ply, int rule50) {
  if (v == VALUE_NONE) return VALUE_NONE;
  if (v >= VALUE_MATE_IN_MAX_PLY) return VALUE_MATE - v > 99 - rule50 ? VALUE_MATE_IN_MAX_PLY - 1 : v - ply;
  if (v <= VALUE_MATED_IN_MAX_PLY) return VALUE_MATE + v > 99 - rule50 ? VALUE_MATED_IN_MAX_PLY + 1 : v + ply;
  return v;
}

}  // namespace corvid::search
