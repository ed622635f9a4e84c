// From raw network output to the units users see.
#pragma once

#include <cstdint>

#include "nnue/network.h"

namespace corvid::nnue {

// Stockfish 15.1's scale: the net's output / OUTPUT_SCALE is its internal value, and an
// internal value of 361 was fitted to a 50% chance of winning at move 32 (its
// NormalizeToPawnValue). So +100 cp here means roughly a 50% chance to win.
inline constexpr int PAWN_VALUE_INTERNAL = 361;

inline int raw_to_centipawns(int32_t raw) { return raw / OUTPUT_SCALE * 100 / PAWN_VALUE_INTERNAL; }

}  // namespace corvid::nnue
