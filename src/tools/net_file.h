// A .nnue file as the net tools see it: its bytes, its sha256 and the parsed contents
// (Full_Threats included), read once with the engine's own reader.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "nnue/network_data.h"

namespace corvid::tools {

struct NetFile {
  std::string path;
  std::vector<uint8_t> bytes;
  std::optional<nnue::NetworkData> net;  // empty when the reader refused the file
  std::string error;                     // the refusal, or why the file could not be read
  std::size_t error_offset = 0;
  bool readable = false;                 // the bytes were read (even if the parse failed)

  bool ok() const { return net.has_value(); }
};

// Reads and parses path; shows progress on a terminal when the file is large.
NetFile load_net_file(const std::string& path);

// Writes bytes to path (with progress for large files); false and a message on failure.
bool write_bytes_file(const std::string& path, std::span<const uint8_t> bytes, std::string& error);

// The file name part of a path.
std::string base_name(const std::string& path);

// True when name has the form nn-<12 lowercase hex digits>.nnue.
bool is_content_name(const std::string& name);

}  // namespace corvid::tools
