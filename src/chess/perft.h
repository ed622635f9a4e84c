// Perft: the number of leaf nodes of the legal move tree, the move generator's exam.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "chess/position.h"

namespace corvid {

uint64_t perft(Position& pos, int depth);

// Per root move: the move and perft(depth - 1) after it, in generation order.
std::vector<std::pair<Move, uint64_t>> perft_divide(Position& pos, int depth);

}  // namespace corvid
