// Playing weaker: the Elo-to-level map, the choice among candidate lines, and Skill Level
// and UCI_LimitStrength over UCI, repeatable with a fixed seed.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <set>
#include <sstream>

#include "chess/notation.h"
#include "chess/position.h"
#include "process_support.h"
#include "uci_session.h"
#include "search/skill.h"

using corvid::search::RootMove;

namespace {

std::vector<RootMove> candidates(const std::vector<int>& scores) {
  std::vector<RootMove> moves;
  for (int s : scores) {
    RootMove rm;
    rm.score = s;
    moves.push_back(rm);
  }
  return moves;
}

// bestmoves of one engine session, one per `go`; each search runs to its limit before
// the next command is sent (a new command would stop it). `seed`: CORVID_SKILL_SEED, or
// empty for none.
std::vector<std::string> bestmoves(const std::string& seed, const std::string& input) {
  if (seed.empty()) unsetenv("CORVID_SKILL_SEED");
  else setenv("CORVID_SKILL_SEED", seed.c_str(), 1);
  corvid::test::UciSession engine(CORVID_BINARY);
  unsetenv("CORVID_SKILL_SEED");
  std::vector<std::string> moves;
  std::istringstream lines(input);
  for (std::string line; std::getline(lines, line);) {
    engine.send(line);
    if (line.rfind("go", 0) != 0) continue;
    const auto best = engine.wait_for("bestmove ", std::chrono::seconds(120));
    if (!best) break;
    moves.push_back(best->substr(9, best->find(' ', 9) - 9));
  }
  engine.send("quit");
  return moves;
}

}  // namespace

TEST_CASE("skill: UCI_Elo maps onto Stockfish 15.1's fractional levels", "[search][skill]") {
  using corvid::search::skill_level_for_elo;
  // ((elo - 1346.6) / 143.4) ^ (1 / 0.806), worked out by hand (a calculator) for each.
  CHECK(skill_level_for_elo(1000) == 0);
  CHECK(skill_level_for_elo(1320) == 0);
  CHECK(skill_level_for_elo(1500) == Approx(1.0872).margin(0.001));
  CHECK(skill_level_for_elo(2000) == Approx(6.5639).margin(0.001));
  CHECK(skill_level_for_elo(2500) == Approx(13.2851).margin(0.001));
  CHECK(skill_level_for_elo(2850) == Approx(18.4570).margin(0.001));
  CHECK(skill_level_for_elo(2950) < 20);
  CHECK(skill_level_for_elo(2960) == 20);
  CHECK(skill_level_for_elo(3190) == 20);
  for (int elo = 1320; elo < 3190; elo += 50) CHECK(skill_level_for_elo(elo) <= skill_level_for_elo(elo + 50));
  CHECK(corvid::search::skill_depth(6.56) == 7);
  CHECK(corvid::search::skill_depth(0) == 1);
}

TEST_CASE("skill: the choice reaches further down the lines the lower the level, level 20 the best", "[search][skill]") {
  using corvid::search::pick_weakened_move;
  // Lines 0, 20, 300 and 500 units behind the best; spread = min(500, 126) = 126.
  const auto moves = candidates({100, 80, -200, -400});
  std::mt19937_64 rng(7);
  std::set<size_t> at_10, at_0;
  for (int i = 0; i < 3000; ++i) {
    at_10.insert(pick_weakened_move(moves, 4, 10, rng));
    at_0.insert(pick_weakened_move(moves, 4, 0, rng));
  }
  // Level 10 (weakness 100): the last line totals at most -400 + (100 * 500 + 126 * 99) / 128
  // = 88 < 100, the least the best line totals, so it is never played; the third line
  // totals 34..131 and sometimes is. Level 0 (weakness 120): the last line 68..185.
  CHECK(at_10 == std::set<size_t>{0, 1, 2});
  CHECK(at_0 == std::set<size_t>{0, 1, 2, 3});
  for (int i = 0; i < 100; ++i) CHECK(pick_weakened_move(moves, 4, 20, rng) == 0);
  // Fewer candidates than lines: only those take part.
  for (int i = 0; i < 500; ++i) CHECK(pick_weakened_move(moves, 2, 0, rng) <= 1);
  // A found mate is kept at every level.
  const auto mate = candidates({corvid::search::mate_in(3), 50, 40, 30});
  for (int i = 0; i < 200; ++i) CHECK(pick_weakened_move(mate, 4, 0, rng) == 0);
  // The same seed, the same choices.
  std::mt19937_64 a(11), b(11);
  for (int i = 0; i < 50; ++i) CHECK(pick_weakened_move(moves, 4, 3, a) == pick_weakened_move(moves, 4, 3, b));
}

TEST_CASE("skill: Skill Level 0 plays legal, weaker, repeatable moves with a fixed seed", "[search][skill][uci]") {
  corvid::chess::init();
  const std::vector<std::string> lines = {"", "e2e4", "e2e4 e7e5", "d2d4", "d2d4 d7d5 c2c4", "g1f3", "c2c4 e7e5",
                                          "e2e4 c7c5", "e2e4 e7e6", "d2d4 g8f6 c2c4 e7e6", "e2e4 e7e5 g1f3 b8c6",
                                          "e2e4 c7c6", "b1c3", "f2f4", "e2e4 d7d5", "d2d4 f7f5"};
  std::string weak = "setoption name Skill Level value 0\n", full, limited =
      "setoption name UCI_LimitStrength value true\nsetoption name UCI_Elo value 1320\n";
  for (const std::string& moves : lines) {
    const std::string pos = "position startpos" + (moves.empty() ? "" : " moves " + moves) + "\n";
    weak += pos + "go depth 8\n";
    limited += pos + "go depth 8\n";
    full += pos + "go depth 8\n";
  }
  const auto first = bestmoves("42", weak);
  const auto again = bestmoves("42", weak);
  const auto strong = bestmoves("", full);
  const auto by_elo = bestmoves("42", limited);
  REQUIRE(first.size() == lines.size());
  REQUIRE(strong.size() == lines.size());
  CHECK(first == again);
  CHECK(by_elo == first);  // UCI_Elo 1320 is level 0
  int different = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    corvid::Position pos;
    std::string error;
    pos.set_fen(corvid::START_FEN, false, &error);
    std::istringstream in(lines[i]);
    for (std::string m; in >> m;) pos.make_move(corvid::parse_uci_move(pos, m));
    INFO(lines[i] << ": " << first[i]);
    CHECK(corvid::parse_uci_move(pos, first[i]));
    different += first[i] != strong[i];
  }
  CHECK(different >= 3);
}
