// The search through its C++ interface: legal results, exact limits, reproducible node
// counts, mates, draws, and several threads started and stopped (run under TSan in CI).
#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "chess/movegen.h"
#include "chess/notation.h"
#include "nnue/network_loader.h"
#include "search/engine.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid::search;
using corvid_test::position_after_init;

namespace {

// Collects what the engine reports.
struct Transcript {
  std::mutex mutex;
  std::vector<PvLine> lines;
  std::vector<BestMove> bestmoves;
  SearchListener listener() {
    SearchListener l;
    l.on_pv = [this](const InfoFull& info) {
      std::lock_guard<std::mutex> lock(mutex);
      lines.push_back(info.line);
    };
    l.on_bestmove = [this](const BestMove& b) {
      std::lock_guard<std::mutex> lock(mutex);
      bestmoves.push_back(b);
    };
    return l;
  }
  int bestmove_count() {
    std::lock_guard<std::mutex> lock(mutex);
    return int(bestmoves.size());
  }
};

const nnue::Network* embedded_net() {
  static const nnue::LoadedNetwork net = nnue::load_embedded_network();
  return net.network.get();  // null in a build without a net: the search then counts material
}

bool is_legal_in(const Position& pos, Move m) { return corvid_test::legal_moves(pos).contains(m); }

SearchResult search_once(Engine& engine, const Position& pos, const SearchLimits& limits) {
  engine.start(pos, limits, SearchOptions{});
  engine.wait();
  return engine.last_result();
}

}  // namespace

TEST_CASE("engine: a depth-limited search is reproducible and legal", "[search][engine]") {
  Engine engine;
  engine.set_networks({embedded_net(), nullptr});
  const Position pos = position_after_init("r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1");
  SearchLimits limits;
  limits.depth = 7;
  engine.clear();
  const SearchResult first = search_once(engine, pos, limits);
  engine.clear();
  const SearchResult second = search_once(engine, pos, limits);
  CHECK(first.depth == 7);
  CHECK(first.nodes == second.nodes);
  CHECK(first.best == second.best);
  CHECK(is_legal_in(pos, first.best));
}

TEST_CASE("engine: a node limit is never exceeded with one thread", "[search][engine]") {
  Engine engine;
  engine.set_networks({embedded_net(), nullptr});
  const Position pos = position_after_init(std::string(START_FEN));
  for (uint64_t nodes : {1ULL, 7ULL, 1000ULL, 25000ULL}) {
    SearchLimits limits;
    limits.nodes = nodes;
    const SearchResult r = search_once(engine, pos, limits);
    CHECK(r.nodes <= nodes);
    CHECK(r.nodes >= nodes * 9 / 10);  // it does not stop early either
    CHECK(is_legal_in(pos, r.best));
  }
}

TEST_CASE("engine: mates are found with their exact distance", "[search][engine]") {
  Engine engine;
  engine.set_networks({embedded_net(), nullptr});
  struct Case {
    const char* fen;
    int plies;  // to mate, from the side to move (negative: being mated)
  };
  // Back-rank mate in 1; a mate in 2 with a quiet first move; the side being mated in 1.
  const Case cases[] = {
      {"6k1/5ppp/8/8/8/8/5PPP/3R2K1 w - - 0 1", 1},
      {"k7/8/1K6/8/8/8/8/1R6 w - - 0 1", 3},
      {"6k1/5ppp/8/8/8/8/5PPP/3R2K1 b - - 0 1", 0},
      {"k7/8/1K6/8/8/8/8/7R b - - 0 1", -2},
  };
  for (const Case& c : cases) {
    INFO(c.fen);
    const Position pos = position_after_init(c.fen);
    SearchLimits limits;
    limits.depth = 8;
    engine.clear();
    const SearchResult r = search_once(engine, pos, limits);
    if (c.plies > 0) CHECK(r.score == mate_in(c.plies));
    if (c.plies < 0) CHECK(r.score == mated_in(-c.plies));
    if (c.plies == 0) CHECK_FALSE(is_mate_score(r.score));
  }
}

TEST_CASE("engine: dead draws score zero", "[search][engine][draw]") {
  Engine engine;
  engine.set_networks({embedded_net(), nullptr});
  // Bare kings; king and knight against king; a queen up but the 50-move rule ends it.
  for (const char* fen : {"8/8/4k3/8/8/3K4/8/8 w - - 0 1", "8/8/4k3/8/8/3KN3/8/8 b - - 0 1",
                          "8/8/3k4/8/8/8/8/K6Q w - - 99 120"}) {
    INFO(fen);
    SearchLimits limits;
    limits.depth = 6;
    CHECK(search_once(engine, position_after_init(fen), limits).score == 0);
  }
}

TEST_CASE("engine: several threads start, stop at once and answer exactly once", "[search][engine][threads]") {
  Transcript out;
  Engine engine;
  engine.set_networks({embedded_net(), nullptr});
  const Position pos = position_after_init("r1bqkb1r/pppp1ppp/2n2n2/4p3/2B1P3/5N2/PPPP1PPP/RNBQK2R w KQkq - 4 4");
  for (int threads : {2, 3, 4}) {
    engine.set_threads(threads);
    SearchLimits limits;
    limits.infinite = true;
    const int before = out.bestmove_count();
    engine.start(pos, limits, SearchOptions{}, out.listener());
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    CHECK(out.bestmove_count() == before);  // infinite: nothing until stop
    const auto stop_time = std::chrono::steady_clock::now();
    engine.stop();
    engine.wait();
    const auto waited = std::chrono::steady_clock::now() - stop_time;
    CHECK(waited < std::chrono::seconds(2));
    CHECK(out.bestmove_count() == before + 1);
    CHECK(is_legal_in(pos, engine.last_result().best));
  }
  // A timed search with threads ends on its own.
  SearchLimits timed;
  timed.movetime = 200;
  engine.start(pos, timed, SearchOptions{});
  engine.wait();
  CHECK(is_legal_in(pos, engine.last_result().best));
}
