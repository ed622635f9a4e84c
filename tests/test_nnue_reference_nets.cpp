// The three real Stockfish nets: read with the right architecture and written back byte
// for byte. They are not in the repository (net_test_support.h says where they are looked
// for, and when a missing one skips or fails).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "net_test_support.h"
#include "nnue/network_reader.h"
#include "nnue/network_writer.h"

using namespace corvid::nnue;

namespace {

// The file's bytes, or empty when the net is missing (see corvid::test::reference_net).
std::optional<std::vector<uint8_t>> load_net(const std::string& name) {
  const std::string path = corvid::test::reference_net(name);
  if (path.empty()) return std::nullopt;
  std::ifstream file(path, std::ios::binary);
  REQUIRE(file.good());
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(file), {});
}

void check_layer_shapes(const NetworkData& net, uint32_t l1) {
  REQUIRE(net.stacks.size() == 8);
  for (const LayerStackData& s : net.stacks) {
    CHECK(s.fc0.weights.size() == 16u * l1);
    CHECK(s.fc1.weights.size() == 32u * 32);
    CHECK(s.fc2.weights.size() == 32u);
  }
}

}  // namespace

TEST_CASE("nnue reference net: Stockfish 15.1 nn-ad9b42354671 (L1=1024, raw)", "[nnue][reference]") {
  const auto bytes = load_net("nn-ad9b42354671.nnue");
  if (!bytes) return;
  const ReadResult r = read_network(*bytes);
  REQUIRE(r.error == "");
  const NetworkData& net = *r.network;
  CHECK(net.arch == Architecture{HALF_KA_V2_HM, 1024});
  CHECK(net.ft.biases_storage.encoding == TensorEncoding::Raw);
  CHECK(net.ft.weights_storage.encoding == TensorEncoding::Raw);
  CHECK(net.ft.psqt_storage.encoding == TensorEncoding::Raw);
  CHECK_THAT(net.description, Catch::StartsWith("Network trained with"));
  check_layer_shapes(net, 1024);
  CHECK(write_network(net) == *bytes);

  // The same tensors LEB128-compressed, as Stockfish 16+ would store them.
  NetworkData compressed = net;
  compressed.ft.biases_storage.encoding = compressed.ft.weights_storage.encoding =
      compressed.ft.psqt_storage.encoding = TensorEncoding::Leb128;
  const std::vector<uint8_t> leb = write_network(compressed);
  CHECK(leb.size() < bytes->size());
  const ReadResult back = read_network(leb);
  REQUIRE(back.ok());
  CHECK(same_contents(*back.network, net));
}

TEST_CASE("nnue reference net: Stockfish 18 small nn-37f18f62d772 (L1=128, LEB128)", "[nnue][reference]") {
  const auto bytes = load_net("nn-37f18f62d772.nnue");
  if (!bytes) return;
  const ReadResult r = read_network(*bytes);
  REQUIRE(r.error == "");
  const NetworkData& net = *r.network;
  CHECK(net.arch == Architecture{HALF_KA_V2_HM, 128});
  CHECK(net.ft.biases_storage.encoding == TensorEncoding::Leb128);
  CHECK(net.ft.weights_storage.encoding == TensorEncoding::Leb128);
  CHECK(net.ft.psqt_storage.encoding == TensorEncoding::Leb128);
  check_layer_shapes(net, 128);
  CHECK(write_network(net) == *bytes);
}

TEST_CASE("nnue reference net: Stockfish 18 big nn-c288c895ea92 (Full_Threats)", "[nnue][reference]") {
  const auto bytes = load_net("nn-c288c895ea92.nnue");
  if (!bytes) return;
  const ReadResult parsed = read_network(*bytes);
  REQUIRE(parsed.error == "");
  const NetworkData& net = *parsed.network;
  CHECK(net.arch == Architecture{FULL_THREATS_HALF_KA_V2_HM, 1024});
  CHECK(net.ft.threat_weights.size() == 79856u * 1024);
  CHECK(net.ft.weights.size() == 22528u * 1024);
  CHECK(net.ft.threat_psqt_weights.size() == 79856u * 8);
  CHECK(net.ft.psqt_weights.size() == 22528u * 8);
  check_layer_shapes(net, 1024);
  CHECK(write_network(net) == *bytes);
}

TEST_CASE("nnue reference net: Stockfish 19 nn-1a298aa575a0 (threats + pawn pairs)", "[nnue][reference][sf19]") {
  const auto bytes = load_net("nn-1a298aa575a0.nnue");
  if (!bytes) return;
  const ReadResult parsed = read_network(*bytes);
  REQUIRE(parsed.error == "");
  const NetworkData& net = *parsed.network;
  CHECK(net.arch == Architecture{THREATS_PP_HALF_KA_V2_HM, 1024});
  CHECK(net.arch.l2 == 32);
  CHECK(net.arch.l3 == 32);
  CHECK(net.arch.version() == 0x6A448AFAu);
  CHECK(net.ft.threat_weights.size() == (59808u + 4560u) * 1024);
  CHECK(net.ft.weights.size() == 22528u * 1024);
  CHECK(net.ft.threat_psqt_weights.size() == (59808u + 4560u) * 8);
  CHECK(net.ft.psqt_weights.size() == 22528u * 8);
  // Every compressible block of this file is LEB128.
  CHECK(net.ft.biases_storage.encoding == TensorEncoding::Leb128);
  CHECK(net.ft.threat_psqt_storage.encoding == TensorEncoding::Leb128);
  CHECK(net.ft.pair_psqt_storage.encoding == TensorEncoding::Leb128);
  CHECK(net.ft.weights_storage.encoding == TensorEncoding::Leb128);
  CHECK(net.ft.psqt_storage.encoding == TensorEncoding::Leb128);
  for (const LayerStackData& stack : net.stacks) {
    CHECK(stack.fc0.outputs == 32u);
    CHECK(stack.fc0.inputs == 1024u);
    CHECK(stack.fc1.inputs == 64u);
    CHECK(stack.fc1.outputs == 32u);
    CHECK(stack.fc2.inputs == 128u);
  }
  CHECK(write_network(net) == *bytes);
}

TEST_CASE("nnue reference net: a refused file names its path", "[nnue][reference]") {
  const std::string source = corvid::test::reference_net("nn-c288c895ea92.nnue");
  if (source.empty()) return;
  // The real net cut short inside its threat weights.
  const std::string path = (std::filesystem::temp_directory_path() / "corvid_cut_threats.nnue").string();
  {
    std::ifstream in(source, std::ios::binary);
    std::vector<char> bytes(50'000'000);
    in.read(bytes.data(), std::streamsize(bytes.size()));
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  }
  const ReadResult r = read_network_file(path);
  REQUIRE_FALSE(r.ok());
  CHECK_THAT(r.error, Catch::StartsWith(path));
  std::filesystem::remove(path);
}
