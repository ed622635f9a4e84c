// Move-ordering statistics a search thread learns as it goes: which quiet moves caused
// cut-offs (by from-to square, and after which previous moves), which captures did, and
// the killer and counter moves.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "chess/types.h"
#include "search/tunables.h"

namespace corvid::search {

// A score that moves towards +-LIMIT by `bonus`, slowing as it nears the limit, so that
// old statistics fade instead of saturating.
template <int LIMIT>
struct HistoryEntry {
  int16_t value = 0;
  operator int() const { return value; }
  void update(int bonus) {
    bonus = std::clamp(bonus, -LIMIT, LIMIT);
    value = int16_t(value + bonus - value * std::abs(bonus) / LIMIT);
  }
};

inline constexpr int QUIET_HISTORY_LIMIT = 8192;
inline constexpr int CAPTURE_HISTORY_LIMIT = 10000;
inline constexpr int CONTINUATION_LIMIT = 16384;

// [colour][from][to]
using ButterflyHistory = std::array<std::array<HistoryEntry<QUIET_HISTORY_LIMIT>, 64 * 64>, COLOR_NB>;
// [moved piece][to][captured piece type]
using CaptureHistory = std::array<std::array<std::array<HistoryEntry<CAPTURE_HISTORY_LIMIT>, PIECE_TYPE_NB>, 64>, PIECE_NB>;
// For one earlier move (piece, to): [piece][to] of the move now.
using PieceToHistory = std::array<std::array<HistoryEntry<CONTINUATION_LIMIT>, 64>, PIECE_NB>;
// [earlier piece][earlier to] -> its PieceToHistory
using ContinuationHistory = std::array<std::array<PieceToHistory, 64>, PIECE_NB>;
// Correction histories: how far searches ended from the static evaluation in positions
// that share something with this one (its pawns, one side's other pieces, the last two
// moves); the evaluation is moved by their weighted sum (see Worker::corrected_eval).
inline constexpr int CORRECTION_LIMIT = 1024;
inline constexpr int CORRECTION_SIZE = 16384;
using CorrectionEntry = HistoryEntry<CORRECTION_LIMIT>;
// [side to move][low bits of a key]
using CorrectionHistory = std::array<std::array<CorrectionEntry, CORRECTION_SIZE>, COLOR_NB>;
inline int correction_index(uint64_t key) { return int(key & (CORRECTION_SIZE - 1)); }
// For the move before the last (piece, to): [piece][to] of the last move.
using PieceToCorrection = std::array<std::array<CorrectionEntry, 64>, PIECE_NB>;
using ContinuationCorrection = std::array<std::array<PieceToCorrection, 64>, PIECE_NB>;
// [piece][to] of the previous move -> the move that refuted it
using CounterMoves = std::array<std::array<Move, 64>, PIECE_NB>;

inline int butterfly_index(Move m) { return m.from() * 64 + m.to(); }

// Bonus for a move that caused a cut-off at `depth` (and the malus for those that did not).
inline int history_bonus(int depth) {
  return std::min(tunables::history_bonus_quadratic * depth * depth + tunables::history_bonus_linear * depth -
                      tunables::history_bonus_offset,
                  tunables::history_bonus_max);
}

template <typename T>
void fill_zero(T& table) { std::memset(static_cast<void*>(&table), 0, sizeof(table)); }

}  // namespace corvid::search
