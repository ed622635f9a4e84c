// `corvid net verify` on a corpus of damaged files (each made here from a valid synthetic
// net), and `corvid net diff` naming the tensors that differ.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "process_support.h"
#include "test_files.h"
#include "nnue/leb128.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"

using namespace corvid::nnue;
using Bytes = std::vector<uint8_t>;

namespace {

constexpr uint32_t L1 = 128;

const NetworkData& base_net() {
  static const NetworkData net = make_random_network(Architecture{HALF_KA_V2_HM, L1}, 2024);
  return net;
}

Bytes leb128_bytes() {
  NetworkData net = base_net();
  net.ft.biases_storage.encoding = net.ft.weights_storage.encoding = net.ft.psqt_storage.encoding =
      TensorEncoding::Leb128;
  return write_network(net);
}

using corvid::test::TempDir;

using corvid::test::CommandResult;

CommandResult run(const std::string& arguments) {
  return corvid::test::run_corvid(arguments, "", corvid::test::Stderr::Merge);
}

std::size_t line_count(const std::string& text) {
  std::size_t n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

void put_u32(Bytes& b, std::size_t at, uint32_t v) { std::memcpy(b.data() + at, &v, 4); }

std::string sha256sum_prefix(const std::string& file) {
  FILE* pipe = popen(("sha256sum '" + file + "'").c_str(), "r");
  char digest[13] = {};
  if (pipe) {
    if (fread(digest, 1, 12, pipe) != 12) digest[0] = 0;
    pclose(pipe);
  }
  return digest;
}

}  // namespace

TEST_CASE("tools: corvid net verify accepts a sound net with one OK line", "[tools][verify]") {
  TempDir dir;
  for (const Bytes& bytes : {write_network(base_net()), leb128_bytes()}) {
    const std::string file = dir.write("net.nnue", bytes);
    const CommandResult r = run("net verify '" + file + "'");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(line_count(r.output) == 1);
    CHECK(r.output.rfind("OK ", 0) == 0);
    CHECK_THAT(r.output, Catch::Contains("HalfKAv2_hm L1=128 L2=15 L3=32"));
  }
}

TEST_CASE("tools: corvid net verify refuses each damaged file with its reason", "[tools][verify]") {
  const Bytes raw = write_network(base_net());
  const std::size_t ft_hash_at = 12 + base_net().description.size();
  struct Damage {
    const char* what;
    Bytes bytes;
    const char* reason;
  };
  std::vector<Damage> corpus;
  {
    Bytes b = raw;
    b[0] ^= 0x01;
    corpus.push_back({"version", b, "unsupported version"});
  }
  {
    Bytes b = raw;
    put_u32(b, 8, 0x7fffffff);
    corpus.push_back({"description length", b, "description length"});
  }
  {
    Bytes b = raw;
    put_u32(b, ft_hash_at, 0x1234AACD);
    corpus.push_back({"FT hash", b, "FT hash mismatch"});
  }
  {
    Bytes b = raw;
    const std::size_t stack_bytes = Architecture{HALF_KA_V2_HM, L1}.layer_stack_bytes();
    b[b.size() - 5 * stack_bytes] ^= 0x40;  // first byte of stack 3's FC hash
    corpus.push_back({"FC hash", b, "FC hash mismatch in layer stack 3"});
  }
  {
    Bytes b = raw;
    b.resize(b.size() - 100);
    corpus.push_back({"truncated", b, "truncated"});
  }
  {
    Bytes b = raw;
    b.insert(b.end(), {1, 2, 3});
    corpus.push_back({"trailing bytes", b, "trailing bytes"});
  }
  {
    Bytes b = leb128_bytes();
    b[ft_hash_at + 4 + 3] ^= 0x20;  // one letter of the first "COMPRESSED_LEB128"
    corpus.push_back({"LEB128 magic", b, "bad LEB128 magic"});
  }
  {
    Bytes b = leb128_bytes();
    const std::size_t count_at = ft_hash_at + 4 + LEB128_MAGIC.size();
    uint32_t count;
    std::memcpy(&count, b.data() + count_at, 4);
    put_u32(b, count_at, count - 1);
    corpus.push_back({"LEB128 byte count", b, "byte count"});
  }
  TempDir dir;
  for (const Damage& d : corpus) {
    const std::string file = dir.write("damaged.nnue", d.bytes);
    const CommandResult r = run("net verify '" + file + "'");
    INFO(d.what << ": " << r.output);
    CHECK(r.status == 1);
    CHECK(line_count(r.output) == 1);
    CHECK(r.output.rfind("FAIL ", 0) == 0);
    CHECK_THAT(r.output, Catch::Contains(d.reason));
    CHECK_THAT(r.output, Catch::Contains("damaged.nnue"));
  }
}

TEST_CASE("tools: corvid net verify refuses a content-named file whose content changed", "[tools][verify]") {
  TempDir dir;
  const Bytes raw = write_network(base_net());
  const std::string staging = dir.write("staging.nnue", raw);
  const std::string name = "nn-" + sha256sum_prefix(staging) + ".nnue";
  REQUIRE(name.size() == 20);
  const CommandResult sound = run("net verify '" + dir.write(name, raw) + "'");
  INFO(sound.output);
  CHECK(sound.status == 0);
  // One weight of stack 7's fc_2 changed: structurally sound, but not the named net.
  Bytes b = raw;
  b[b.size() - 3] ^= 0x01;
  const CommandResult r = run("net verify '" + dir.write(name, b) + "'");
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains("does not match its name"));
}

TEST_CASE("tools: corvid net diff names the tensors that differ and by how much", "[tools][diff]") {
  TempDir dir;
  const NetworkData& a = base_net();
  NetworkData b = a;
  b.ft.weights[3 * L1 + 7] = int16_t(b.ft.weights[3 * L1 + 7] + 5);
  int8_t& w = b.stacks[2].fc1.weights[0];
  w = int8_t(w == 0 ? 1 : -w);
  const std::string file_a = dir.write("a.nnue", write_network(a));
  const std::string file_b = dir.write("b.nnue", write_network(b));

  const CommandResult r = run("net diff '" + file_a + "' '" + file_b + "'");
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK_THAT(r.output, Catch::Contains("ft.weights [22528][128]: 1 of 2883584 values differ"));
  CHECK_THAT(r.output, Catch::Contains("max |a-b| 5 at [3][7]"));
  CHECK_THAT(r.output, Catch::Contains("stack2.fc1.weights"));
  CHECK_THAT(r.output, !Catch::Contains("ft.biases"));
  CHECK_THAT(r.output, !Catch::Contains("stack0."));
  CHECK_THAT(r.output, Catch::Contains("2 of"));

  const CommandResult same = run("net diff '" + file_a + "' '" + file_a + "'");
  CHECK(same.status == 0);
  CHECK_THAT(same.output, Catch::Contains("identical"));

  const CommandResult recoded = run("net diff '" + file_a + "' '" + dir.write("c.nnue", leb128_bytes()) + "'");
  INFO(recoded.output);
  CHECK(recoded.status == 0);
  CHECK_THAT(recoded.output, Catch::Contains("same contents"));

  const CommandResult broken = run("net diff '" + file_a + "' '" + dir.write("d.nnue", Bytes{1, 2, 3}) + "'");
  CHECK(broken.status == 2);
}
