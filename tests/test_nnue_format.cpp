// .nnue reader and writer on synthetic nets: hashes, identification, round trips in
// every encoding, and refusal of architectures Corvid does not read.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "nnue/architecture.h"
#include "nnue/leb128.h"
#include "nnue/network_reader.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"

using namespace corvid::nnue;

namespace {

Architecture half_ka(uint32_t l1) { return Architecture{HALF_KA_V2_HM, l1}; }

void set_encoding(NetworkData& net, TensorEncoding biases, TensorEncoding weights, TensorEncoding psqt) {
  net.ft.biases_storage = {biases, 0};
  net.ft.weights_storage = {weights, 0};
  net.ft.psqt_storage = {psqt, 0};
}

bool has_magic_at(const std::vector<uint8_t>& bytes, std::size_t at) {
  return bytes.size() >= at + LEB128_MAGIC.size() &&
         std::equal(LEB128_MAGIC.begin(), LEB128_MAGIC.end(), bytes.begin() + std::ptrdiff_t(at));
}

}  // namespace

TEST_CASE("nnue format: Stockfish 19's hashes", "[nnue][format][sf19]") {
  // The header of nn-1a298aa575a0.nnue: network hash 0xA85B2205, FT hash 0xCB685313.
  CHECK(THREATS_PP_HALF_KA_V2_HM.hash == 0xCB685B13u);
  const Architecture arch{THREATS_PP_HALF_KA_V2_HM, 1024};
  CHECK(arch.ft_hash() == 0xCB685313u);
  CHECK(arch.network_hash() == 0xA85B2205u);
  CHECK(arch.fc0_outputs() == 32u);
  CHECK(arch.fc1_inputs() == 64u);
  CHECK(arch.fc2_inputs() == 128u);
}

TEST_CASE("nnue format: hash chain matches Stockfish's", "[nnue][format]") {
  CHECK(half_ka(1024).ft_hash() == 0x7f2344b8u);
  CHECK(half_ka(1024).network_hash() == 0x1c102ef2u);
  CHECK(half_ka(128).ft_hash() == 0x7f234db8u);
  CHECK(half_ka(128).network_hash() == 0x1c103c92u);
  CHECK(Architecture{FULL_THREATS_HALF_KA_V2_HM, 1024}.network_hash() == 0xec102ef2u);
  CHECK(half_ka(1024).layer_stack_hash() == (0x1c102ef2u ^ 0x7f2344b8u));
  CHECK(half_ka(1024).describe() == "HalfKAv2_hm L1=1024 L2=15 L3=32");
}

TEST_CASE("nnue format: architecture identified from the hashes for every Stockfish L1", "[nnue][format]") {
  for (uint32_t l1 : {128u, 256u, 512u, 768u, 1024u, 1536u, 2048u, 2560u, 3072u}) {
    INFO("L1=" << l1);
    const auto match = match_ft_hash(half_ka(l1).ft_hash(), NNUE_VERSION);
    REQUIRE(match);
    CHECK(match->feature_set == HALF_KA_V2_HM);
    CHECK(match->l1 == l1);
    CHECK_FALSE(unsupported_reason(half_ka(l1), false));
    const auto candidates = architectures_from_network_hash(half_ka(l1).network_hash(), NNUE_VERSION);
    CHECK(std::find(candidates.begin(), candidates.end(), half_ka(l1)) != candidates.end());
  }
  const auto threats = match_ft_hash(0x8f2344b8u, NNUE_VERSION);
  REQUIRE(threats);
  CHECK(threats->feature_set.name == "Full_Threats+HalfKAv2_hm");
  CHECK(threats->l1 == 1024);
  const Architecture threats_arch{threats->feature_set, threats->l1};
  CHECK(threats_arch.network_hash() == 0xec102ef2u);
  CHECK_FALSE(unsupported_reason(threats_arch, false));
  CHECK_FALSE(match_ft_hash(0x12345678u, NNUE_VERSION));
  // Stockfish 19's FT hash is found among its version's feature sets only.
  const auto sf19 = match_ft_hash(0xCB685313u, NNUE_VERSION_SFNNV16);
  REQUIRE(sf19);
  CHECK(sf19->feature_set == THREATS_PP_HALF_KA_V2_HM);
  CHECK(sf19->l1 == 1024);
  CHECK_FALSE(match_ft_hash(0xCB685313u, NNUE_VERSION));
  CHECK_FALSE(match_ft_hash(0x8f2344b8u, NNUE_VERSION_SFNNV16));
  CHECK(half_ka(1024).layer_stack_bytes() == 4 + 16 * (4 + 1024) + 32 * (4 + 32) + 1 * (4 + 32));
}

TEST_CASE("nnue format: affine layer shapes follow L1, L2, L3", "[nnue][format]") {
  const NetworkData net = make_zero_network(half_ka(1024));
  REQUIRE(net.stacks.size() == 8);
  const LayerStackData& s = net.stacks[0];
  CHECK(s.fc0.outputs == 16);
  CHECK(s.fc0.padded_inputs == 1024);
  CHECK(s.fc0.weights.size() == 16 * 1024);
  CHECK(s.fc1.inputs == 30);
  CHECK(s.fc1.padded_inputs == 32);
  CHECK(s.fc1.weights.size() == 32 * 32);
  CHECK(s.fc2.outputs == 1);
  CHECK(s.fc2.weights.size() == 32);
  CHECK(net.ft.weights.size() == 22528u * 1024);
  CHECK(net.ft.psqt_weights.size() == 22528u * 8);
  CHECK(net.ft.threat_weights.empty());
  // The raw file size Stockfish 15.1 nets have.
  CHECK(write_network(net).size() == 12 + 4 + 2 * 1024 + 2 * 22528 * 1024 + 4 * 22528 * 8 +
                                         8 * (4 + 4 * 16 + 16 * 1024 + 4 * 32 + 32 * 32 + 4 + 32));
}

TEST_CASE("nnue format: synthetic L1=128 net round trips raw and LEB128", "[nnue][format]") {
  const NetworkData original = make_random_network(half_ka(128), 1);
  struct Case {
    const char* name;
    TensorEncoding biases, weights, psqt;
  };
  for (const Case& c : {Case{"raw", TensorEncoding::Raw, TensorEncoding::Raw, TensorEncoding::Raw},
                        Case{"leb128", TensorEncoding::Leb128, TensorEncoding::Leb128, TensorEncoding::Leb128},
                        Case{"mixed", TensorEncoding::Raw, TensorEncoding::Leb128, TensorEncoding::Raw},
                        Case{"mixed2", TensorEncoding::Leb128, TensorEncoding::Raw, TensorEncoding::Leb128}}) {
    INFO(c.name);
    NetworkData net = original;
    set_encoding(net, c.biases, c.weights, c.psqt);
    const std::vector<uint8_t> bytes = write_network(net);
    const std::size_t ft_start = 16 + net.description.size();
    CHECK(has_magic_at(bytes, ft_start) == (c.biases == TensorEncoding::Leb128));

    const ReadResult read = read_network(bytes);
    REQUIRE(read.error == "");
    REQUIRE(read.ok());
    const NetworkData& back = *read.network;
    CHECK(same_contents(back, original));
    CHECK(back.arch == half_ka(128));
    CHECK(back.ft.biases_storage.encoding == c.biases);
    CHECK(back.ft.weights_storage.encoding == c.weights);
    CHECK(back.ft.psqt_storage.encoding == c.psqt);
    if (c.weights == TensorEncoding::Leb128) {
      std::vector<uint8_t> payload;
      leb128_append_all(payload, std::span<const int16_t>(original.ft.weights));
      CHECK(back.ft.weights_storage.compressed_bytes == payload.size());
    }
    CHECK(write_network(back) == bytes);
  }
}

TEST_CASE("nnue format: padding columns and the description survive", "[nnue][format]") {
  NetworkData net = make_random_network(half_ka(256), 7);
  static constexpr char TEXT[] = "with \0 NUL and UTF-8 \xc3\xa9";
  net.description = std::string(TEXT, sizeof TEXT - 1);
  REQUIRE(net.stacks[5].fc1.weight(3, 31) != 0);  // a padding column (inputs are 30)
  const ReadResult read = read_network(write_network(net));
  REQUIRE(read.ok());
  CHECK(read.network->description == net.description);
  CHECK(read.network->stacks[5].fc1.weight(3, 31) == net.stacks[5].fc1.weight(3, 31));
  CHECK(*read.network == net);
}

TEST_CASE("nnue format: empty description", "[nnue][format]") {
  NetworkData net = make_random_network(half_ka(128), 3);
  net.description.clear();
  const ReadResult read = read_network(write_network(net));
  REQUIRE(read.ok());
  CHECK(read.network->description.empty());
}

TEST_CASE("nnue format: architectures outside Corvid's range are refused by name", "[nnue][format]") {
  SECTION("L1 too small") {
    const ReadResult r = read_network(write_network(make_zero_network(half_ka(96))));
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("unsupported L1=96") && Catch::Contains("offset"));
  }
  SECTION("L1 not a multiple of 32") {
    const ReadResult r = read_network(write_network(make_zero_network(half_ka(200))));
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("unsupported L1=200"));
  }
  SECTION("other layer sizes") {
    Architecture arch = half_ka(128);
    arch.l2 = 16;
    const ReadResult r = read_network(write_network(make_zero_network(arch)));
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("unsupported layer sizes L2=16 L3=32") && Catch::Contains("offset 4"));
  }
  SECTION("HalfKP") {
    // Only the header is needed: the feature set is refused before any tensor.
    NetworkData net = make_zero_network(half_ka(128));
    std::vector<uint8_t> bytes = write_network(net);
    const uint32_t halfkp_ft_hash = HALF_KP.hash ^ 512;
    std::memcpy(bytes.data() + 16 + net.description.size() - 4, &halfkp_ft_hash, 4);
    const uint32_t some_hash = 0x3e5aa6eeu;
    std::memcpy(bytes.data() + 4, &some_hash, 4);
    const ReadResult r = read_network(bytes);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("unsupported feature set HalfKP") && Catch::Contains("L1=256"));
  }
}

TEST_CASE("nnue format: Full_Threats nets round-trip", "[nnue][format]") {
  NetworkData net = make_random_network(Architecture{FULL_THREATS_HALF_KA_V2_HM, 128}, 11);
  set_encoding(net, TensorEncoding::Leb128, TensorEncoding::Leb128, TensorEncoding::Leb128);
  const std::vector<uint8_t> bytes = write_network(net);

  const ReadResult parsed = read_network(bytes);
  REQUIRE(parsed.error == "");
  CHECK(parsed.network->ft.threat_weights.size() == 79856u * 128);
  CHECK(parsed.network->ft.threat_psqt_weights.size() == 79856u * 8);
  CHECK(same_contents(*parsed.network, net));
  CHECK(parsed.network->ft.psqt_storage.encoding == TensorEncoding::Leb128);
  CHECK(write_network(*parsed.network) == bytes);
}

TEST_CASE("nnue format: Stockfish 19 nets round-trip, mixed encodings too", "[nnue][format][sf19]") {
  NetworkData net = make_random_network(Architecture{THREATS_PP_HALF_KA_V2_HM, 128}, 19);
  // Each compressible block may be raw or LEB128 on its own.
  net.ft.biases_storage.encoding = TensorEncoding::Leb128;
  net.ft.threat_psqt_storage.encoding = TensorEncoding::Raw;
  net.ft.pair_psqt_storage.encoding = TensorEncoding::Leb128;
  net.ft.weights_storage.encoding = TensorEncoding::Raw;
  net.ft.psqt_storage.encoding = TensorEncoding::Leb128;
  const std::vector<uint8_t> bytes = write_network(net);
  uint32_t version = 0;
  std::memcpy(&version, bytes.data(), 4);
  CHECK(version == 0x6A448AFAu);

  const ReadResult parsed = read_network(bytes);
  REQUIRE(parsed.error == "");
  const NetworkData& back = *parsed.network;
  CHECK(back.arch == net.arch);
  CHECK(back.ft.threat_weights.size() == (59808u + 4560u) * 128);
  CHECK(back.ft.threat_psqt_weights.size() == (59808u + 4560u) * 8);
  CHECK(back.stacks[0].fc0.outputs == 32u);
  CHECK(back.stacks[0].fc2.inputs == 128u);
  CHECK(same_contents(back, net));
  CHECK(back.ft.biases_storage.encoding == TensorEncoding::Leb128);
  CHECK(back.ft.threat_psqt_storage.encoding == TensorEncoding::Raw);
  CHECK(back.ft.pair_psqt_storage.encoding == TensorEncoding::Leb128);
  CHECK(back.ft.weights_storage.encoding == TensorEncoding::Raw);
  CHECK(write_network(back) == bytes);

  SECTION("the version word must be the feature set's") {
    std::vector<uint8_t> wrong = bytes;
    const uint32_t old_version = 0x7AF32F20u;
    std::memcpy(wrong.data(), &old_version, 4);
    const ReadResult r = read_network(wrong);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("unknown feature set") && Catch::Contains("0x7AF32F20"));
  }
  SECTION("an unknown version names both known ones") {
    std::vector<uint8_t> wrong = bytes;
    const uint32_t other = 0x6A448AFBu;
    std::memcpy(wrong.data(), &other, 4);
    const ReadResult r = read_network(wrong);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error, Catch::Contains("unsupported version") && Catch::Contains("0x6A448AFA") &&
                            Catch::Contains("0x7AF32F20"));
  }
}

TEST_CASE("nnue format: file helpers", "[nnue][format]") {
  const auto path = std::filesystem::temp_directory_path() / "corvid_test_nnue_format.nnue";
  const NetworkData net = make_random_network(half_ka(128), 5);
  std::string error;
  REQUIRE(write_network_file(net, path.string(), error));
  const ReadResult r = read_network_file(path.string());
  REQUIRE(r.ok());
  CHECK(*r.network == net);
  std::filesystem::remove(path);

  const ReadResult missing = read_network_file(path.string());
  REQUIRE_FALSE(missing.ok());
  CHECK_THAT(missing.error, Catch::Contains(path.string()) && Catch::Contains("cannot open"));
}

TEST_CASE("nnue format: writer refuses tensors of the wrong size", "[nnue][format]") {
  NetworkData net = make_zero_network(half_ka(128));
  net.stacks[2].fc1.weights.pop_back();
  CHECK_THROWS_AS(write_network(net), std::invalid_argument);
  CHECK_THAT(shape_mismatch(net), Catch::Contains("stack 2 fc_1 weights"));
  std::string error;
  CHECK_FALSE(write_network_file(net, "/nonexistent-dir/x.nnue", error));
  CHECK_THAT(error, Catch::Contains("stack 2"));
}
