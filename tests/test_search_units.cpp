// Search building blocks: draw rules, the score model, the time manager and `go` parsing.
#include <catch2/catch.hpp>
#include <string>

#include "chess/notation.h"
#include "chess/position.h"
#include "uci/score_model.h"
#include "search/time_manager.h"
#include "search/value.h"
#include "uci/go_command.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid::search;
using namespace corvid::uci;
using corvid_test::position_after_init;

namespace {

void play(Position& pos, const std::string& moves) {
  size_t start = 0;
  while (start < moves.size()) {
    const size_t end = moves.find(' ', start);
    const std::string text = moves.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const Move m = parse_uci_move(pos, text);
    INFO(text);
    REQUIRE(m);
    pos.make_move(m);
    start = end == std::string::npos ? moves.size() : end + 1;
  }
}

}  // namespace

TEST_CASE("draws: insufficient material", "[search][draw]") {
  CHECK(position_after_init("8/8/4k3/8/8/3K4/8/8 w - - 0 1").has_insufficient_material());
  CHECK(position_after_init("8/8/4k3/8/8/3KN3/8/8 w - - 0 1").has_insufficient_material());
  CHECK(position_after_init("8/8/4kb2/8/8/3K4/8/8 b - - 0 1").has_insufficient_material());
  // Bishops all on light squares (c4 and f1 are light): no mate possible.
  CHECK(position_after_init("8/8/4k3/8/2b5/3K4/8/5B2 w - - 0 1").has_insufficient_material());
  // Bishops on both colours, two knights, or any pawn, rook or queen: play on.
  CHECK_FALSE(position_after_init("8/8/4k3/8/2b5/3K4/8/4B3 w - - 0 1").has_insufficient_material());
  CHECK_FALSE(position_after_init("8/8/4k3/8/8/3KNN2/8/8 w - - 0 1").has_insufficient_material());
  CHECK_FALSE(position_after_init("8/8/4k3/8/8/3K4/4P3/8 w - - 0 1").has_insufficient_material());
  CHECK_FALSE(position_after_init("8/8/4k3/8/8/3K4/8/R7 w - - 0 1").has_insufficient_material());
}

TEST_CASE("draws: repetition inside the search counts once, before the root only at three", "[search][draw]") {
  Position pos = position_after_init(std::string(START_FEN));
  // One repetition in the game: the start position comes back after four plies.
  play(pos, "g1f3 g8f6 f3g1 f6g8");
  CHECK(pos.is_repetition());
  // Seen from a search rooted here (ply 0), or at the earlier occurrence itself (ply 4),
  // that occurrence is not inside the search: not yet a draw.
  CHECK_FALSE(pos.is_repetition_draw(0));
  CHECK_FALSE(pos.is_repetition_draw(4));
  // From a root five plies back, both occurrences are inside the search: a draw.
  CHECK(pos.is_repetition_draw(5));
  // A third occurrence is a draw whatever the root.
  play(pos, "g1f3 g8f6 f3g1 f6g8");
  CHECK(pos.is_repetition_draw(0));
  // A pawn move resets everything.
  play(pos, "e2e4");
  CHECK_FALSE(pos.is_repetition_draw(0));
}

TEST_CASE("score model: +100 cp is a 50% win, wdl sums to 1000 and is symmetric", "[search][score]") {
  CHECK(to_centipawns(361) == 100);
  CHECK(to_centipawns(-361) == -100);
  CHECK(wdl_of(361).win == 500);
  for (int v = -3000; v <= 3000; v += 37) {
    const Wdl w = wdl_of(v), mirrored = wdl_of(-v);
    CHECK(w.win + w.draw + w.loss == 1000);
    CHECK(w.win >= 0);
    CHECK(w.draw >= 0);
    CHECK(w.win == mirrored.loss);
    if (v > 0) CHECK(w.win >= wdl_of(v - 37).win);
  }
  CHECK(uci_score(mate_in(1)) == "mate 1");
  CHECK(uci_score(mate_in(5)) == "mate 3");
  CHECK(uci_score(mated_in(0)) == "mate 0");
  CHECK(uci_score(mated_in(4)) == "mate -2");
  CHECK(uci_score(361 * 3) == "cp 300");
}

TEST_CASE("mate scores keep their distance through the table", "[search][score]") {
  for (int ply : {0, 3, 17})
    for (int v : {mate_in(ply + 5), mated_in(ply + 6), 123, -45}) CHECK(value_from_tt(value_to_tt(v, ply), ply, 0) == v);
  // A mate that the 50-move rule may cut off is not reported as a mate.
  CHECK(value_from_tt(value_to_tt(mate_in(40), 0), 0, 80) < VALUE_MATE_IN_MAX_PLY);
}

TEST_CASE("time manager: limits stay inside the clock", "[search][time]") {
  for (int clock : {50, 200, 1000, 10000, 60000, 600000})
    for (int inc : {0, 10, 100, 1000})
      for (int moves_to_go : {0, 1, 5, 40})
        for (int overhead : {0, 10, 100}) {
          SearchLimits limits;
          limits.time[WHITE] = clock;
          limits.increment[WHITE] = inc;
          limits.moves_to_go = moves_to_go;
          TimeManager tm;
          tm.start(limits, WHITE, 20, overhead);
          INFO(clock << "+" << inc << " mtg " << moves_to_go << " overhead " << overhead);
          CHECK(tm.is_timed());
          CHECK(tm.soft_ms() >= 1);
          CHECK(tm.soft_ms() <= tm.hard_ms());
          // Even the hard limit leaves the overhead and never spends most of the clock.
          CHECK(tm.hard_ms() <= std::max<int64_t>(1, clock - overhead));
          if (moves_to_go != 1) CHECK(tm.hard_ms() <= std::max<int64_t>(1, clock / 2));
        }
  SearchLimits fixed;
  fixed.movetime = 500;
  TimeManager tm;
  tm.start(fixed, BLACK, 0, 10);
  // Movetime is spent in full: between N - overhead - 20 and N - overhead, no soft limit.
  CHECK(tm.hard_ms() <= 490);
  CHECK(tm.hard_ms() > 470);
  CHECK(tm.is_fixed());
  CHECK_FALSE(tm.soft_limit_reached(0.4));
  TimeManager untimed;
  untimed.start(SearchLimits{}, WHITE, 0, 10);
  CHECK_FALSE(untimed.is_timed());
}

TEST_CASE("time manager: the clock runs from the go line's arrival, not from the search's start", "[search][time]") {
  // The first `go` after start-up may wait for the embedded nets; that wait is the GUI's time too.
  SearchLimits limits;
  limits.movetime = 1000;
  limits.received = Clock::now() - std::chrono::milliseconds(600);
  TimeManager tm;
  tm.start(limits, WHITE, 0, 0);
  CHECK(tm.elapsed_ms() >= 600);
  CHECK(tm.elapsed_ms() < 900);
  // A time in the future (a clock that went wrong) counts as now.
  limits.received = Clock::now() + std::chrono::hours(1);
  tm.start(limits, WHITE, 0, 0);
  CHECK(tm.elapsed_ms() >= 0);
  CHECK(tm.elapsed_ms() < 300);
}

TEST_CASE("go command: every parameter, and bad values reported", "[search][uci]") {
  const Position pos = position_after_init(std::string(START_FEN));
  GoCommand go = parse_go_command(
      "wtime 1000 btime 2000 winc 10 binc 20 movestogo 7 depth 5 nodes 123 mate 3 movetime 400 infinite ponder", pos);
  CHECK(go.problems.empty());
  CHECK(go.limits.time[WHITE] == 1000);
  CHECK(go.limits.time[BLACK] == 2000);
  CHECK(go.limits.increment[WHITE] == 10);
  CHECK(go.limits.increment[BLACK] == 20);
  CHECK(go.limits.moves_to_go == 7);
  CHECK(go.limits.depth == 5);
  CHECK(go.limits.nodes == 123);
  CHECK(go.limits.mate == 3);
  CHECK(go.limits.movetime == 400);
  CHECK(go.limits.infinite);
  CHECK(go.limits.ponder);

  go = parse_go_command("searchmoves e2e4 d2d4 e7e5 depth 4", pos);
  CHECK(go.limits.search_moves.size() == 2);
  CHECK(go.limits.depth == 4);
  CHECK(go.problems.size() == 1);  // e7e5 is not White's move

  go = parse_go_command("depth abc wtime -5 frobnicate movetime", pos);
  CHECK(go.limits.depth == 0);
  CHECK(go.limits.time[WHITE] == 1);  // a negative clock: move at once
  CHECK(go.problems.size() == 4);     // depth abc, wtime -5, frobnicate, movetime without a value
}
