// Deterministic pseudo-random networks for tests and tools: realistic value spread (mostly
// small, some at the type limits), so both encodings and every LEB128 length are exercised.
#pragma once

#include <cstdint>

#include "nnue/network_data.h"

namespace corvid::nnue {

// A network of arch with every tensor (padding columns included) filled from seed.
// The same seed gives the same network on every platform.
NetworkData make_random_network(const Architecture& arch, uint64_t seed);

}  // namespace corvid::nnue
