// Shared helpers of the libFuzzer targets: a reader that turns the input bytes into
// choices, a check that reports a broken invariant as a crash, and a per-process scratch
// directory.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <unistd.h>

namespace corvid::fuzz {

// A broken invariant is a finding: print it and abort, so that libFuzzer saves the input.
[[noreturn]] inline void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "\n==FUZZ CHECK FAILED== %s:%d: %s\n", file, line, what.c_str());
  std::fflush(stderr);
  std::abort();
}
#define FUZZ_CHECK(cond, what)                                    \
  do {                                                            \
    if (!(cond)) ::corvid::fuzz::fail(__FILE__, __LINE__, (what)); \
  } while (0)

// Consumes the input from the front; past its end every read gives zeros.
class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  size_t remaining() const { return size_ - pos_; }
  uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint16_t u16() { return uint16_t(u8() | (u8() << 8)); }
  uint32_t u32() { return uint32_t(u16()) | (uint32_t(u16()) << 16); }
  uint64_t u64() { return uint64_t(u32()) | (uint64_t(u32()) << 32); }
  bool flag() { return u8() & 1; }
  // A value in [0, n), n > 0.
  uint32_t below(uint32_t n) { return n <= 256 ? u8() % n : u32() % n; }
  // Up to max_len bytes as a string (the length taken from the input first).
  std::string text(size_t max_len) {
    size_t len = u8();
    if (max_len > 255) len = u16();
    len = std::min(len % (max_len + 1), remaining());
    std::string s(reinterpret_cast<const char*>(data_ + pos_), len);
    pos_ += len;
    return s;
  }
  // Everything not consumed yet.
  std::string_view rest() {
    std::string_view s(reinterpret_cast<const char*>(data_ + pos_), size_ - pos_);
    pos_ = size_;
    return s;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// A scratch folder of this process under the system temp folder, removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = std::filesystem::temp_directory_path() /
                              ("corvid_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(std::filesystem::temp_directory_path() /
                                      ("corvid_fuzz_" + std::to_string(::getpid())),
                                  ec);
    });
    return d;
  }();
  return dir;
}

}  // namespace corvid::fuzz
