// Perft: the number of leaf nodes of the legal move tree, the move generator's exam.
#pragma once

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

#include "chess/position.h"

namespace corvid {

// stop, when given, is polled as the count goes: once set, the count returned is partial
// (the caller, who set it, knows).
uint64_t perft(Position& pos, int depth, const std::atomic<bool>* stop = nullptr);

// Per root move: the move and perft(depth - 1) after it, in generation order.
std::vector<std::pair<Move, uint64_t>> perft_divide(Position& pos, int depth, const std::atomic<bool>* stop = nullptr);

}  // namespace corvid
