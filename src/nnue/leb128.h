// Signed LEB128, the compression Stockfish and nnue-pytorch use for feature-transformer
// tensors: a block is the magic "COMPRESSED_LEB128", a little-endian uint32 byte count,
// then that many bytes of values, 7 bits per byte, bit 7 set on every byte but the last.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace corvid::nnue {

inline constexpr std::string_view LEB128_MAGIC = "COMPRESSED_LEB128";

// Bytes taken by the shortest signed LEB128 encoding of value (1..5).
std::size_t leb128_size(int32_t value);

// Appends the shortest encoding of each value (what both reference writers emit).
void leb128_append(std::vector<uint8_t>& out, int32_t value);
template <class T>
void leb128_append_all(std::vector<uint8_t>& out, std::span<const T> values);

// Decodes the payload of one block (the bytes after the byte count). Strict, because the
// writer must reproduce a file byte for byte: refuses a value longer than its type needs,
// a non-shortest encoding, a value outside its type, a payload that ends early, and
// (expect_end) a payload with bytes left over. Throws FormatError with file offsets;
// file_offset is where the payload starts in the file. T is int8_t, int16_t or int32_t.
// One block may hold several tensors back to back (Stockfish 18 stores both PSQT tensors
// of a Full_Threats net in one block), hence decode() may be called repeatedly.
class Leb128Decoder {
 public:
  Leb128Decoder(std::span<const uint8_t> payload, std::size_t file_offset)
      : payload_(payload), file_offset_(file_offset) {}

  template <class T>
  void decode(std::span<T> out);
  void expect_end() const;
  std::size_t consumed() const { return pos_; }

 private:
  std::span<const uint8_t> payload_;
  std::size_t file_offset_;
  std::size_t pos_ = 0;
};

}  // namespace corvid::nnue
