// Signed LEB128: exact encodings, round trips, and every refusal of the strict decoder.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "nnue/format_error.h"
#include "nnue/leb128.h"

using namespace corvid::nnue;

namespace {

template <class T>
std::vector<T> decode_all(const std::vector<uint8_t>& bytes, std::size_t count, std::size_t file_offset = 0) {
  std::vector<T> out(count);
  Leb128Decoder decoder(bytes, file_offset);
  decoder.decode(std::span<T>(out));
  decoder.expect_end();
  return out;
}

template <class T>
void check_round_trip(const std::vector<T>& values) {
  std::vector<uint8_t> bytes;
  leb128_append_all(bytes, std::span<const T>(values));
  std::size_t expected_size = 0;
  for (T v : values) expected_size += leb128_size(v);
  CHECK(bytes.size() == expected_size);
  CHECK(decode_all<T>(bytes, values.size()) == values);
}

std::string refusal(const std::vector<uint8_t>& bytes, std::size_t count, bool int32, std::size_t file_offset = 0) {
  try {
    if (int32) decode_all<int32_t>(bytes, count, file_offset);
    else decode_all<int16_t>(bytes, count, file_offset);
  } catch (const FormatError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("nnue leb128: shortest encodings of edge values", "[nnue][leb128]") {
  auto enc = [](int32_t v) {
    std::vector<uint8_t> out;
    leb128_append(out, v);
    return out;
  };
  CHECK(enc(0) == std::vector<uint8_t>{0x00});
  CHECK(enc(-1) == std::vector<uint8_t>{0x7f});
  CHECK(enc(63) == std::vector<uint8_t>{0x3f});
  CHECK(enc(64) == std::vector<uint8_t>{0xc0, 0x00});
  CHECK(enc(-64) == std::vector<uint8_t>{0x40});
  CHECK(enc(-65) == std::vector<uint8_t>{0xbf, 0x7f});
  CHECK(enc(INT16_MAX) == std::vector<uint8_t>{0xff, 0xff, 0x01});
  CHECK(enc(INT16_MIN) == std::vector<uint8_t>{0x80, 0x80, 0x7e});
  CHECK(enc(INT32_MAX) == std::vector<uint8_t>{0xff, 0xff, 0xff, 0xff, 0x07});
  CHECK(enc(INT32_MIN) == std::vector<uint8_t>{0x80, 0x80, 0x80, 0x80, 0x78});
  for (int32_t v : {0, -1, 63, 64, -64, -65, 8191, 8192, -8192, -8193, INT16_MAX, INT16_MIN, INT32_MAX, INT32_MIN})
    CHECK(leb128_size(v) == enc(v).size());
}

TEST_CASE("nnue leb128: round trips", "[nnue][leb128]") {
  check_round_trip<int16_t>({0, -1, 1, 63, 64, -64, -65, 127, 128, -128, -129, 8191, 8192, -8192, -8193, INT16_MAX,
                             INT16_MIN});
  check_round_trip<int32_t>({0, -1, 63, 64, -64, -65, INT16_MAX, INT16_MIN, INT16_MAX + 1, INT16_MIN - 1,
                             (1 << 27) - 1, 1 << 27, -(1 << 27), -(1 << 27) - 1, INT32_MAX, INT32_MIN});
  check_round_trip<int8_t>({0, -1, 63, 64, -64, -65, 127, -128});
  check_round_trip<int16_t>({});

  std::mt19937 rng(20240611);
  std::vector<int16_t> v16(20000);
  std::vector<int32_t> v32(20000);
  for (auto& v : v16) v = static_cast<int16_t>(rng());
  for (auto& v : v32) v = static_cast<int32_t>(rng()) >> (rng() % 32);  // every length
  check_round_trip(v16);
  check_round_trip(v32);
}

TEST_CASE("nnue leb128: several tensors share one block", "[nnue][leb128]") {
  const std::vector<int32_t> a{1, -200, 70000}, b{INT32_MIN, 5};
  std::vector<uint8_t> bytes;
  leb128_append_all(bytes, std::span<const int32_t>(a));
  leb128_append_all(bytes, std::span<const int32_t>(b));
  std::vector<int32_t> ra(3), rb(2);
  Leb128Decoder decoder(bytes, 0);
  decoder.decode(std::span(ra));
  decoder.decode(std::span(rb));
  decoder.expect_end();
  CHECK(ra == a);
  CHECK(rb == b);
}

TEST_CASE("nnue leb128: malformed streams are refused with offsets", "[nnue][leb128]") {
  // Non-shortest forms of 0 and -1.
  CHECK_THAT(refusal({0x80, 0x00}, 1, false), Catch::Contains("overlong"));
  CHECK_THAT(refusal({0xff, 0x7f}, 1, true), Catch::Contains("overlong"));
  CHECK_THAT(refusal({0xc0, 0x80, 0x00}, 1, true), Catch::Contains("overlong"));  // 64 in three bytes
  // More bytes than the type can need.
  CHECK_THAT(refusal({0x80, 0x80, 0x80, 0x00}, 1, false), Catch::Contains("overlong"));
  CHECK_THAT(refusal({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 1, true), Catch::Contains("overlong"));
  // In the type's byte length but outside its range.
  CHECK_THAT(refusal({0x80, 0x80, 0x02}, 1, false), Catch::Contains("out of range for int16"));          // 32768
  CHECK_THAT(refusal({0xff, 0xff, 0x7d}, 1, false), Catch::Contains("out of range for int16"));          // -32769
  CHECK_THAT(refusal({0x80, 0x80, 0x80, 0x80, 0x08}, 1, true), Catch::Contains("out of range for int32"));  // 2^31
  CHECK_THAT(refusal({0xff, 0xff, 0xff, 0xff, 0x77}, 1, true), Catch::Contains("out of range for int32"));
  // Payload ends inside a value, or before all values: the byte count is too small.
  CHECK_THAT(refusal({0x80}, 1, false), Catch::Contains("ends early") && Catch::Contains("byte count"));
  CHECK_THAT(refusal({0x01, 0x02}, 3, false), Catch::Contains("ends early") && Catch::Contains("byte count"));
  CHECK_THAT(refusal({}, 1, true), Catch::Contains("ends early"));
  // Bytes left over: the byte count is too large.
  CHECK_THAT(refusal({0x01, 0x02, 0x03}, 2, false), Catch::Contains("byte count mismatch"));

  // Offsets are file offsets: the payload starts at 1000 here.
  CHECK_THAT(refusal({0x01, 0x80, 0x00}, 2, false, 1000), Catch::Contains("offset 1001"));
  CHECK_THAT(refusal({0x01, 0x02, 0x03}, 2, false, 1000), Catch::Contains("offset 1002"));
}
