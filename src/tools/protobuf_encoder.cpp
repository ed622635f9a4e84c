#include "tools/protobuf_encoder.h"

#include <bit>
#include <cstring>

namespace corvid::tools {

namespace {
// Protobuf wire types.
constexpr int VARINT = 0, LENGTH_DELIMITED = 2, FIXED32 = 5;
}  // namespace

void ProtoEncoder::varint(uint64_t value) {
  while (value >= 0x80) {
    bytes_.push_back(char(uint8_t(value) | 0x80));
    value >>= 7;
  }
  bytes_.push_back(char(value));
}

void ProtoEncoder::int_field(int field, int64_t value) {
  tag(field, VARINT);
  varint(uint64_t(value));
}

void ProtoEncoder::float_field(int field, float value) {
  static_assert(std::endian::native == std::endian::little);
  tag(field, FIXED32);
  char raw[4];
  std::memcpy(raw, &value, 4);
  bytes_.append(raw, 4);
}

void ProtoEncoder::bytes_field(int field, std::string_view bytes) {
  tag(field, LENGTH_DELIMITED);
  varint(bytes.size());
  bytes_.append(bytes);
}

}  // namespace corvid::tools
