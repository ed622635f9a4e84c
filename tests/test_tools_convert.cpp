// `corvid net convert`: byte-exact round trips on the reference nets, encoding changes that
// undo each other, content naming, and converted nets that evaluate as the originals.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sys/wait.h>
#include <unistd.h>

#include "chess/position.h"
#include "net_test_support.h"
#include "test_files.h"
#include "nnue/evaluator.h"
#include "nnue/network_loader.h"
#include "nnue/network_reader.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"
#include "tools/net_convert.h"
#include "tools/net_file.h"

using namespace corvid;
using namespace corvid::nnue;
using corvid::tools::ConvertOptions;

namespace {

const char* const REFERENCE_NETS[] = {"nn-37f18f62d772.nnue", "nn-ad9b42354671.nnue", "nn-c288c895ea92.nnue"};

std::vector<uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

NetworkData parse(const std::vector<uint8_t>& bytes) {
  ReadOptions options;
  options.allow_parse_only = true;
  ReadResult r = read_network(bytes, options);
  INFO(r.error);
  REQUIRE(r.ok());
  return std::move(*r.network);
}

std::vector<uint8_t> convert_bytes(const std::vector<uint8_t>& bytes, std::optional<TensorEncoding> encoding) {
  ConvertOptions options;
  options.ft_encoding = encoding;
  return write_network(tools::apply_convert_options(parse(bytes), options));
}

using corvid::test::TempDir;

int run_status(const std::string& command_line, std::string* output = nullptr) {
  std::string text;
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  const int status = pclose(pipe);
  if (output) *output = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string corvid_binary() { return std::string(CORVID_BINARY); }

}  // namespace

TEST_CASE("tools: convert without changes reproduces each reference net byte for byte", "[tools][convert]") {
  for (const char* name : REFERENCE_NETS) {
    const std::string path = test::reference_net(name);
    if (path.empty()) continue;
    INFO(name);
    const std::vector<uint8_t> original = file_bytes(path);
    CHECK(convert_bytes(original, std::nullopt) == original);
    // Asking for the encoding the file already uses is no change either.
    const NetworkData net = parse(original);
    const TensorEncoding used = net.ft.weights_storage.encoding;
    if (net.ft.biases_storage.encoding == used && net.ft.psqt_storage.encoding == used)
      CHECK(convert_bytes(original, used) == original);
  }
}

TEST_CASE("tools: none -> leb128 -> none is the identity on the reference nets", "[tools][convert]") {
  for (const char* name : REFERENCE_NETS) {
    const std::string path = test::reference_net(name);
    if (path.empty()) continue;
    INFO(name);
    const std::vector<uint8_t> raw = convert_bytes(file_bytes(path), TensorEncoding::Raw);
    const std::vector<uint8_t> leb128 = convert_bytes(raw, TensorEncoding::Leb128);
    CHECK(leb128.size() < raw.size());
    CHECK(convert_bytes(leb128, TensorEncoding::Raw) == raw);
    CHECK(same_contents(parse(raw), parse(leb128)));
  }
}

TEST_CASE("tools: none -> leb128 -> none is the identity on a synthetic net", "[tools][convert]") {
  const NetworkData net = make_random_network(Architecture{HALF_KA_V2_HM, 256}, 11);
  const std::vector<uint8_t> raw = write_network(net);
  const std::vector<uint8_t> leb128 = convert_bytes(raw, TensorEncoding::Leb128);
  CHECK(leb128 != raw);
  CHECK(convert_bytes(leb128, TensorEncoding::Raw) == raw);
  const NetworkData back = parse(leb128);
  CHECK(back.ft.weights_storage.encoding == TensorEncoding::Leb128);
  CHECK(back.ft.biases_storage.encoding == TensorEncoding::Leb128);
  CHECK(back.ft.psqt_storage.encoding == TensorEncoding::Leb128);
}

TEST_CASE("tools: convert --description replaces only the description", "[tools][convert]") {
  const NetworkData net = make_random_network(Architecture{HALF_KA_V2_HM, 128}, 5);
  ConvertOptions options;
  options.description = "quotes \" and \\ and\nnewline";
  const NetworkData changed = parse(write_network(tools::apply_convert_options(net, options)));
  CHECK(changed.description == "quotes \" and \\ and\nnewline");
  NetworkData expected = net;
  expected.description = changed.description;
  CHECK(same_contents(changed, expected));
}

TEST_CASE("tools: corvid net convert --out-sha names the file by its content", "[tools][convert]") {
  const std::string path = test::reference_net("nn-37f18f62d772.nnue");
  if (path.empty()) return;
  TempDir dir;
  std::string output;
  // Unchanged, the content name is the reference net's own name.
  REQUIRE(run_status(corvid_binary() + " net convert '" + path + "' '" + dir.path.string() + "' --out-sha", &output) == 0);
  CHECK(std::filesystem::exists(dir / "nn-37f18f62d772.nnue"));
  CHECK(file_bytes(dir / "nn-37f18f62d772.nnue") == file_bytes(path));
  CHECK_THAT(output, Catch::Contains("nn-37f18f62d772.nnue"));
  // Changed, the name follows the new content: nn-<12 hex>.nnue and not the old name.
  REQUIRE(run_status(corvid_binary() + " net convert '" + path + "' '" + dir.path.string() +
                         "' --out-sha --ft-compression none",
                     &output) == 0);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path)) names.push_back(entry.path().filename());
  REQUIRE(names.size() == 2);
  for (const std::string& name : names) {
    CHECK(tools::is_content_name(name));
    if (name == "nn-37f18f62d772.nnue") continue;
    // Checked with coreutils' sha256sum, not the code under test.
    std::string sum;
    REQUIRE(run_status("sha256sum '" + (dir / name) + "'", &sum) == 0);
    CHECK(sum.substr(0, 12) == name.substr(3, 12));
  }
  // OUT must be a folder with --out-sha, and must not be one without.
  CHECK(run_status(corvid_binary() + " net convert '" + path + "' '" + (dir / "missing") + "' --out-sha", &output) == 1);
  CHECK(run_status(corvid_binary() + " net convert '" + path + "' '" + dir.path.string() + "'", &output) == 1);
  CHECK_THAT(output, Catch::Contains("folder"));
}

TEST_CASE("tools: a converted net evaluates exactly as the original", "[tools][convert]") {
  const std::string path = test::reference_net("nn-37f18f62d772.nnue");
  if (path.empty()) return;
  TempDir dir;
  std::string output;
  REQUIRE(run_status(corvid_binary() + " net convert '" + path + "' '" + (dir / "raw.nnue") + "' --ft-compression none",
                     &output) == 0);
  CHECK(std::filesystem::file_size(dir / "raw.nnue") > std::filesystem::file_size(path));
  const LoadedNetwork original = load_network_file(path);
  const LoadedNetwork converted = load_network_file(dir / "raw.nnue");
  REQUIRE(original.network);
  INFO(converted.error);
  REQUIRE(converted.network);
  const char* const fens[] = {
      "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
      "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
      "1B4k1/R5b1/1p2r2p/2p2pP1/8/2P2n2/P3N3/4K3 w - - 1 38",
      "8/8/4k3/8/2p5/8/B2P2K1/8 w - - 0 1",
      "5rk1/4Rpb1/p1Q3p1/7p/2p2P2/3q1NKP/P2n2P1/4R3 b - - 1 28",
  };
  const Kernels& kernels = build_kernels();
  int nonzero = 0;
  for (const char* fen : fens) {
    Position pos;
    std::string error;
    REQUIRE(pos.set_fen(fen, false, &error));
    AccumulatorStack a, b;
    a.set_network(original.network.get());
    b.set_network(converted.network.get());
    a.refresh_from_scratch(pos, kernels);
    b.refresh_from_scratch(pos, kernels);
    const RawEvaluation ea = propagate(*original.network, kernels, a, pos);
    const RawEvaluation eb = propagate(*converted.network, kernels, b, pos);
    INFO(fen);
    CHECK(ea.bucket == eb.bucket);
    CHECK(ea.psqt == eb.psqt);
    CHECK(ea.positional == eb.positional);
    nonzero += ea.psqt != 0 || ea.positional != 0;
  }
  CHECK(nonzero > 0);  // the comparison saw real evaluations
}
