// Corrupted-file corpus: every file is made from a valid synthetic net in the test, and
// each must be refused with a message naming the reason and the byte offset.
#include <catch2/catch.hpp>

#include <cstring>
#include <initializer_list>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "nnue/architecture.h"
#include "nnue/leb128.h"
#include "nnue/network_reader.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"

using namespace corvid::nnue;

namespace {

using Bytes = std::vector<uint8_t>;

constexpr uint32_t L1 = 128;

const NetworkData& base_net() {
  static const NetworkData net = make_random_network(Architecture{HALF_KA_V2_HM, L1}, 42);
  return net;
}

const Bytes& raw_file() {
  static const Bytes bytes = write_network(base_net());
  return bytes;
}

const Bytes& leb128_file() {
  static const Bytes bytes = [] {
    NetworkData net = base_net();
    net.ft.biases_storage.encoding = net.ft.weights_storage.encoding = net.ft.psqt_storage.encoding =
        TensorEncoding::Leb128;
    return write_network(net);
  }();
  return bytes;
}

// Offsets fixed by the format (description length d).
std::size_t ft_hash_offset() { return 12 + base_net().description.size(); }
std::size_t ft_start() { return ft_hash_offset() + 4; }
constexpr std::size_t STACK_BYTES = 4 + 4 * 16 + 16 * L1 + 4 * 32 + 32 * 32 + 4 + 32;
std::size_t stack_offset(const Bytes& file, int stack) { return file.size() - (8 - stack) * STACK_BYTES; }

uint32_t get_u32(const Bytes& b, std::size_t at) {
  uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}
void put_u32(Bytes& b, std::size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }

// The refusal message, after checking that each keyword and (when given) the offset
// appear in it.
std::string expect_refused(const Bytes& bytes, std::initializer_list<const char*> keywords,
                           std::optional<std::size_t> offset = std::nullopt) {
  const ReadResult r = read_network(bytes);
  INFO("file of " << bytes.size() << " bytes");
  REQUIRE_FALSE(r.ok());
  INFO("message: " << r.error);
  for (const char* k : keywords) CHECK_THAT(r.error, Catch::Contains(k));
  if (offset) {
    CHECK(r.error_offset == *offset);
    CHECK_THAT(r.error, Catch::Contains("at offset " + std::to_string(*offset)));
  }
  return r.error;
}

// The LEB128 file with n bytes of the biases payload replaced by `payload_prefix`
// (and the byte count adjusted), to plant a bad value at a known offset.
Bytes with_biases_prefix(std::size_t replaced, const Bytes& payload_prefix) {
  Bytes b = leb128_file();
  const std::size_t count_at = ft_start() + LEB128_MAGIC.size();
  const std::size_t payload_at = count_at + 4;
  b.erase(b.begin() + std::ptrdiff_t(payload_at), b.begin() + std::ptrdiff_t(payload_at + replaced));
  b.insert(b.begin() + std::ptrdiff_t(payload_at), payload_prefix.begin(), payload_prefix.end());
  put_u32(b, count_at, get_u32(b, count_at) + uint32_t(payload_prefix.size()) - uint32_t(replaced));
  return b;
}

}  // namespace

TEST_CASE("nnue corrupt: the base files are valid", "[nnue][corrupt]") {
  REQUIRE(read_network(raw_file()).ok());
  REQUIRE(read_network(leb128_file()).ok());
  REQUIRE(get_u32(raw_file(), stack_offset(raw_file(), 0)) == Architecture{HALF_KA_V2_HM, L1}.layer_stack_hash());
  REQUIRE(get_u32(leb128_file(), stack_offset(leb128_file(), 0)) ==
          Architecture{HALF_KA_V2_HM, L1}.layer_stack_hash());
}

TEST_CASE("nnue corrupt: header fields", "[nnue][corrupt]") {
  for (const Bytes* file : {&raw_file(), &leb128_file()}) {
    Bytes b = *file;
    put_u32(b, 0, 0x7AF32F21u);
    expect_refused(b, {"unsupported version", "expected 0x7AF32F20", "found 0x7AF32F21"}, 0);

    b = *file;
    put_u32(b, 4, get_u32(b, 4) ^ 0x00010000u);
    expect_refused(b, {"network hash mismatch", "expected 0x1C103C92", "HalfKAv2_hm L1=128"}, 4);

    b = *file;
    put_u32(b, ft_hash_offset(), get_u32(b, ft_hash_offset()) ^ 0x400u);
    expect_refused(b, {"FT hash mismatch", "expected 0x7F234DB8"}, ft_hash_offset());

    // A feature set nobody knows, with a network hash consistent with it.
    b = *file;
    const uint32_t alien_ft_hash = 0x1234abcdu ^ (L1 * 2);
    put_u32(b, ft_hash_offset(), alien_ft_hash);
    put_u32(b, 4, alien_ft_hash ^ layer_stack_hash(L1, 15, 32));
    expect_refused(b, {"unknown feature set", "0x1234AACD"}, ft_hash_offset());

    b = *file;
    put_u32(b, 8, 0xFFFFFFF0u);
    expect_refused(b, {"description length", "truncated"}, 8);
    put_u32(b, 8, uint32_t(b.size()));  // one more than what is left after the length field
    expect_refused(b, {"description length", "truncated"}, 8);
  }
}

TEST_CASE("nnue corrupt: FC hash of a layer stack", "[nnue][corrupt]") {
  for (const Bytes* file : {&raw_file(), &leb128_file()}) {
    for (int stack : {0, 3, 7}) {
      Bytes b = *file;
      const std::size_t at = stack_offset(b, stack);
      put_u32(b, at, get_u32(b, at) + 1);
      expect_refused(b, {("FC hash mismatch in layer stack " + std::to_string(stack)).c_str(), "expected 0x"}, at);
    }
  }
}

TEST_CASE("nnue corrupt: truncated at every header byte and sampled offsets", "[nnue][corrupt]") {
  for (const Bytes* file : {&raw_file(), &leb128_file()}) {
    std::set<std::size_t> lengths;
    for (std::size_t n = 0; n < ft_start() + 64; ++n) lengths.insert(n);
    for (std::size_t n = 0; n < file->size(); n += file->size() / 97) lengths.insert(n);
    for (int s = 0; s < 8; ++s)
      for (std::size_t d : {std::size_t(0), std::size_t(1), std::size_t(4), std::size_t(5), std::size_t(68), std::size_t(69), std::size_t(2000), STACK_BYTES - 1}) lengths.insert(stack_offset(*file, s) + d);
    lengths.insert(file->size() - 1);
    for (std::size_t n : lengths) {
      const Bytes b(file->begin(), file->begin() + std::ptrdiff_t(n));
      const std::string message = expect_refused(b, {"truncated", "offset"});
      (void)message;
    }
  }
}

TEST_CASE("nnue corrupt: trailing bytes", "[nnue][corrupt]") {
  for (const Bytes* file : {&raw_file(), &leb128_file()}) {
    for (std::size_t extra : {1u, 4u, 1000u}) {
      Bytes b = *file;
      b.resize(b.size() + extra, 0);
      expect_refused(b, {"trailing bytes", (std::to_string(extra) + " byte").c_str()}, file->size());
    }
  }
}

TEST_CASE("nnue corrupt: LEB128 blocks", "[nnue][corrupt]") {
  const Bytes& file = leb128_file();
  const std::size_t magic_at = ft_start();
  const std::size_t count_at = magic_at + LEB128_MAGIC.size();
  const std::size_t payload_at = count_at + 4;
  const uint32_t count = get_u32(file, count_at);

  SECTION("bad magic") {
    for (std::size_t i : {std::size_t(0), std::size_t(5), LEB128_MAGIC.size() - 1}) {
      Bytes b = file;
      b[magic_at + i] ^= 0x20;
      expect_refused(b, {"bad LEB128 magic", "FT biases", "COMPRESSED_LEB128"}, magic_at);
    }
    // The weights block's magic too.
    Bytes b = file;
    const std::size_t weights_magic = payload_at + count;
    REQUIRE(std::equal(LEB128_MAGIC.begin(), LEB128_MAGIC.end(), b.begin() + std::ptrdiff_t(weights_magic)));
    b[weights_magic + 11] = 'X';
    expect_refused(b, {"bad LEB128 magic", "FT weights"}, weights_magic);
  }
  SECTION("byte count too small") {
    Bytes b = file;
    put_u32(b, count_at, count - 1);
    expect_refused(b, {"byte count too small", "FT biases"}, payload_at + count - 1);
    put_u32(b, count_at, 0);
    expect_refused(b, {"byte count too small"}, payload_at);
  }
  SECTION("byte count too large") {
    Bytes b = file;
    put_u32(b, count_at, count + 1);
    expect_refused(b, {"byte count mismatch", "FT biases"}, payload_at + count);
    put_u32(b, count_at, 0xFFFFFFFFu);
    expect_refused(b, {"truncated", "byte count 4294967295"}, count_at);
  }
  SECTION("overlong and out-of-range values") {
    const std::size_t first = leb128_size(base_net().ft.biases[0]);
    expect_refused(with_biases_prefix(first, {0x80, 0x00}), {"overlong LEB128", "FT biases"}, payload_at);
    expect_refused(with_biases_prefix(first, {0x80, 0x80, 0x80, 0x00}), {"overlong LEB128", "3 bytes"}, payload_at);
    expect_refused(with_biases_prefix(first, {0x80, 0x80, 0x02}), {"out of range for int16"}, payload_at);
    // A value cut short by the end of the payload (continuation bit on the last byte).
    Bytes b = file;
    b[payload_at + count - 1] |= 0x80;
    expect_refused(b, {"ends early", "byte count"});
  }
}

TEST_CASE("nnue corrupt: a forged header cannot make the reader allocate for tensors it lacks", "[nnue][corrupt]") {
  // Valid hashes for the largest L1, followed by far too few bytes: refused as truncated
  // before the 138 MB of FT weights would be allocated.
  const Architecture big{HALF_KA_V2_HM, MAX_L1};
  Bytes b(raw_file().begin(), raw_file().begin() + std::ptrdiff_t(ft_start()));
  put_u32(b, 4, big.network_hash());
  put_u32(b, ft_hash_offset(), big.ft_hash());
  b.resize(b.size() + 2 * MAX_L1 + 1000, 0);
  expect_refused(b, {"truncated", "FT weights", "holds"}, ft_start() + 2 * MAX_L1);
  b.resize(ft_start() + 100);
  expect_refused(b, {"truncated", "FT biases"}, ft_start());
}

TEST_CASE("nnue corrupt: random damage never crashes the reader", "[nnue][corrupt]") {
  std::mt19937_64 rng(12345);
  for (const Bytes* file : {&raw_file(), &leb128_file()}) {
    for (int trial = 0; trial < 60; ++trial) {
      Bytes b = *file;
      const int edits = 1 + int(rng() % 8);
      for (int e = 0; e < edits; ++e) {
        // Half the edits in the first 300 bytes, where the structure is.
        const std::size_t at = (rng() & 1) ? rng() % 300 : rng() % b.size();
        b[at] = uint8_t(rng());
      }
      const ReadResult r = read_network(b);
      if (!r.ok()) CHECK_THAT(r.error, Catch::Contains("offset"));
    }
  }
  for (std::size_t size : {0u, 1u, 3u, 12u, 16u, 100u, 5000u}) {
    Bytes b(size);
    for (auto& x : b) x = uint8_t(rng());
    if (size >= 4) put_u32(b, 0, NNUE_VERSION);
    const ReadResult r = read_network(b);
    CHECK_FALSE(r.ok());
  }
}
