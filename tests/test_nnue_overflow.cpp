// Nets that are well-formed but so extreme that evaluating them would overflow a signed
// integer (issue 16, item 1) are refused at load time, naming the tensor; nets at the
// edge of what is accepted evaluate exactly; the real reference nets still load.
#include <catch2/catch.hpp>

#include <string>

#include "chess/position.h"
#include "net_test_support.h"
#include "nnue/evaluator.h"
#include "nnue/network_loader.h"
#include "nnue/network_writer.h"
#include "nnue/overflow_bounds.h"
#include "nnue/score.h"
#include "test_files.h"

using namespace corvid;
using namespace corvid::nnue;

namespace {

NetworkData zero_net() { return make_zero_network(Architecture{HALF_KA_V2_HM, 128}); }

std::string refusal(const NetworkData& data) {
  std::string error;
  const std::unique_ptr<Network> net = Network::from_data(data, &error);
  if (net) return "(accepted)";
  return error;
}

}  // namespace

TEST_CASE("a net with ordinary values is accepted", "[nnue][overflow]") {
  std::string error;
  CHECK(Network::from_data(zero_net(), &error));
  CHECK(error.empty());
}

TEST_CASE("an fc_0 bias of INT32_MAX is refused, naming fc_0", "[nnue][overflow]") {
  // With every weight zero the sum is the bias itself and fits; one weight of 1 (on an
  // input up to 126) is enough to pass INT32_MAX, as in a real net.
  NetworkData data = zero_net();
  data.stacks[3].fc0.biases[0] = INT32_MAX;
  CHECK(refusal(data) == "(accepted)");
  data.stacks[3].fc0.weights[7] = 1;
  CHECK_THAT(refusal(data), Catch::Contains("layer stack 3 fc_0"));
}

TEST_CASE("fc_0 weights that sum past int32 with a large bias are refused", "[nnue][overflow]") {
  // Each weight is a valid int8; with inputs up to 126 (127 * 127 / 128) and 128 of them
  // the sum reaches 126 * 127 * 128 = 2,048,256 above the bias.
  NetworkData data = zero_net();
  for (uint32_t i = 0; i < 128; ++i) data.stacks[0].fc0.weights[5 * data.stacks[0].fc0.padded_inputs + i] = 127;
  data.stacks[0].fc0.biases[5] = INT32_MAX - 2'000'000;
  CHECK_THAT(refusal(data), Catch::Contains("layer stack 0 fc_0"));
  data.stacks[0].fc0.biases[5] = -(INT32_MAX - 2'000'000);  // the other way
  CHECK_THAT(refusal(data), Catch::Contains("layer stack 0 fc_0"));
}

TEST_CASE("PSQT weights of INT32_MAX are refused, naming the PSQT weights", "[nnue][overflow]") {
  NetworkData data = zero_net();
  for (int32_t& w : data.ft.psqt_weights) w = INT32_MAX;
  CHECK_THAT(refusal(data), Catch::Contains("FT PSQT weights"));
  // One large weight is enough: 32 pieces may share it (the same feature for each
  // perspective's king square is not needed, only the bound).
  data = zero_net();
  data.ft.psqt_weights[1000 * PSQT_BUCKETS + 2] = INT32_MAX / 8;
  CHECK_THAT(refusal(data), Catch::Contains("FT PSQT weights (bucket 2)"));
}

TEST_CASE("an fc_1 bias of INT32_MIN is refused, naming fc_1", "[nnue][overflow]") {
  NetworkData data = zero_net();
  data.stacks[7].fc1.biases[31] = INT32_MIN;
  CHECK_THAT(refusal(data), Catch::Contains("layer stack 7 fc_1"));
}

TEST_CASE("an fc_2 bias of 2^30 is refused: the centipawn arithmetic would overflow", "[nnue][overflow]") {
  NetworkData data = zero_net();
  data.stacks[1].fc2.biases[0] = 1 << 30;
  CHECK_THAT(refusal(data), Catch::Contains("layer stack 1"));
  CHECK_THAT(refusal(data), Catch::Contains("fc_2"));
}

TEST_CASE("a large but safe fc_2 bias is accepted and evaluates exactly", "[nnue][overflow]") {
  // 2^27 raw: / 16 * 200 (the search's 50-move scaling) is 1.68e9, inside int32.
  NetworkData data = zero_net();
  const int32_t bias = 1 << 27;
  for (LayerStackData& stack : data.stacks) stack.fc2.biases[0] = bias;
  std::string error;
  const std::unique_ptr<Network> net = Network::from_data(data, &error);
  REQUIRE(net);
  AccumulatorStack stack;
  stack.set_network(net.get());
  Position pos;
  const RawEvaluation e = evaluate_raw(*net, build_kernels(), stack, pos);
  CHECK(e.positional == bias);  // every other tensor is zero
  CHECK(e.psqt == 0);
  CHECK(raw_to_centipawns(e.positional) == int(int64_t(bias) / 16 * 100 / 361));
}

TEST_CASE("an overflowing net file is refused by the loader with the file's name", "[nnue][overflow]") {
  test::TempDir dir;
  NetworkData data = zero_net();
  data.stacks[0].fc0.biases[0] = INT32_MAX;
  data.stacks[0].fc0.weights[0] = -1;
  const std::string path = dir.write("extreme.nnue", write_network(data));
  const LoadedNetwork loaded = load_network_file(path);
  CHECK_FALSE(loaded.network);
  CHECK_THAT(loaded.error, Catch::Contains(path));
  CHECK_THAT(loaded.error, Catch::Contains("fc_0"));
}

TEST_CASE("more input blocks (threat features) add to the PSQT bound", "[nnue][overflow]") {
  // The shape a Full_Threats set will pass: the piece-square block and a threat block
  // with up to 128 more active features.
  const NetworkData data = zero_net();
  std::vector<int32_t> psq(16 * PSQT_BUCKETS, 0), threats(16 * PSQT_BUCKETS, 0);
  psq[0] = 10'000'000;      // 2 * 32 * 1e7 = 6.4e8
  threats[0] = 10'000'000;  // 2 * 128 * 1e7 = 2.56e9: together past int32
  const PsqtInputBlock only_psq[] = {{"FT PSQT weights", psq, 32}};
  CHECK(overflow_risk(only_psq, PSQT_BUCKETS, {}).empty());
  const PsqtInputBlock both[] = {{"FT PSQT weights", psq, 32}, {"FT threat PSQT weights", threats, 128}};
  CHECK_THAT(overflow_risk(both, PSQT_BUCKETS, {}), Catch::Contains("FT threat PSQT weights (bucket 0)"));
}

TEST_CASE("the reference nets pass the overflow bounds", "[nnue][overflow][reference]") {
  for (const char* name : {"nn-ad9b42354671.nnue", "nn-37f18f62d772.nnue", "nn-c288c895ea92.nnue"}) {
    const std::string path = test::reference_net(name);
    if (path.empty()) continue;
    const LoadedNetwork loaded = load_network_file(path);
    INFO(name << ": " << loaded.error);
    CHECK(loaded.network);
  }
}

TEST_CASE("a Full_Threats net with extreme threat PSQT weights is refused, naming them", "[nnue][overflow]") {
  NetworkData data = make_zero_network(Architecture{FULL_THREATS_HALF_KA_V2_HM, 128});
  std::string error;
  CHECK(Network::from_data(data, &error));
  data.ft.threat_psqt_weights[3 * PSQT_BUCKETS] = 5'000'000;  // 2 * 256 * 5e6 = 2.56e9
  CHECK_THAT(refusal(data), Catch::Contains("FT threat PSQT weights (bucket 0)"));
}
