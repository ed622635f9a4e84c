// Writes NetworkData in the .nnue layout, each feature-transformer block raw or LEB128 as
// its BlockStorage says, with the hashes computed from net.arch. Reading a file and
// writing it back gives the same bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "nnue/network_data.h"

namespace corvid::nnue {

// Throws std::invalid_argument when a tensor's size does not match net.arch
// (see shape_mismatch): such a file could not be read back.
std::vector<uint8_t> write_network(const NetworkData& net);

// Returns false with a message in error when the net is malformed or the file cannot be
// written.
bool write_network_file(const NetworkData& net, const std::string& path, std::string& error);

}  // namespace corvid::nnue
