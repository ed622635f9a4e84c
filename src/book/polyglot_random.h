// The Polyglot format's table of 781 random numbers, from which book keys are made.
#pragma once

#include <cstdint>

namespace corvid::book {

inline constexpr int POLYGLOT_CASTLING = 768;  // + 0 White O-O, 1 White O-O-O, 2 Black O-O, 3 Black O-O-O
inline constexpr int POLYGLOT_EN_PASSANT = 772;  // + file
inline constexpr int POLYGLOT_TURN = 780;         // White to move
extern const uint64_t POLYGLOT_RANDOM[781];

}  // namespace corvid::book
