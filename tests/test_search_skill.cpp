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

TEST_CASE("skill: UCI_Elo maps onto levels 0..20 over the documented range", "[search][skill]") {
  using corvid::search::skill_level_for_elo;
  CHECK(skill_level_for_elo(1320) == 0);
  CHECK(skill_level_for_elo(1000) == 0);
  CHECK(skill_level_for_elo(3190) == 20);
  CHECK(skill_level_for_elo(2255) == 10);
  for (int elo = 1320; elo < 3190; elo += 50) CHECK(skill_level_for_elo(elo) <= skill_level_for_elo(elo + 50));
}

TEST_CASE("skill: weak levels pick among close candidates, never far worse ones; level 20 the best", "[search][skill]") {
  using corvid::search::pick_weakened_move;
  const auto moves = candidates({100, 80, -500, -600});
  std::mt19937_64 rng(7);
  std::set<size_t> chosen;
  for (int i = 0; i < 500; ++i) chosen.insert(pick_weakened_move(moves, 4, 0, rng));
  CHECK(chosen == std::set<size_t>{0, 1});  // 600 units worse is beyond level 0's bonus
  for (int i = 0; i < 100; ++i) CHECK(pick_weakened_move(moves, 4, 20, rng) == 0);
  // Level 15 still sometimes takes the 20-unit-worse move, less often than level 0.
  int second_at_15 = 0, second_at_0 = 0;
  for (int i = 0; i < 2000; ++i) {
    second_at_15 += pick_weakened_move(moves, 4, 15, rng) == 1;
    second_at_0 += pick_weakened_move(moves, 4, 0, rng) == 1;
  }
  CHECK(second_at_15 > 0);
  CHECK(second_at_15 < second_at_0);
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
