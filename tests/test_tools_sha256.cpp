// SHA-256 against the FIPS 180-4 example vectors, and against the names of the reference
// nets (Stockfish names a net by the first 12 hex digits of its sha256).
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "net_test_support.h"
#include "tools/sha256.h"

using corvid::tools::Sha256;
using corvid::tools::sha256_hex;
using corvid::tools::to_hex;

namespace {

std::string hash_text(const std::string& text) {
  return sha256_hex({reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

}  // namespace

TEST_CASE("tools: sha256 of the standard test vectors", "[tools][sha256]") {
  CHECK(hash_text("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hash_text("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the length no longer fits in the first block's padding.
  CHECK(hash_text("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hash_text(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("tools: sha256 gives the same digest however the input is split", "[tools][sha256]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += char('a' + i % 26);
  const std::string whole = hash_text(text);
  for (std::size_t piece : {1u, 3u, 63u, 64u, 65u, 200u}) {
    Sha256 sha;
    for (std::size_t at = 0; at < text.size(); at += piece)
      sha.update(std::string_view(text).substr(at, piece));
    const auto digest = sha.finish();
    CHECK(to_hex(digest) == whole);
  }
}

TEST_CASE("tools: sha256 of each reference net matches its nn-<sha12> name", "[tools][sha256]") {
  for (const std::string name : {"nn-37f18f62d772.nnue", "nn-ad9b42354671.nnue", "nn-c288c895ea92.nnue"}) {
    const std::string path = corvid::test::reference_net(name);
    if (path.empty()) continue;
    std::ifstream in(path, std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(sha256_hex(bytes).substr(0, 12) == name.substr(3, 12));
  }
}
