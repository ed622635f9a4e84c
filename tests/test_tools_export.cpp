// `corvid net export/import/features`: the ONNX model run in onnxruntime on the vectors
// (exact psqt_raw and positional_raw), onnx's checker, NNEF round trips byte for byte, the
// text graph under an independent NNEF parser, edited .dat files reaching the .nnue, the
// .dat header against the spec, and feature indices worked out by hand.
#include <catch2/catch.hpp>

#include <algorithm>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "net_test_support.h"
#include "nnef_grammar_check.h"
#include "nnue/network_reader.h"
#include "nnue/network_writer.h"
#include "nnue/overflow_bounds.h"
#include "nnue/random_network.h"
#include "chess/position.h"
#include "process_support.h"
#include "test_files.h"
#include "tools/export_tensors.h"
#include "tools/net_features.h"
#include "tools/nnef_export.h"
#include "tools/tar_archive.h"

using namespace corvid;
using corvid::test::CommandResult;
using corvid::test::run_corvid;
using corvid::test::run_shell;
using corvid::test::shell_quote;
using corvid::test::TempDir;

namespace {

const char* const SMALL_NET = "nn-37f18f62d772.nnue";
const char* const EXPORTABLE_NETS[] = {"nn-37f18f62d772.nnue", "nn-ad9b42354671.nnue", "nn-c288c895ea92.nnue"};

std::vector<uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string file_text(const std::string& path) {
  const std::vector<uint8_t> b = file_bytes(path);
  return {b.begin(), b.end()};
}

bool required() {
  const char* r = std::getenv("CORVID_REQUIRE_NETS");
  return r && std::string(r) == "1";
}

// Skips (WARN) or, in CI, fails when a tool the test needs is absent.
bool have(bool present, const std::string& what) {
  if (present) return true;
  if (required()) FAIL(what << " is missing");
  WARN("skipped: " << what << " is missing");
  return false;
}

std::string repo_root() { return std::string(CORVID_TEST_DATA_DIR) + "/../.."; }

std::string onnxruntime_modules() {
  const char* cache = std::getenv("XDG_CACHE_HOME");
  const char* home = std::getenv("HOME");
  const std::string base = cache ? cache : std::string(home ? home : "/root") + "/.cache";
  return base + "/corvid-onnxruntime/node_modules";
}

// A Python that has the onnx package (Debian's python3-onnx lives under /usr/bin/python3).
std::string python_with_onnx() {
  for (const char* python : {"/usr/bin/python3", "python3"})
    if (run_shell(std::string(python) + " -c 'import onnx' 2>/dev/null").status == 0) return python;
  return {};
}

CommandResult check_onnx(const std::string& net, const std::string& vectors) {
  return run_shell("CORVID=" + shell_quote(CORVID_BINARY) + " bash " + shell_quote(repo_root() + "/scripts/check-onnx.sh") +
                   " " + shell_quote(net) + " " + shell_quote(vectors) + " 2>&1");
}

int16_t read_i16(const std::vector<uint8_t>& b, std::size_t at) { return int16_t(b[at] | b[at + 1] << 8); }
uint32_t read_u32(const std::vector<uint8_t>& b, std::size_t at) {
  return uint32_t(b[at]) | uint32_t(b[at + 1]) << 8 | uint32_t(b[at + 2]) << 16 | uint32_t(b[at + 3]) << 24;
}

nnue::NetworkData read_net(const std::string& path) {
  nnue::ReadResult r = nnue::read_network(file_bytes(path), {});
  INFO(r.error);
  REQUIRE(r.ok());
  return std::move(*r.network);
}

}  // namespace

TEST_CASE("export: the small net's ONNX model gives the vectors' raw outputs exactly in onnxruntime",
          "[export][onnx]") {
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  if (!have(std::filesystem::exists(onnxruntime_modules() + "/onnxruntime-node"),
            "onnxruntime-node (bash scripts/get-onnxruntime.sh)") ||
      !have(run_shell("command -v node >/dev/null").status == 0, "node"))
    return;
  for (const char* kind : {"positions", "games"}) {
    const std::string vectors = test::data_path(std::string("nnue/nn-37f18f62d772.") + kind + ".csv");
    const CommandResult r = check_onnx(net, vectors);
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find(kind == std::string("positions") ? "1000 positions, 0 mismatches"
                                                          : "6790 positions, 0 mismatches") != std::string::npos);
  }
}

TEST_CASE("export: the onnxruntime check reports a position whose expected value is wrong", "[export][onnx]") {
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  if (!have(std::filesystem::exists(onnxruntime_modules() + "/onnxruntime-node"), "onnxruntime-node") ||
      !have(run_shell("command -v node >/dev/null").status == 0, "node"))
    return;
  // The first 20 positions, the 5th with positional_raw off by one.
  TempDir dir;
  std::ifstream in(test::data_path("nnue/nn-37f18f62d772.positions.csv"));
  std::ofstream out(dir / "wrong.csv");
  int kept = 0;
  for (std::string line; std::getline(in, line) && kept < 20;) {
    if (line.empty() || line[0] == '#') continue;
    if (++kept == 5) {
      const std::size_t last = line.rfind(';');
      line = line.substr(0, last + 1) + std::to_string(std::stoi(line.substr(last + 1)) + 1);
    }
    out << line << "\n";
  }
  out.close();
  const CommandResult r = check_onnx(net, dir / "wrong.csv");
  INFO(r.output);
  CHECK(r.status == 1);
  CHECK(r.output.find("20 positions, 1 mismatches") != std::string::npos);
  CHECK(r.output.find("line 5:") != std::string::npos);
}

TEST_CASE("export: ONNX models of random nets whose accumulators wrap around match the engine in onnxruntime",
          "[export][onnx]") {
  if (!have(std::filesystem::exists(onnxruntime_modules() + "/onnxruntime-node"), "onnxruntime-node") ||
      !have(run_shell("command -v node >/dev/null").status == 0, "node"))
    return;
  // Random weights reach the int16 limits, so accumulators leave the int16 range and the
  // engine's wrap-around (checked bit-exact against Stockfish elsewhere) decides the result.
  for (const nnue::FeatureSet& fs : {nnue::HALF_KA_V2_HM, nnue::FULL_THREATS_HALF_KA_V2_HM}) {
    INFO(fs.name);
    nnue::Architecture arch;
    arch.feature_set = fs;
    arch.l1 = 128;
    nnue::NetworkData net = nnue::make_random_network(arch, 20261202);
    // The int32 tensors are cut to where no int32 sum can overflow (the engine refuses a
    // net that could, issue 16); the int16 feature-transformer weights keep their extremes.
    const auto cut = [](std::vector<int32_t>& values, int32_t limit) {
      for (int32_t& v : values) v = std::clamp(v, -limit, limit);
    };
    cut(net.ft.psqt_weights, 100000);
    cut(net.ft.threat_psqt_weights, 100000);
    for (nnue::LayerStackData& stack : net.stacks)
      for (nnue::AffineLayerData* layer : {&stack.fc0, &stack.fc1, &stack.fc2}) cut(layer->biases, 1000000);
    REQUIRE(nnue::overflow_risk(net) == "");
    TempDir dir;
    std::string error;
    REQUIRE(nnue::write_network_file(net, dir / "random.nnue", error));

    // 200 vector positions; expected numbers from the engine's own evaluator.
    std::vector<std::string> fens;
    std::ifstream in(test::data_path("nnue/nn-37f18f62d772.positions.csv"));
    for (std::string line; std::getline(in, line) && fens.size() < 200;)
      if (!line.empty() && line[0] != '#') fens.push_back(line.substr(0, line.find(';')));
    std::string input;
    for (const std::string& fen : fens) input += fen + "\n";
    const CommandResult eval = run_corvid("eval --raw --net " + shell_quote(dir / "random.nnue"), input);
    REQUIRE(eval.status == 0);
    const auto evals = test::lines_of(eval.output);
    REQUIRE(evals.size() == fens.size());
    std::ofstream csv(dir / "random.csv");
    for (std::size_t i = 0; i < fens.size(); ++i) {
      std::stringstream e(evals[i]);
      std::string b, p, q;
      e >> b >> p >> q;
      csv << fens[i] << ";" << b << ";" << p << ";" << q << "\n";
    }
    csv.close();

    // The wrap really happens: some accumulator sum leaves the int16 range.
    int wrapped = 0;
    for (const std::string& fen : fens) {
      Position pos;
      REQUIRE(pos.set_fen(fen, false, nullptr));
      const tools::ActiveFeatures f = tools::active_features(pos, fs.threat_inputs > 0);
      for (const std::vector<int>* psq : {&f.us, &f.them}) {
        const std::vector<int>& threats = psq == &f.us ? f.us_threats : f.them_threats;
        for (uint32_t j = 0; j < arch.l1; ++j) {
          int64_t sum = net.ft.biases[j];
          for (int i : *psq) sum += net.ft.weights[std::size_t(i) * arch.l1 + j];
          for (int i : threats) sum += net.ft.threat_weights[std::size_t(i) * arch.l1 + j];
          wrapped += sum < -32768 || sum > 32767;
        }
      }
    }
    CHECK(wrapped > 100);

    const CommandResult r = check_onnx(dir / "random.nnue", dir / "random.csv");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.find("200 positions, 0 mismatches") != std::string::npos);
  }
}

TEST_CASE("export: onnx's checker accepts the exported models", "[export][onnx]") {
  const std::string python = python_with_onnx();
  if (!have(!python.empty(), "python3-onnx (Debian package)")) return;
  for (const char* name : EXPORTABLE_NETS) {
    const std::string net = test::reference_net(name);
    if (net.empty()) continue;
    INFO(name);
    TempDir dir;
    REQUIRE(run_corvid("net export " + shell_quote(net) + " --format onnx --out " + shell_quote(dir / "m.onnx")).status == 0);
    const CommandResult r = run_shell(python + " -c " +
                                      shell_quote("import onnx, sys; m = onnx.load(sys.argv[1]); "
                                                  "onnx.checker.check_model(m, full_check=True); "
                                                  "print('ok', m.opset_import[0].version, len(m.graph.node))") +
                                      " " + shell_quote(dir / "m.onnx") + " 2>&1");
    INFO(r.output);
    CHECK(r.status == 0);
    CHECK(r.output.rfind("ok 13 ", 0) == 0);
  }
}

TEST_CASE("export: onnx's checker rejects a damaged model (the check can fail)", "[export][onnx]") {
  const std::string python = python_with_onnx();
  if (!have(!python.empty(), "python3-onnx (Debian package)")) return;
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  TempDir dir;
  REQUIRE(run_corvid("net export " + shell_quote(net) + " --format onnx --out " + shell_quote(dir / "m.onnx")).status == 0);
  std::vector<uint8_t> bytes = file_bytes(dir / "m.onnx");
  bytes.resize(bytes.size() / 2);  // cut in the middle of the initialisers
  dir.write("cut.onnx", bytes);
  const CommandResult r = run_shell(python + " -c " + shell_quote("import onnx, sys; onnx.checker.check_model(onnx.load(sys.argv[1]))") +
                                    " " + shell_quote(dir / "cut.onnx") + " 2>&1");
  CHECK(r.status != 0);
}

TEST_CASE("export: NNEF export then import gives back every exportable reference net byte for byte", "[export][nnef]") {
  for (const char* name : EXPORTABLE_NETS) {
    const std::string net = test::reference_net(name);
    if (net.empty()) continue;
    INFO(name);
    TempDir dir;
    const CommandResult ex = run_corvid("net export " + shell_quote(net) + " --format nnef --out " + shell_quote(dir / "n.tar"));
    REQUIRE(ex.status == 0);
    const CommandResult im = run_corvid("net import " + shell_quote(dir / "n.tar") + " --out " + shell_quote(dir / "back.nnue"));
    REQUIRE(im.status == 0);
    CHECK(file_bytes(dir / "back.nnue") == file_bytes(net));
  }
}

TEST_CASE("export: a generation the exporter cannot handle is refused by name", "[export]") {
  nnue::Architecture arch;
  arch.l1 = 1024;
  CHECK_FALSE(tools::export_refusal(arch));  // HalfKAv2_hm
  arch.feature_set = nnue::FULL_THREATS_HALF_KA_V2_HM;
  CHECK_FALSE(tools::export_refusal(arch));
  for (const nnue::FeatureSet& old : {nnue::HALF_KP, nnue::HALF_KA_V2}) {
    arch.feature_set = old;
    const auto refusal = tools::export_refusal(arch);
    REQUIRE(refusal);
    CHECK(*refusal == "nets of the " + std::string(old.name) +
                          " generation cannot be exported yet (HalfKAv2_hm and Full_Threats+HalfKAv2_hm nets can)");
  }
  arch.feature_set = nnue::HALF_KA_V2_HM;
  arch.l2 = 31;
  CHECK(tools::export_refusal(arch));
}

TEST_CASE("export: net features adds both sides' threat indices for a Full_Threats net", "[export][features]") {
  const std::string net = test::reference_net("nn-c288c895ea92.nnue");
  if (net.empty()) return;
  // Two bare kings: no threat between occupied squares... except the kings themselves do
  // not attack each other at a distance, so both threat lists are empty ("-").
  const CommandResult r = run_corvid("net features --net " + shell_quote(net), "8/8/8/8/8/8/8/K6k b - - 0 1\nstartpos\n");
  REQUIRE(r.status == 0);
  const auto lines = test::lines_of(r.output);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "0 696,703 20359,20352 - -");
  std::stringstream start(lines[1]);
  std::string bucket, us, them, us_threats, them_threats;
  start >> bucket >> us >> them >> us_threats >> them_threats;
  CHECK(bucket == "7");
  // The start position has threats (e.g. each rook "attacks" its knight) on both sides.
  CHECK(us_threats != "-");
  CHECK(them_threats != "-");
}

TEST_CASE("export: graph.nnef and graph.quant parse under an independent NNEF grammar", "[export][nnef]") {
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  TempDir dir;
  REQUIRE(run_corvid("net export " + shell_quote(net) + " --format nnef --out " + shell_quote(dir / "n.tar")).status == 0);
  REQUIRE(run_shell("tar -xf " + shell_quote(dir / "n.tar") + " -C " + shell_quote(dir.path.string())).status == 0);
  const std::string graph = file_text(dir / "graph.nnef");
  test::nnef::Parser parsed({});
  CHECK(test::nnef::parse_nnef_graph(graph, &parsed) == "");
  CHECK(parsed.fragments == std::set<std::string>{"truncating_div", "clipped_relu", "feature_transform", "psqt", "layer_stack"});
  CHECK(parsed.graph_inputs == std::set<std::string>{"us_features", "them_features", "bucket_mask"});
  CHECK(parsed.graph_outputs == std::set<std::string>{"psqt_raw", "positional_raw"});
  // One fragment body for the layer stack, invoked once per bucket.
  std::size_t invocations = 0;
  for (std::size_t at = 0; (at = graph.find("= layer_stack(", at)) != std::string::npos; ++at) ++invocations;
  CHECK(invocations == 8);
  CHECK(test::nnef::parse_nnef_quant(file_text(dir / "graph.quant")) == "");
  // Every variable's label names a .dat file of the archive.
  for (std::size_t at = 0; (at = graph.find("label = '", at)) != std::string::npos;) {
    at += 9;
    const std::string label = graph.substr(at, graph.find('\'', at) - at);
    CHECK(std::filesystem::exists(dir / (label + ".dat")));
  }
}

TEST_CASE("export: the Full_Threats net's graph.nnef parses under the independent NNEF grammar", "[export][nnef]") {
  const std::string net = test::reference_net("nn-c288c895ea92.nnue");
  if (net.empty()) return;
  const nnue::NetworkData data = read_net(net);
  test::nnef::Parser parsed({});
  CHECK(test::nnef::parse_nnef_graph(tools::nnef_graph_text(data, "nn-c288c895ea92.nnue"), &parsed) == "");
  CHECK(parsed.fragments.count("feature_transform_threats"));
  CHECK(parsed.fragments.count("psqt_threats"));
  CHECK(parsed.graph_inputs ==
        std::set<std::string>{"us_features", "them_features", "us_threat_features", "them_threat_features", "bucket_mask"});
  CHECK(test::nnef::parse_nnef_quant(tools::nnef_quant_text(data)) == "");
}

TEST_CASE("export: the test's NNEF parser rejects malformed graphs", "[export][nnef]") {
  const std::string good = "version 1.0;\ngraph g( x ) -> ( y )\n{\n    x = external<scalar>(shape = [1, 2]);\n"
                           "    y = clamp(x, 0.0, 127.0);\n}\n";
  CHECK(test::nnef::parse_nnef_graph(good) == "");
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return test::nnef::parse_nnef_graph(s);
  };
  CHECK(with("127.0);", "127.0)") != "");               // missing ';'
  CHECK(with("clamp(x,", "clamp(z,") != "");            // undefined value
  CHECK(with("clamp", "no_such_op") != "");             // unknown operation
  CHECK(with("y = clamp", "w = clamp") != "");          // output never assigned
  CHECK(with("version 1.0;", "") != "");                // no version
  CHECK(with("shape = [1, 2]", "shape = [1, 2") != "");  // unbalanced bracket
  CHECK(test::nnef::parse_nnef_quant("\"x\": zero_point_linear_quantize(bits = 8);") == "");
  CHECK(test::nnef::parse_nnef_quant("x: zero_point_linear_quantize(bits = 8);") != "");
}

TEST_CASE("export: .dat files have the NNEF tensor header the spec defines", "[export][nnef]") {
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  TempDir dir;
  REQUIRE(run_corvid("net export " + shell_quote(net) + " --format nnef --out " + shell_quote(dir / "n.tar")).status == 0);
  REQUIRE(run_shell("tar -xf " + shell_quote(dir / "n.tar") + " -C " + shell_quote(dir.path.string())).status == 0);
  struct Expected {
    const char* file;
    std::vector<uint32_t> dims;
    uint32_t bits;
  };
  // Shapes from the format: L1 = 128, 22528 inputs, 8 buckets, fc_0 16 x 128, fc_1 32 x 32, fc_2 1 x 32.
  const Expected expected[] = {{"ft/biases.dat", {1, 128}, 16},          {"ft/weights.dat", {22528, 128}, 16},
                               {"ft/psqt_weights.dat", {22528, 8}, 32},  {"stacks/fc0_weights.dat", {8, 16, 128}, 8},
                               {"stacks/fc0_biases.dat", {8, 16}, 32},   {"stacks/fc1_weights.dat", {8, 32, 32}, 8},
                               {"stacks/fc1_biases.dat", {8, 32}, 32},   {"stacks/fc2_weights.dat", {8, 1, 32}, 8},
                               {"stacks/fc2_biases.dat", {8, 1}, 32}};
  for (const Expected& e : expected) {
    INFO(e.file);
    const std::vector<uint8_t> b = file_bytes(dir / e.file);
    REQUIRE(b.size() >= 128);
    CHECK(b[0] == 0x4E);
    CHECK(b[1] == 0xEF);
    CHECK(b[2] == 1);
    CHECK(b[3] == 0);
    uint64_t items = 1;
    for (uint32_t d : e.dims) items *= d;
    CHECK(read_u32(b, 4) == items * e.bits / 8);
    CHECK(read_u32(b, 8) == e.dims.size());
    for (std::size_t i = 0; i < 8; ++i) CHECK(read_u32(b, 12 + 4 * i) == (i < e.dims.size() ? e.dims[i] : 0));
    CHECK(read_u32(b, 44) == e.bits);
    CHECK(read_u32(b, 48) == 4);  // signed integer
    CHECK(b.size() == 128 + items * e.bits / 8);
  }
  // The first feature-transformer bias as the .nnue file stores it: after the 4-byte version,
  // 4-byte hash, 4-byte description length, the description, and the 4-byte FT hash, either
  // raw or as a LEB128 block; compare through the reader instead of guessing the encoding.
  const nnue::NetworkData data = read_net(net);
  CHECK(read_i16(file_bytes(dir / "ft/biases.dat"), 128) == data.ft.biases[0]);
  CHECK(read_i16(file_bytes(dir / "ft/biases.dat"), 128 + 2 * 127) == data.ft.biases[127]);
}

TEST_CASE("export: tensors edited in the .dat files, re-packed with tar, show up in the imported net",
          "[export][nnef]") {
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  TempDir dir;
  const std::string tree = dir / "tree";
  std::filesystem::create_directories(tree);
  REQUIRE(run_corvid("net export " + shell_quote(net) + " --format nnef --out " + shell_quote(dir / "n.tar")).status == 0);
  REQUIRE(run_shell("tar -xf " + shell_quote(dir / "n.tar") + " -C " + shell_quote(tree)).status == 0);

  const nnue::NetworkData original = read_net(net);
  // ft bias 3 (int16) and fc_0 weight [stack 5][output 2][input 7] (int8).
  const int16_t new_bias = int16_t(original.ft.biases[3] + 1000);
  const int8_t new_weight = int8_t(original.stacks[5].fc0.weights[2 * 128 + 7] == 99 ? 98 : 99);
  {
    std::fstream f(tree + "/ft/biases.dat", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(128 + 2 * 3);
    const char bytes[2] = {char(uint16_t(new_bias) & 0xFF), char(uint16_t(new_bias) >> 8)};
    f.write(bytes, 2);
  }
  {
    std::fstream f(tree + "/stacks/fc0_weights.dat", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(128 + (5 * 16 + 2) * 128 + 7);
    f.put(char(new_weight));
  }
  // Re-packed by GNU tar (its own layout, a ./ prefix and directory entries).
  REQUIRE(run_shell("cd " + shell_quote(tree) + " && tar -cf ../edited.tar .").status == 0);
  const CommandResult im = run_corvid("net import " + shell_quote(dir / "edited.tar") + " --out " + shell_quote(dir / "e.nnue"),
                                      {}, test::Stderr::Merge);
  INFO(im.output);
  REQUIRE(im.status == 0);
  nnue::NetworkData edited = read_net(dir / "e.nnue");
  CHECK(edited.ft.biases[3] == new_bias);
  CHECK(edited.stacks[5].fc0.weights[2 * 128 + 7] == new_weight);
  edited.ft.biases[3] = original.ft.biases[3];
  edited.stacks[5].fc0.weights[2 * 128 + 7] = original.stacks[5].fc0.weights[2 * 128 + 7];
  CHECK(nnue::same_contents(edited, original));  // nothing else moved
}

TEST_CASE("export: import refuses a damaged archive with a clear message", "[export][nnef]") {
  const std::string net = test::reference_net(SMALL_NET);
  if (net.empty()) return;
  TempDir dir;
  REQUIRE(run_corvid("net export " + shell_quote(net) + " --format nnef --out " + shell_quote(dir / "n.tar")).status == 0);
  std::string error;
  auto entries = tools::read_tar(file_bytes(dir / "n.tar"), &error);
  REQUIRE(entries);
  SECTION("a tensor of the wrong shape") {
    for (tools::TarEntry& e : *entries)
      if (e.name == "stacks/fc1_biases.dat") e.bytes[12] = 7;  // first extent 8 -> 7
    CHECK_FALSE(tools::import_nnef_archive(tools::write_tar(*entries), &error));
    CHECK(error.find("stacks/fc1_biases.dat") != std::string::npos);
  }
  SECTION("a missing tensor") {
    std::erase_if(*entries, [](const tools::TarEntry& e) { return e.name == "ft/weights.dat"; });
    CHECK_FALSE(tools::import_nnef_archive(tools::write_tar(*entries), &error));
    CHECK(error == "no ft/weights.dat in the archive");
  }
  SECTION("not a tar at all") {
    dir.write("junk.tar", std::vector<uint8_t>(2000, 'x'));
    const CommandResult r = run_corvid("net import " + shell_quote(dir / "junk.tar") + " --out " + shell_quote(dir / "j.nnue"),
                                       {}, test::Stderr::Merge);
    CHECK(r.status == 1);
    CHECK(r.output.find("not a tar archive") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "j.nnue"));
  }
}

TEST_CASE("export: net features prints HalfKAv2_hm indices worked out from the format", "[export][features]") {
  // Start position, White to move. Index = square' + 64 * plane + 704 * king_bucket, with
  // square' the square flipped for Black and mirrored when the own king is on files a-d.
  // White's view: king e1 -> bucket (7 - 0) * 4 + (7 - 4) = 31, no mirror; the white king
  // (plane 10) on e1 (4): 4 + 640 + 21824 = 22468; the black king on e8 (60): 60 + 640 +
  // 21824 = 22524. Black's view: king e8 -> rank 0 from Black, bucket 31; flipped squares
  // (s ^ 56): its own king e8 -> 4 -> 22468, white king e1 -> 60 -> 22524; a white pawn on
  // a2 (8) is "their pawn" (plane 1) on 8 ^ 56 = 48: 48 + 64 + 21824 = 21936.
  const CommandResult r = run_corvid("net features", "startpos\nnot a fen\n8/8/8/8/8/8/8/K6k b - - 0 1\n");
  REQUIRE(r.status == 0);
  const auto lines = test::lines_of(r.output);
  REQUIRE(lines.size() == 3);
  auto list = [](const std::string& s) {
    std::set<int> v;
    std::stringstream in(s);
    for (std::string x; std::getline(in, x, ',');) v.insert(std::stoi(x));
    return v;
  };
  std::stringstream first(lines[0]);
  std::string bucket, us, them;
  first >> bucket >> us >> them;
  CHECK(bucket == "7");
  const std::set<int> us_set = list(us), them_set = list(them);
  CHECK(us_set.size() == 32);
  CHECK(them_set.size() == 32);
  CHECK(us_set.count(22468));
  CHECK(us_set.count(22524));
  CHECK(them_set.count(22468));
  CHECK(them_set.count(22524));
  CHECK(them_set.count(21936));
  CHECK(lines[1].rfind("error: ", 0) == 0);
  // Black to move with its king on h1, squares listed a1 first. Black's view flips
  // (s ^ 56); its king on rank 7 from Black, file h -> bucket (7 - 7) * 4 + (7 - 7) = 0, no
  // mirror: white king a1 (0) -> 56 + 640 = 696, own king h1 (7) -> 63 + 640 = 703. White's
  // view (king a1: mirror, s ^ 7): bucket (7 - 0) * 4 + 0 = 28 -> 704 * 28 = 19712;
  // a1 -> 7: 19712 + 640 + 7 = 20359; h1 -> 0: 20352.
  CHECK(lines[2] == "0 696,703 20359,20352");
}
