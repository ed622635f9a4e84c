// The one error type of the .nnue parser: every refusal names a byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace corvid::nnue {

// Thrown inside the parser and caught at its entry points (read_network), which turn it
// into a result; building blocks (LEB128 decoder, byte reader) throw it directly.
// what() is the full message and already contains "at offset <offset>".
class FormatError : public std::runtime_error {
 public:
  FormatError(std::size_t offset, const std::string& message)
      : std::runtime_error(message), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// "0x7AF32F20": the form every hash and magic number takes in messages.
std::string hex32(uint32_t value);

}  // namespace corvid::nnue
