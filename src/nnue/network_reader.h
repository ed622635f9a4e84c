// Reads a .nnue image (Stockfish / nnue-pytorch layout) into NetworkData, checking the
// version, every hash and every size. Never throws for bad input; a refusal names what
// differed, expected and found values, and the byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "nnue/network_data.h"

namespace corvid::nnue {

// Files larger than this are refused before reading: the largest known net is ~110 MB.
inline constexpr std::size_t MAX_NETWORK_FILE_BYTES = std::size_t(1) << 30;

struct ReadOptions {
  // Also read feature sets whose layout is known but which the evaluator cannot use
  // (Full_Threats), for inspection tools. The engine leaves this off.
  bool allow_parse_only = false;
};

struct ReadResult {
  std::optional<NetworkData> network;  // set on success
  std::string error;                   // set on refusal
  std::size_t error_offset = 0;

  bool ok() const { return network.has_value(); }
};

// Pure: it builds a new NetworkData, so whatever net the caller holds stays in use
// when a file is refused.
ReadResult read_network(std::span<const uint8_t> bytes, const ReadOptions& options = {});

// As read_network; the error is prefixed with the path. Also refuses unreadable files,
// files over MAX_NETWORK_FILE_BYTES and anything not a regular file (never blocks).
ReadResult read_network_file(const std::string& path, const ReadOptions& options = {});

}  // namespace corvid::nnue
