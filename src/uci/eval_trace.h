// The readable breakdown the UCI `eval` command prints: PSQT and positional parts of
// every layer stack for the position, the one in use marked, for each net in use; which
// net the engine's evaluation took, and the final evaluation.
#pragma once

#include <string>

#include "chess/position.h"
#include "nnue/networks.h"

namespace corvid {

std::string eval_trace(const nnue::Networks& nets, const Position& pos);

}  // namespace corvid
