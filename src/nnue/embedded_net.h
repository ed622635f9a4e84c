// The default networks, embedded in the binary at build time (CMake's CORVID_EVALFILE
// and CORVID_EVALFILE_SMALL): a big net and, for nets used in pairs as Stockfish 18 does,
// a small one.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace corvid::nnue {

enum class NetSlot : uint8_t { Big, Small };

// Empty when the build found no net to embed in that slot.
std::span<const uint8_t> embedded_net(NetSlot slot = NetSlot::Big);
// nn-<first 12 hex of sha256>.nnue, or empty.
std::string_view embedded_net_name(NetSlot slot = NetSlot::Big);

}  // namespace corvid::nnue
