// The default network, embedded in the binary at build time (CMake's CORVID_EVALFILE).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace corvid::nnue {

// Empty when the build found no net to embed.
std::span<const uint8_t> embedded_net();
// nn-<first 12 hex of sha256>.nnue, or empty.
std::string_view embedded_net_name();

}  // namespace corvid::nnue
