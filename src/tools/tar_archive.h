// A plain ustar archive (POSIX.1-1988), the container NNEF suggests: regular files only,
// written with fixed mode and time so the same net always gives the same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corvid::tools {

struct TarEntry {
  std::string name;  // may contain '/', up to 100 characters
  std::vector<uint8_t> bytes;
};

std::vector<uint8_t> write_tar(const std::vector<TarEntry>& entries);

// The regular files of an archive, or nothing with *error set (bad checksum, truncated).
std::optional<std::vector<TarEntry>> read_tar(const std::vector<uint8_t>& archive, std::string* error);

}  // namespace corvid::tools
