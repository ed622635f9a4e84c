// Perft divide against Debian's Stockfish 15.1 (package `stockfish`) on positions the
// vector files do not hold: random games, standard and Chess960, with the random start
// arrangements Chess960 allows. Skips with a warning when Stockfish is not installed,
// unless CORVID_REQUIRE_STOCKFISH=1 (CI installs it).
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "chess/movegen.h"
#include "chess/notation.h"
#include "chess/perft.h"

using namespace corvid;

namespace {

std::string stockfish_path() {
  for (const char* candidate : {"/usr/games/stockfish", "/usr/bin/stockfish"})
    if (std::filesystem::exists(candidate)) return candidate;
  return {};
}

// A Chess960 back rank: bishops on opposite colours, king between the rooks.
std::string random_back_rank(std::mt19937_64& rng) {
  std::string rank(8, ' ');
  rank[2 * (rng() % 4)] = 'b';
  rank[2 * (rng() % 4) + 1] = 'b';
  auto place = [&](char piece) {
    std::vector<int> free;
    for (int f = 0; f < 8; ++f)
      if (rank[f] == ' ') free.push_back(f);
    rank[free[rng() % free.size()]] = piece;
  };
  place('q');
  place('n');
  place('n');
  std::vector<int> free;
  for (int f = 0; f < 8; ++f)
    if (rank[f] == ' ') free.push_back(f);
  rank[free[0]] = 'r';
  rank[free[1]] = 'k';
  rank[free[2]] = 'r';
  return rank;
}

std::string upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

struct Case {
  std::string fen;
  bool chess960;
  std::map<std::string, uint64_t> corvid;
};

std::vector<Case> random_cases(int games, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Case> cases;
  for (int g = 0; g < games; ++g) {
    const bool chess960 = g % 2 == 1;
    std::string fen(START_FEN);
    if (chess960) {
      const std::string rank = random_back_rank(rng);
      fen = rank + "/pppppppp/8/8/8/8/PPPPPPPP/" + upper(rank) + " w KQkq - 0 1";  // X-FEN rights
    }
    Position pos;
    std::string error;
    REQUIRE(pos.set_fen(fen, chess960, &error));
    const int plies = 10 + int(rng() % 90);
    for (int ply = 0; ply < plies; ++ply) {
      MoveList moves;
      generate<LEGAL>(pos, moves);
      if (moves.empty() || pos.rule50() >= 100) break;
      // Prefer captures, castling and promotions now and then: they are what breaks.
      Move m = moves[int(rng() % moves.size())];
      for (Move candidate : moves)
        if (candidate.kind() != NORMAL && rng() % 2 == 0) m = candidate;
      pos.make_move(m);
      if (ply % 9 == 8) cases.push_back({pos.fen(), chess960, {}});
    }
  }
  return cases;
}

}  // namespace

TEST_CASE("Perft divide equals Stockfish 15.1 on random positions", "[perft][stockfish]") {
  const std::string stockfish = stockfish_path();
  if (stockfish.empty()) {
    const char* required = std::getenv("CORVID_REQUIRE_STOCKFISH");
    if (required && std::string(required) == "1") FAIL("Debian's stockfish is not installed");
    WARN("skipped: Debian's stockfish (15.1) is not installed");
    return;
  }
  std::vector<Case> cases = random_cases(40, 20261122);
  REQUIRE(cases.size() > 100);

  const std::string script = std::filesystem::temp_directory_path() / "corvid_sf_perft_in.txt";
  const std::string output = std::filesystem::temp_directory_path() / "corvid_sf_perft_out.txt";
  {
    std::ofstream in(script);
    for (Case& c : cases) {
      Position pos;
      std::string error;
      REQUIRE(pos.set_fen(c.fen, c.chess960, &error));
      for (const auto& [move, count] : perft_divide(pos, 3)) c.corvid[move_to_uci(move, c.chess960)] = count;
      in << "setoption name UCI_Chess960 value " << (c.chess960 ? "true" : "false") << "\n"
         << "position fen " << c.fen << "\ngo perft 3\n";
    }
    in << "quit\n";
  }
  REQUIRE(std::system((stockfish + " < " + script + " > " + output + " 2>/dev/null").c_str()) == 0);

  // Stockfish prints "<move>: <count>" lines, then "Nodes searched: N", per position.
  std::ifstream out(output);
  std::map<std::string, uint64_t> divide;
  size_t next = 0;
  for (std::string line; std::getline(out, line);) {
    if (line.rfind("Nodes searched:", 0) == 0) {
      REQUIRE(next < cases.size());
      INFO((cases[next].chess960 ? "Chess960 " : "") << cases[next].fen);
      CHECK(cases[next].corvid == divide);
      divide.clear();
      ++next;
    } else if (const size_t colon = line.find(": "); colon != std::string::npos && colon <= 5) {
      divide[line.substr(0, colon)] = std::stoull(line.substr(colon + 2));
    }
  }
  CHECK(next == cases.size());
  std::filesystem::remove(script);
  std::filesystem::remove(output);
}
