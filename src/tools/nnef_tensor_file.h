// NNEF's binary tensor file (.dat, NNEF 1.0.x section "Tensor File Format"): a 128-byte
// header (magic 'N' 0xEF, version 1.0, data length, rank, eight extents, bits per item,
// item type) followed by the little-endian items. Corvid writes signed integers (item
// type 4) of 8, 16 or 32 bits.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace corvid::tools {

inline constexpr std::size_t NNEF_TENSOR_HEADER_BYTES = 128;
inline constexpr uint32_t NNEF_ITEM_SIGNED_INT = 4;

struct NnefTensorFile {
  std::vector<uint32_t> dims;
  uint32_t bits_per_item = 0;
  uint32_t item_type = 0;
  std::vector<uint8_t> data;
};

std::vector<uint8_t> write_nnef_tensor(std::span<const uint32_t> dims, uint32_t bits, std::span<const uint8_t> data);

// The header and data, or nothing with *error set when the header is malformed.
std::optional<NnefTensorFile> read_nnef_tensor(std::span<const uint8_t> file, std::string* error);

}  // namespace corvid::tools
