#include "nnue/leb128.h"

#include <limits>
#include <string>

#include "nnue/format_error.h"

namespace corvid::nnue {

namespace {

// The last byte of a value ends the stream once the remaining bits are pure sign.
bool is_last_byte(int32_t rest, uint8_t byte) {
  return (byte & 0x40) == 0 ? rest == 0 : rest == -1;
}

template <class T>
const char* type_name() {
  if constexpr (sizeof(T) == 1) return "int8";
  else if constexpr (sizeof(T) == 2) return "int16";
  else return "int32";
}

}  // namespace

std::size_t leb128_size(int32_t value) {
  std::size_t size = 1;
  for (;;) {
    const auto byte = static_cast<uint8_t>(value & 0x7f);
    value >>= 7;  // arithmetic shift (guaranteed since C++20)
    if (is_last_byte(value, byte)) return size;
    ++size;
  }
}

void leb128_append(std::vector<uint8_t>& out, int32_t value) {
  for (;;) {
    const auto byte = static_cast<uint8_t>(value & 0x7f);
    value >>= 7;
    if (is_last_byte(value, byte)) {
      out.push_back(byte);
      return;
    }
    out.push_back(byte | 0x80);
  }
}

template <class T>
void leb128_append_all(std::vector<uint8_t>& out, std::span<const T> values) {
  for (const T v : values) leb128_append(out, v);
}

template <class T>
void Leb128Decoder::decode(std::span<T> out) {
  constexpr int BITS = 8 * sizeof(T);
  constexpr std::size_t MAX_BYTES = (BITS + 6) / 7;
  constexpr int64_t LOW = std::numeric_limits<T>::min();
  constexpr int64_t HIGH = std::numeric_limits<T>::max();

  const std::size_t size = payload_.size();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::size_t start = pos_;
    // Fast path: most trained weights fit in one byte.
    if (pos_ < size && (payload_[pos_] & 0x80) == 0) {
      const uint8_t byte = payload_[pos_++];
      out[i] = static_cast<T>((byte & 0x40) ? int(byte) - 0x80 : int(byte));  // -64..63 fits any T
      continue;
    }
    uint64_t bits = 0;
    unsigned shift = 0;
    uint8_t byte = 0;
    do {
      if (pos_ == size)
        throw FormatError(file_offset_ + pos_,
                          "LEB128 stream ends early at offset " + std::to_string(file_offset_ + pos_) +
                              ": byte count too small, value " + std::to_string(i) + " of " +
                              std::to_string(out.size()) + " unfinished");
      if (pos_ - start == MAX_BYTES)
        throw FormatError(file_offset_ + start,
                          "overlong LEB128 value at offset " + std::to_string(file_offset_ + start) +
                              ": more than " + std::to_string(MAX_BYTES) + " bytes for an " +
                              type_name<T>());
      byte = payload_[pos_++];
      bits |= uint64_t(byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    if (byte & 0x40) bits |= ~uint64_t(0) << shift;  // sign-extend
    const auto v = static_cast<int64_t>(bits);
    if (v < LOW || v > HIGH)
      throw FormatError(file_offset_ + start,
                        "LEB128 value " + std::to_string(v) + " out of range for " + type_name<T>() +
                            " at offset " + std::to_string(file_offset_ + start));
    if (leb128_size(static_cast<int32_t>(v)) != pos_ - start)
      throw FormatError(file_offset_ + start,
                        "overlong LEB128 value at offset " + std::to_string(file_offset_ + start) +
                            ": " + std::to_string(v) + " encoded in " + std::to_string(pos_ - start) +
                            " bytes, shortest form is " +
                            std::to_string(leb128_size(static_cast<int32_t>(v))));
    out[i] = static_cast<T>(v);
  }
}

void Leb128Decoder::expect_end() const {
  if (pos_ != payload_.size())
    throw FormatError(file_offset_ + pos_,
                      "LEB128 byte count mismatch at offset " + std::to_string(file_offset_ + pos_) +
                          ": block declares " + std::to_string(payload_.size()) +
                          " bytes, its values use " + std::to_string(pos_));
}

template void leb128_append_all<int8_t>(std::vector<uint8_t>&, std::span<const int8_t>);
template void leb128_append_all<int16_t>(std::vector<uint8_t>&, std::span<const int16_t>);
template void leb128_append_all<int32_t>(std::vector<uint8_t>&, std::span<const int32_t>);
template void Leb128Decoder::decode<int8_t>(std::span<int8_t>);
template void Leb128Decoder::decode<int16_t>(std::span<int16_t>);
template void Leb128Decoder::decode<int32_t>(std::span<int32_t>);

}  // namespace corvid::nnue
