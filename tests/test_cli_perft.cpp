// The corvid binary from the outside: `corvid perft ...` and UCI over a pipe.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>

#include "process_support.h"
#include "test_chess_support.h"

using namespace corvid_test;

namespace {

constexpr const char* KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1";
constexpr const char* CHESS960_FEN = "rk5r/8/8/8/8/8/8/RK5R w HAha - 0 1";

using corvid::test::CommandResult;
using corvid::test::lines_of;
using corvid::test::shell_quote;

// Runs corvid with `args`; stdout only (stderr has timings and logs).
CommandResult corvid_stdout(const std::string& args) { return corvid::test::run_corvid(args); }

// Feeds `input` to corvid's UCI loop on stdin; returns its stdout.
CommandResult uci_session(const std::string& input) { return corvid::test::run_corvid("", input); }

// The `<move>: <count>` lines of a divide, in a map; fails on a malformed or repeated line.
std::map<std::string, uint64_t> divide_lines(const std::string& text) {
  static const std::regex pattern("([a-h][1-8][a-h][1-8][nbrq]?): ([0-9]+)");
  std::map<std::string, uint64_t> moves;
  for (const std::string& line : lines_of(text)) {
    std::smatch m;
    if (!std::regex_match(line, m, pattern)) continue;
    INFO(line);
    CHECK(moves.emplace(m[1], std::stoull(m[2])).second);
  }
  return moves;
}

bool has_line(const std::string& text, const std::string& wanted) {
  for (const std::string& line : lines_of(text))
    if (line == wanted) return true;
  return false;
}

// The FEN of the `d` command's "Fen: " line (the last one when there are several).
std::string fen_line(const std::string& text) {
  std::string fen;
  for (const std::string& line : lines_of(text))
    if (line.rfind("Fen: ", 0) == 0) fen = line.substr(5);
  return fen;
}

std::map<std::string, uint64_t> reference_divide(const std::string& fen) {
  for (const DivideEntry& e : load_divide("perft/divide.txt"))
    if (e.fen == fen) return {e.moves.begin(), e.moves.end()};
  FAIL("no divide.txt line for " << fen);
  return {};
}

}  // namespace

TEST_CASE("cli: corvid perft counts the start position", "[cli]") {
  const CommandResult r = corvid_stdout("perft 4");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(has_line(r.output, "Nodes searched: 197281"));
  CHECK(divide_lines(r.output).empty());  // no --divide, no per-move lines
}

TEST_CASE("cli: corvid perft --divide on Kiwipete", "[cli]") {
  const CommandResult r = corvid_stdout(std::string("perft 3 --divide --fen ") + shell_quote(KIWIPETE));
  INFO(r.output);
  CHECK(r.status == 0);
  const auto moves = divide_lines(r.output);
  CHECK(moves.size() == 48);
  CHECK(moves == reference_divide(KIWIPETE));
  CHECK(has_line(r.output, "Nodes searched: 97862"));
  // The per-move lines come before the total.
  const auto lines = lines_of(r.output);
  REQUIRE(!lines.empty());
  CHECK(lines.back() == "Nodes searched: 97862");
}

TEST_CASE("cli: corvid perft --chess960 prints castling as king takes rook", "[cli][chess960]") {
  const CommandResult r = corvid_stdout(std::string("perft 3 --chess960 --fen ") + shell_quote(CHESS960_FEN) + " --divide");
  INFO(r.output);
  CHECK(r.status == 0);
  const auto moves = divide_lines(r.output);
  CHECK(moves.count("b1a1") == 1);  // queen side: king b1 takes rook a1
  CHECK(moves.count("b1h1") == 1);  // king side: king b1 takes rook h1
  CHECK(moves.count("b1g1") == 0);
  CHECK(moves == reference_divide(CHESS960_FEN));
  uint64_t total = 0;
  for (const auto& [move, count] : moves) total += count;
  CHECK(has_line(r.output, "Nodes searched: " + std::to_string(total)));
}

TEST_CASE("cli: corvid perft refuses a bad FEN", "[cli]") {
  // stderr only: the message must be there, and nothing on stdout.
  const CommandResult err = corvid::test::run_shell(shell_quote(CORVID_BINARY) + " perft 2 --fen " + shell_quote("rnbqkbnr/pppppppp/8/8 w KQkq - 0 1") + " 2>&1 >/dev/null");
  INFO(err.output);
  CHECK(err.status != 0);
  CHECK(err.output.find("invalid FEN") != std::string::npos);
  CHECK(err.output.find("expected 8 ranks") != std::string::npos);
  const CommandResult out = corvid_stdout("perft 2 --fen " + shell_quote("rnbqkbnr/pppppppp/8/8 w KQkq - 0 1"));
  CHECK(out.output.find("Nodes searched") == std::string::npos);

  // A depth outside 1..15 is refused by the argument parser.
  CHECK(corvid::test::run_corvid("perft 0").status != 0);
  CHECK(corvid::test::run_corvid("perft").status != 0);
}

TEST_CASE("cli: UCI go perft after position startpos moves", "[cli][uci]") {
  // End of input, not quit: quit ends a running perft (issue 16), end of input lets it finish.
  const CommandResult r = uci_session("position startpos moves e2e4\ngo perft 2\n");
  INFO(r.output);
  CHECK(r.status == 0);
  const auto moves = divide_lines(r.output);
  CHECK(moves.size() == 20);  // Black's 20 replies to 1.e4
  CHECK(moves.count("e7e5") == 1);
  CHECK(moves.at("e7e5") == 29);  // White's moves after 1.e4 e5: 14 pawn, 5 knight, 5 bishop, 4 queen, 1 king
  uint64_t total = 0;
  for (const auto& [move, count] : moves) total += count;
  CHECK(total == 600);
  CHECK(has_line(r.output, "Nodes searched: 600"));
}

TEST_CASE("cli: UCI handshake and unknown commands", "[cli][uci]") {
  const CommandResult r = uci_session("uci\nisready\nxyzzy plugh\nisready\nquit\n");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(has_line(r.output, "uciok"));
  CHECK(r.output.find("id name Corvid") != std::string::npos);
  CHECK(r.output.find("option name UCI_Chess960 type check default false") != std::string::npos);
  const auto lines = lines_of(r.output);
  int readyok = 0, unknown = 0;
  for (const std::string& line : lines) {
    readyok += line == "readyok";
    unknown += line.rfind("info string", 0) == 0 && line.find("xyzzy") != std::string::npos;
  }
  CHECK(readyok == 2);
  CHECK(unknown == 1);
  // uciok comes before the first readyok.
  const auto uciok = std::find(lines.begin(), lines.end(), "uciok");
  const auto first_ready = std::find(lines.begin(), lines.end(), "readyok");
  CHECK(uciok < first_ready);
}

TEST_CASE("cli: UCI position with a bad FEN keeps the position", "[cli][uci]") {
  const CommandResult r = uci_session("position startpos moves e2e4\nposition fen rnbqkbnr/pppppppp/8/8 w KQkq - 0 1\nd\nquit\n");
  INFO(r.output);
  bool told = false;
  for (const std::string& line : lines_of(r.output))
    told |= line.rfind("info string", 0) == 0 && line.find("FEN") != std::string::npos;
  CHECK(told);
  CHECK(fen_line(r.output) == "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1");

  const CommandResult empty = uci_session("position startpos moves d2d4\nposition\nposition nonsense\nd\nquit\n");
  INFO(empty.output);
  int infos = 0;
  for (const std::string& line : lines_of(empty.output)) infos += line.rfind("info string", 0) == 0;
  CHECK(infos == 2);
  CHECK(fen_line(empty.output) == "rnbqkbnr/pppppppp/8/8/3P4/8/PPP1PPPP/RNBQKBNR b KQkq - 0 1");
}

TEST_CASE("cli: UCI position with an illegal move keeps the legal prefix", "[cli][uci]") {
  const CommandResult r = uci_session("position startpos moves e2e4 e7e5 e1e3 g1f3\nd\nquit\n");
  INFO(r.output);
  bool told = false;
  for (const std::string& line : lines_of(r.output))
    told |= line.rfind("info string", 0) == 0 && line.find("e1e3") != std::string::npos;
  CHECK(told);
  CHECK(fen_line(r.output) == "rnbqkbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2");

  const CommandResult garbage = uci_session("position fen " + std::string(KIWIPETE) + " moves e5f7 zz99 e8g8\nd\nquit\n");
  INFO(garbage.output);
  CHECK(garbage.output.find("info string") != std::string::npos);
  CHECK(fen_line(garbage.output) == "r3k2r/p1ppqNb1/bn2pnp1/3P4/1p2P3/2N2Q1p/PPPBBPPP/R3K2R b KQkq - 0 1");
}

TEST_CASE("cli: UCI_Chess960 switches castling notation", "[cli][uci][chess960]") {
  const std::string input = std::string("setoption name UCI_Chess960 value true\nposition fen ") + CHESS960_FEN +
                            "\ngo perft 1\nposition fen " + CHESS960_FEN + " moves b1h1\nd\nquit\n";
  const CommandResult r = uci_session(input);
  INFO(r.output);
  const auto moves = divide_lines(r.output);
  CHECK(moves.count("b1a1") == 1);
  CHECK(moves.count("b1h1") == 1);
  CHECK(moves.size() == reference_divide(CHESS960_FEN).size());
  CHECK(fen_line(r.output) == "rk5r/8/8/8/8/8/8/R4RK1 b ha - 1 1");

  const CommandResult bad_depth = uci_session("go perft 0\ngo perft x\nquit\n");
  INFO(bad_depth.output);
  int infos = 0;
  for (const std::string& line : lines_of(bad_depth.output)) infos += line.rfind("info string perft", 0) == 0;
  CHECK(infos == 2);
  CHECK(bad_depth.output.find("Nodes searched") == std::string::npos);
}
