// Aligned allocation: every block is aligned as asked, large ones to 2 MB (huge pages).
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>

#include "util/aligned.h"

using namespace corvid;

TEST_CASE("aligned: small blocks take the asked alignment, large ones 2 MB", "[util]") {
  for (std::size_t bytes : {std::size_t(1), std::size_t(100), std::size_t(4096), std::size_t(3) << 20}) {
    void* memory = allocate_aligned(bytes, 64);
    REQUIRE(memory != nullptr);
    const auto address = reinterpret_cast<std::uintptr_t>(memory);
    CHECK(address % 64 == 0);
    if (bytes >= (std::size_t(2) << 20)) CHECK(address % (std::size_t(2) << 20) == 0);
    std::memset(memory, 0xA5, bytes);  // the whole size is usable (ASan checks this)
    release_aligned(memory);
  }
}

TEST_CASE("aligned: AlignedVector storage is aligned and keeps its values", "[util]") {
  AlignedVector<int16_t> small(33, 7), large(std::size_t(3) << 20, 9);
  CHECK(reinterpret_cast<std::uintptr_t>(small.data()) % 64 == 0);
  CHECK(reinterpret_cast<std::uintptr_t>(large.data()) % (std::size_t(2) << 20) == 0);
  CHECK(small.back() == 7);
  CHECK(large.back() == 9);
  small.resize(5000, 3);  // reallocation goes through the allocator again
  CHECK(reinterpret_cast<std::uintptr_t>(small.data()) % 64 == 0);
  CHECK(small[32] == 7);
  CHECK(small[4999] == 3);
}
