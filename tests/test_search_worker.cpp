// One search thread driven directly, with a table the test fills in advance: how the
// search treats what it finds there.
#include <catch2/catch.hpp>

#include "chess/notation.h"
#include "search/shared.h"
#include "search/worker.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid::search;
using corvid_test::position_after_init;

namespace {

// A depth-limited search of `root` by one worker on `tt` (material evaluation, no net).
struct DirectSearch {
  TranspositionTable tt;
  SearchShared shared;
  Worker worker{0};

  DirectSearch() {
    REQUIRE(tt.resize(1));
    shared.tt = &tt;
    shared.kernels = &nnue::build_kernels();
    shared.workers = {&worker};
  }
  const RootMove& run(const Position& root, const std::vector<Move>& root_moves, int depth) {
    shared.limits = SearchLimits{};
    shared.limits.depth = depth;
    shared.stop = false;
    worker.prepare(root, root_moves, &shared);
    worker.iterative_deepening();
    return worker.root_moves()[0];
  }
};

}  // namespace

TEST_CASE("qsearch does not stand pat on a stored mate score", "[search][worker]") {
  // After 1. e4 nothing can be captured, so a depth-1 search of e4 is one quiescence node.
  // The table claims that node is a mate for Black, as a lower bound from a shallower
  // quiescence search (so it gives no cut-off): it must not become the node's static score.
  const Position root = position_after_init("rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1");
  const Move e4 = parse_uci_move(root, "e2e4");
  REQUIRE(e4);
  Position child = root;
  child.make_move(e4);
  DirectSearch search;
  search.tt.store(child.key(), TTData{Move::none(), int16_t(mate_in(3)), int16_t(VALUE_NONE), -1, BOUND_LOWER});
  const RootMove& rm = search.run(root, {e4}, 1);
  INFO("score " << rm.score);
  CHECK_FALSE(is_mate_score(rm.score));
  CHECK(rm.score == 0);  // equal material
}

TEST_CASE("a stop already given is obeyed before the first iteration completes", "[search][worker]") {
  // Two knights' defence: material is level.
  const Position root = position_after_init("r1bqkb1r/pppp1ppp/2n2n2/4p3/2B1P3/5N2/PPPP1PPP/RNBQK2R w KQkq - 4 4");
  const MoveList legal = corvid_test::legal_moves(root);
  const std::vector<Move> moves(legal.begin(), legal.end());
  DirectSearch search;
  search.shared.limits = SearchLimits{};
  search.shared.limits.depth = 5;
  search.worker.prepare(root, moves, &search.shared);
  search.shared.stop = true;
  search.worker.iterative_deepening();
  CHECK(search.worker.nodes() == 0);
  CHECK(search.worker.completed_depth() == 0);
  // Unsearched, the first move (the one the engine puts first: the table's) is the answer,
  // and it still gets a score to report: here the static (material) evaluation, level.
  search.worker.estimate_unsearched_best();
  const RootMove& best = search.worker.root_moves()[0];
  CHECK(best.move == moves[0]);
  CHECK(best.previous_score == 0);
  CHECK(best.previous_depth == 0);
}
