// The search's static evaluation: Stockfish 18's net choice and final formula for the
// Full_Threats pair, Stockfish 15.1's and 17's formulas for HalfKAv2_hm nets. Expected
// values are worked by hand from the raw outputs Stockfish printed (tests/data/nnue) and
// the formulas in Stockfish's evaluate.cpp of each version, or printed by Stockfish 15.1
// itself (tests/data/eval).
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "net_test_support.h"
#include "nnue/network_loader.h"
#include "search/evaluate.h"

using namespace corvid;

namespace {

struct Pair {
  nnue::LoadedNetwork big, small;
  bool ok() const { return big.network && small.network; }
};

const Pair& stockfish18_pair() {
  static const Pair pair = [] {
    Pair p;
    const std::string big = test::reference_net("nn-c288c895ea92.nnue");
    const std::string small = test::reference_net("nn-37f18f62d772.nnue");
    if (!big.empty() && !small.empty()) p.big = nnue::load_network_file(big), p.small = nnue::load_network_file(small);
    return p;
  }();
  return pair;
}

int evaluate(const nnue::Networks& nets, const std::string& fen, search::EvalDetail& detail, int optimism = 0) {
  Position pos;
  std::string error;
  REQUIRE(pos.set_fen(fen, false, &error));
  search::Evaluator evaluator;
  evaluator.set_networks(nets);
  evaluator.reset();
  return evaluator.evaluate(pos, nnue::build_kernels(), optimism, &detail);
}

}  // namespace

TEST_CASE("Stockfish 18 pair: lopsided material takes the small net", "[search][evaluate]") {
  const Pair& pair = stockfish18_pair();
  if (!pair.ok()) return;
  search::EvalDetail d;
  // KRB v K: balance 1276 + 825 = 2101 > 962. Small net raw (Stockfish 18): psqt 37052,
  // positional 10607 -> 2315 and 662; blend (125*2315 + 131*662)/128 = 2938 (>= 277, so
  // final). Complexity |2315 - 662| = 1653: 2938 - 2938*1653/18236 = 2938 - 266 = 2672.
  // Material 2101: 2672 * 79972 / 77871 = 2744; rule50 1: 2744 - 2744/199 = 2731.
  const int v = evaluate({pair.big.network.get(), pair.small.network.get()}, "8/4k3/8/3R4/8/8/B3K3/8 w - - 1 72", d);
  CHECK(d.small_evaluated);
  CHECK(d.used_small);
  CHECK(d.small.psqt == 37052);
  CHECK(d.small.positional == 10607);
  CHECK(v == 2731);
}

TEST_CASE("Stockfish 18 pair: balanced material takes the big net", "[search][evaluate]") {
  const Pair& pair = stockfish18_pair();
  if (!pair.ok()) return;
  search::EvalDetail d;
  // Big net raw (vectors): bucket 6, psqt 2799, positional 210 -> 174 and 13;
  // blend (125*174 + 131*13)/128 = (21750 + 1703)/128 = 183. Complexity 161:
  // 183 - 183*161/18236 = 183 - 1 = 182. Material: 12 pawns, each side two knights, two
  // bishops, two rooks and a queen: 534*12 + 2*(2*781 + 2*825 + 2*1276 + 2538) = 23012;
  // 182 * 100883 / 77871 = 235; rule50 1: 235 - 235/199 = 234.
  const int v = evaluate({pair.big.network.get(), pair.small.network.get()},
                         "rnbq1rk1/1p3ppp/p4n2/1Nbp4/8/4PN2/PPQB1PPP/R3KB1R b KQ - 1 10", d);
  CHECK_FALSE(d.small_evaluated);
  CHECK(d.big_evaluated);
  CHECK(d.big.psqt == 2799);
  CHECK(d.big.positional == 210);
  CHECK(v == 234);
}

TEST_CASE("A Stockfish 15.1 net takes Stockfish 15.1's formula, and a small net beside it is unused", "[search][evaluate]") {
  const std::string path = test::reference_net("nn-ad9b42354671.nnue");
  const Pair& pair = stockfish18_pair();
  if (path.empty() || !pair.ok()) return;
  const nnue::LoadedNetwork net = nnue::load_network_file(path);
  REQUIRE(net.network);
  const std::string fen = "r3k3/p1p1np2/2p1bq2/8/4P3/BPP3Qr/P4P1P/2KR3R w q - 1 18";
  // Raw (vectors): psqt -7296, positional -275. Non-pawn material 5915 + 6696 = 12611, so
  // delta 24 - 1 = 23: (1001 * -7296 + 1047 * -275) / 16384 = -463. Scale 1064 + 261 =
  // 1325: -463 * 1325 / 1024 = -599; rule50 1: -599 * 194 / 211 = -550. (Stockfish 15.1's
  // own `eval` prints -1.52 for it: -550 / 361.)
  SECTION("no optimism") {
    search::EvalDetail d;
    const int v = evaluate({net.network.get(), pair.small.network.get()}, fen, d);
    CHECK_FALSE(d.small_evaluated);
    CHECK(d.big.psqt == -7296);
    CHECK(d.big.positional == -275);
    CHECK(v == -550);
  }
  SECTION("optimism 50") {
    // Net complexity |-7296 + 275| / 16 = 438; endgame material 7605 - 8043 = -438, 25
    // above the net's -463: (416 * 438 + 424 * 25 + 50 * 25) / 1024 = 189. Optimism
    // 50 * 458 / 256 = 89: (-463 * 1325 + 89 * 571) / 1024 = -549; * 194 / 211 = -504.
    search::EvalDetail d;
    CHECK(evaluate({net.network.get(), nullptr}, fen, d, 50) == -504);
  }
}

TEST_CASE("Stockfish 15.1's own final evaluations, with its net", "[search][evaluate]") {
  const std::string path = test::reference_net("nn-ad9b42354671.nnue");
  if (path.empty()) return;
  const nnue::LoadedNetwork net = nnue::load_network_file(path);
  REQUIRE(net.network);
  std::ifstream in(test::data_path("eval/nn-ad9b42354671.final.csv"));
  REQUIRE(in.good());
  int checked = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t split = line.find(';');
    const std::string fen = line.substr(0, split);
    const double printed = std::stod(line.substr(split + 1));
    search::EvalDetail d;
    const int v = evaluate({net.network.get(), nullptr}, fen, d);
    const int white_view = fen.find(" w ") != std::string::npos ? v : -v;
    // Stockfish prints the value / 361 to two decimals.
    INFO(fen << ": Stockfish 15.1 " << printed << ", Corvid " << white_view << " (" << white_view / 361.0 << ")");
    CHECK(std::abs(white_view / 361.0 - printed) <= 0.005 + 1e-9);
    ++checked;
  }
  CHECK(checked >= 100);
}

TEST_CASE("A Stockfish 17 small net alone takes Stockfish 17's formula with the small net's constants", "[search][evaluate]") {
  const std::string path = test::reference_net("nn-37f18f62d772.nnue");
  if (path.empty()) return;
  const nnue::LoadedNetwork net = nnue::load_network_file(path);
  REQUIRE(net.network);
  search::EvalDetail d;
  // Raw (vectors): psqt -6430, positional 2913 -> -401 and 182; (125 * -401 + 131 * 182)
  // / 128 = -205. Complexity 583: -205 - (-205 * 583 / 18815 = -6) = -199. Material
  // 553 * 10 + 12611 = 18141: -199 * 92062 / 68104 = -269; rule50 1: -269 - (-269 / 212
  // = -1) = -268.
  const int v = evaluate({net.network.get(), nullptr}, "r3k3/p1p1np2/2p1bq2/8/4P3/BPP3Qr/P4P1P/2KR3R w q - 1 18", d);
  CHECK(d.big.psqt == -6430);
  CHECK(d.big.positional == 2913);
  CHECK(v == -268);
}

TEST_CASE("Stockfish 19's net: one net, outputs added, Stockfish 18's scaling", "[search][evaluate][sf19]") {
  const std::string path = test::reference_net("nn-1a298aa575a0.nnue");
  const Pair& pair = stockfish18_pair();
  if (path.empty() || !pair.ok()) return;
  const nnue::LoadedNetwork net = nnue::load_network_file(path);
  REQUIRE(net.network);
  SECTION("balanced") {
    search::EvalDetail d;
    // Raw (vectors): psqt 1196, positional 63 -> 74 and 3; nnue 77. Complexity 71:
    // 77 - 77*71/18236 = 77. Material 23012 (as above): 77 * 100883 / 77871 = 99; rule50 1:
    // 99 - 99/199 = 99.
    const int v = evaluate({net.network.get(), pair.small.network.get()},
                           "rnbq1rk1/1p3ppp/p4n2/1Nbp4/8/4PN2/PPQB1PPP/R3KB1R b KQ - 1 10", d);
    CHECK(d.big.psqt == 1196);
    CHECK(d.big.positional == 63);
    CHECK(v == 99);
  }
  SECTION("lopsided: still the one net, never a small one beside it") {
    search::EvalDetail d;
    // Raw (vectors): psqt 26110, positional 2220 -> 1631 and 138; nnue 1769. Complexity
    // 1493: 1769 - 1769*1493/18236 = 1769 - 144 = 1625. Material 2101: 1625 * 79972 / 77871
    // = 1668; rule50 1: 1668 - 1668/199 = 1660.
    const int v = evaluate({net.network.get(), pair.small.network.get()}, "8/4k3/8/3R4/8/8/B3K3/8 w - - 1 72", d);
    CHECK_FALSE(d.small_evaluated);
    CHECK(d.big.psqt == 26110);
    CHECK(d.big.positional == 2220);
    CHECK(v == 1660);
  }
}

TEST_CASE("A net loaded where a freed net was is still a new net to the evaluator", "[search][evaluate]") {
  const std::string small_path = test::reference_net("nn-37f18f62d772.nnue");
  const std::string big_path = test::reference_net("nn-ad9b42354671.nnue");
  if (small_path.empty() || big_path.empty()) return;
  const std::string fen = "r3k3/p1p1np2/2p1bq2/8/4P3/BPP3Qr/P4P1P/2KR3R w q - 1 18";
  Position pos;
  std::string error;
  REQUIRE(pos.set_fen(fen, false, &error));
  search::Evaluator evaluator;
  const void* first_address = nullptr;
  {
    nnue::LoadedNetwork small = nnue::load_network_file(small_path);
    REQUIRE(small.network);
    first_address = small.network.get();
    evaluator.set_networks({small.network.get(), nullptr});
    evaluator.reset();
    evaluator.evaluate(pos, nnue::build_kernels());
  }  // freed: the next net of the same object size usually lands at the same address
  nnue::LoadedNetwork big = nnue::load_network_file(big_path);
  REQUIRE(big.network);
  INFO("same address: " << (first_address == big.network.get()));
  evaluator.set_networks({big.network.get(), nullptr});
  evaluator.reset();
  search::EvalDetail d;
  evaluator.evaluate(pos, nnue::build_kernels(), 0, &d);
  // Stockfish 15.1's raw outputs for this position (tests/data/nnue).
  CHECK(d.big.psqt == -7296);
  CHECK(d.big.positional == -275);
}
