// Little-endian, bounds-checked access to a .nnue image. Every read names what it reads,
// so a short file is refused as "truncated file at offset N: <what> needs ...".
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "nnue/format_error.h"

namespace corvid::nnue {

class ByteReader {
 public:
  explicit ByteReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  std::size_t offset() const { return pos_; }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  // Up to n bytes from the current offset, without consuming them.
  std::span<const uint8_t> peek(std::size_t n) const { return bytes_.subspan(pos_, std::min(n, remaining())); }

  std::span<const uint8_t> take(std::size_t n, std::string_view what) {
    if (n > remaining())
      throw FormatError(pos_, "truncated file at offset " + std::to_string(pos_) + ": " + std::string(what) +
                                  " needs " + std::to_string(n) + " bytes, only " + std::to_string(remaining()) +
                                  " left");
    auto out = bytes_.subspan(pos_, n);
    pos_ += n;
    return out;
  }

  uint32_t u32(std::string_view what) {
    uint32_t v = 0;
    values(std::span<uint32_t>(&v, 1), what);
    return v;
  }

  template <class T>
  void values(std::span<T> out, std::string_view what) {
    static_assert(std::is_integral_v<T>);
    const auto raw = take(out.size_bytes(), what);
    if constexpr (std::endian::native == std::endian::little || sizeof(T) == 1) {
      if (!raw.empty()) std::memcpy(out.data(), raw.data(), raw.size());
    } else {
      for (std::size_t i = 0; i < out.size(); ++i) {
        std::make_unsigned_t<T> u = 0;
        for (std::size_t b = sizeof(T); b-- > 0;) u = (u << 8) | raw[i * sizeof(T) + b];
        out[i] = static_cast<T>(u);
      }
    }
  }

 private:
  std::span<const uint8_t> bytes_;
  std::size_t pos_ = 0;
};

template <class T>
void append_values(std::vector<uint8_t>& out, std::span<const T> values) {
  static_assert(std::is_integral_v<T>);
  const std::size_t at = out.size();
  out.resize(at + values.size_bytes());
  if constexpr (std::endian::native == std::endian::little || sizeof(T) == 1) {
    if (!values.empty()) std::memcpy(out.data() + at, values.data(), values.size_bytes());
  } else {
    for (std::size_t i = 0; i < values.size(); ++i) {
      auto u = static_cast<std::make_unsigned_t<T>>(values[i]);
      for (std::size_t b = 0; b < sizeof(T); ++b, u >>= 8) out[at + i * sizeof(T) + b] = uint8_t(u);
    }
  }
}

inline void append_u32(std::vector<uint8_t>& out, uint32_t v) { append_values(out, std::span<const uint32_t>(&v, 1)); }

}  // namespace corvid::nnue
