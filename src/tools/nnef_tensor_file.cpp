#include "tools/nnef_tensor_file.h"

#include <cstring>


namespace corvid::tools {

namespace {

// Header layout (byte offsets).
constexpr std::size_t MAGIC = 0, VERSION = 2, DATA_LENGTH = 4, RANK = 8, EXTENTS = 12, BITS = 44, ITEM_TYPE = 48;
constexpr uint32_t MAX_RANK = 8;

void put_u32(uint8_t* at, uint32_t v) {
  for (int i = 0; i < 4; ++i) at[i] = uint8_t(v >> (8 * i));
}
uint32_t get_u32(const uint8_t* at) {
  return uint32_t(at[0]) | uint32_t(at[1]) << 8 | uint32_t(at[2]) << 16 | uint32_t(at[3]) << 24;
}

}  // namespace

std::vector<uint8_t> write_nnef_tensor(std::span<const uint32_t> dims, uint32_t bits, std::span<const uint8_t> data) {
  std::vector<uint8_t> out(NNEF_TENSOR_HEADER_BYTES + data.size(), 0);
  out[MAGIC] = 'N';
  out[MAGIC + 1] = 0xEF;
  out[VERSION] = 1;
  out[VERSION + 1] = 0;
  put_u32(&out[DATA_LENGTH], uint32_t(data.size()));
  put_u32(&out[RANK], uint32_t(dims.size()));
  for (std::size_t i = 0; i < dims.size() && i < MAX_RANK; ++i) put_u32(&out[EXTENTS + 4 * i], dims[i]);
  put_u32(&out[BITS], bits);
  put_u32(&out[ITEM_TYPE], NNEF_ITEM_SIGNED_INT);
  if (!data.empty()) std::memcpy(out.data() + NNEF_TENSOR_HEADER_BYTES, data.data(), data.size());
  return out;
}

std::optional<NnefTensorFile> read_nnef_tensor(std::span<const uint8_t> file, std::string* error) {
  auto fail = [&](const std::string& m) -> std::optional<NnefTensorFile> {
    if (error) *error = m;
    return std::nullopt;
  };
  if (file.size() < NNEF_TENSOR_HEADER_BYTES) return fail("shorter than the 128-byte NNEF tensor header");
  if (file[MAGIC] != 'N' || file[MAGIC + 1] != 0xEF) return fail("no NNEF tensor magic ('N' 0xEF)");
  if (file[VERSION] != 1) return fail("NNEF tensor version " + std::to_string(file[VERSION]) + ".x, expected 1.x");
  NnefTensorFile t;
  const uint32_t rank = get_u32(&file[RANK]);
  if (rank > MAX_RANK) return fail("rank " + std::to_string(rank) + " is over 8");
  for (uint32_t i = 0; i < rank; ++i) t.dims.push_back(get_u32(&file[EXTENTS + 4 * i]));
  t.bits_per_item = get_u32(&file[BITS]);
  t.item_type = get_u32(&file[ITEM_TYPE]);
  const uint64_t length = get_u32(&file[DATA_LENGTH]);
  uint64_t items = 1;
  for (uint32_t d : t.dims) items *= d;
  if (length != (items * t.bits_per_item + 7) / 8)
    return fail("data length " + std::to_string(length) + " does not fit the extents and bits per item");
  if (file.size() - NNEF_TENSOR_HEADER_BYTES != length)
    return fail("file holds " + std::to_string(file.size() - NNEF_TENSOR_HEADER_BYTES) + " data bytes, header says " +
                std::to_string(length));
  t.data.assign(file.begin() + NNEF_TENSOR_HEADER_BYTES, file.end());
  return t;
}

}  // namespace corvid::tools
