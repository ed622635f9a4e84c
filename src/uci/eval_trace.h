// The readable breakdown the UCI `eval` command prints: PSQT and positional parts of
// every layer stack for the position, the one in use marked.
#pragma once

#include <string>

#include "chess/position.h"
#include "nnue/network.h"

namespace corvid {

std::string eval_trace(const nnue::Network& net, const Position& pos);

}  // namespace corvid
