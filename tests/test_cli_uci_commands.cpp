// Command-line arguments that are not subcommands run as UCI commands (OpenBench's and
// Stockfish's convention), and OpenBench's `genfens`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "chess/movegen.h"
#include "chess/position.h"
#include "process_support.h"
#include "test_files.h"
#include "uci_session.h"

using corvid::test::lines_of;
using corvid::test::run_corvid;
using corvid::test::shell_quote;

namespace {

// The FENs of `info string genfens <FEN>` lines, in order; other lines are collected apart.
std::vector<std::string> genfens_lines(const std::string& output, std::vector<std::string>* others = nullptr) {
  std::vector<std::string> fens;
  const std::string prefix = "info string genfens ";
  for (const std::string& line : lines_of(output)) {
    if (line.rfind(prefix, 0) == 0) fens.push_back(line.substr(prefix.size()));
    else if (others) others->push_back(line);
  }
  return fens;
}

}  // namespace

TEST_CASE("cli: arguments that are not subcommands run as UCI commands, in order", "[cli][uci]") {
  // stdin is left open (a terminal would be): the commands alone decide, nothing is read.
  // The engine's output to its end, and how it exited (none: still running after 30 s).
  struct Run {
    std::vector<std::string> lines;
    std::optional<int> status;
    std::string transcript;
  };
  const auto run_with_open_input = [](const std::vector<std::string>& args) {
    corvid::test::UciSession engine(CORVID_BINARY, args);
    engine.wait_for([](const std::string&) { return false; }, std::chrono::seconds(30));
    const std::optional<int> status = engine.wait_exit(std::chrono::seconds(5));
    return Run{engine.lines(), status, engine.transcript()};
  };
  const Run perft = run_with_open_input({"position startpos moves e2e4", "go perft 3", "quit"});
  INFO(perft.transcript);
  CHECK(perft.status == 0);
  CHECK(std::find(perft.lines.begin(), perft.lines.end(), "Nodes searched: 13160") != perft.lines.end());  // after 1. e4

  // Without quit the engine ends after the last command, once its search is done.
  const Run search = run_with_open_input({"isready", "go depth 3"});
  INFO(search.transcript);
  CHECK(search.status == 0);
  REQUIRE(!search.lines.empty());
  CHECK(search.lines.front() == "readyok");
  CHECK(search.lines.back().rfind("bestmove ", 0) == 0);

  // Subcommands keep working, and a bad command is said as UCI would.
  CHECK(run_corvid("perft 2").output.find("Nodes searched: 400") != std::string::npos);
  const auto r = run_corvid("frobnicate quit");
  CHECK(r.status == 0);
  CHECK(r.output.find("info string unknown command 'frobnicate'") != std::string::npos);
}

TEST_CASE("cli: speedtest searches the bench positions for a share of the time asked", "[cli][uci]") {
  // 2 s over the 47 bench positions: 42 ms each, one thread, 16 MB.
  const auto start = std::chrono::steady_clock::now();
  const auto r = run_corvid("'speedtest 1 16 2' quit");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(r.status == 0);
  CHECK(r.output.find("Positions       : 47\n") != std::string::npos);
  CHECK(r.output.find("Time per move   : 42 ms\n") != std::string::npos);
  CHECK(r.output.find("Threads         : 1\n") != std::string::npos);
  const auto lines = lines_of(r.output);
  REQUIRE(!lines.empty());
  INFO(r.output);
  uint64_t nodes = 0, nps = 0;
  CHECK(std::sscanf(lines.back().c_str(), "%lu nodes %lu nps", &nodes, &nps) == 2);  // the last line, as bench
  CHECK(nodes > 0);
  // The time is spent (mates and positions searched to the end answer sooner): well over
  // what depth-limited searches of the 47 positions would take, within the 2 s asked.
  CHECK(seconds >= 0.5);
  CHECK(seconds < 10 * corvid::test::SANITIZER_SLOWDOWN);  // a ThreadSanitizer run took 18.6 s
  // Bad arguments are said, and nothing runs.
  const auto bad = run_corvid("'speedtest 0' quit");
  CHECK(bad.output.find("info string speedtest: usage") != std::string::npos);
  CHECK(bad.output.find("nodes") == std::string::npos);
}

TEST_CASE("cli: genfens prints N legal undecided FENs, fixed by the seed", "[cli][genfens]") {
  corvid::chess::init();
  const auto run = [](const std::string& args) {
    return run_corvid(shell_quote("genfens " + args) + " quit").output;
  };
  std::vector<std::string> others;
  const std::vector<std::string> first = genfens_lines(run("100 seed 1 book None"), &others);
  CHECK(others.empty());
  REQUIRE(first.size() == 100);
  std::set<std::string> distinct;
  for (const std::string& fen : first) {
    corvid::Position pos;
    std::string error;
    INFO(fen);
    REQUIRE(pos.set_fen(fen, false, &error));
    CHECK(pos.fen() == fen);
    corvid::MoveList moves;
    corvid::generate<corvid::LEGAL>(pos, moves);
    CHECK(!moves.empty());
    CHECK(fen != corvid::START_FEN);
    distinct.insert(fen);
  }
  CHECK(distinct.size() >= 95);  // varied, not one opening over and over

  CHECK(genfens_lines(run("100 seed 1 book None")) == first);
  const std::vector<std::string> other_seed = genfens_lines(run("100 seed 2 book None"));
  REQUIRE(other_seed.size() == 100);
  CHECK(other_seed != first);
  // Extra arguments after the book (OpenBench may add some) are allowed.
  CHECK(genfens_lines(run("3 seed 7 book None extra words")).size() == 3);
}

TEST_CASE("cli: genfens starts from the lines of a book file", "[cli][genfens]") {
  corvid::chess::init();
  corvid::test::TempDir dir;
  const std::string book = dir / "book.epd";
  // Two openings as EPD (four fields and an operation); a bad line is skipped.
  std::ofstream(book) << "rnbqkbnr/pppppppp/8/8/3P4/8/PPP1PPPP/RNBQKBNR b KQkq - id \"d4\";\n"
                         "not a position\n"
                         "rnbqkbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2\n";
  const auto out = run_corvid(shell_quote("genfens 20 seed 3 book " + book) + " quit").output;
  const std::vector<std::string> fens = genfens_lines(out);
  REQUIRE(fens.size() == 20);
  for (const std::string& fen : fens) {
    corvid::Position pos;
    std::string error;
    INFO(fen);
    CHECK(pos.set_fen(fen, false, &error));
    // Two or three plies after a book line: Black's move counter is small.
    CHECK((fen.find(" 2") != std::string::npos || fen.find(" 3") != std::string::npos));
  }

  // A missing book and a bad request are said, and nothing else is printed.
  std::vector<std::string> others;
  CHECK(genfens_lines(run_corvid(shell_quote("genfens 5 seed 1 book /nonexistent.epd") + " quit").output, &others).empty());
  REQUIRE(others.size() == 1);
  CHECK(others[0].find("cannot open book '/nonexistent.epd'") != std::string::npos);
  others.clear();
  CHECK(genfens_lines(run_corvid(shell_quote("genfens ten seed 1 book None") + " quit").output, &others).empty());
  REQUIRE(others.size() == 1);
  CHECK(others[0].find("usage") != std::string::npos);
}
