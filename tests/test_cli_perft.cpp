// The corvid binary from the outside: `corvid perft ...` and UCI over a pipe.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>

#include "test_chess_support.h"

using namespace corvid_test;

namespace {

constexpr const char* KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1";
constexpr const char* CHESS960_FEN = "rk5r/8/8/8/8/8/8/RK5R w HAha - 0 1";

struct Result {
  std::string out;  // whatever the command wrote to the pipe
  int exit_code = -1;
};

std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Result shell(const std::string& command) {
  Result r;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  return r;
}

std::string corvid_command() { return quoted(CORVID_BINARY); }

// Runs corvid with `args`; stdout only (stderr has timings and logs).
Result corvid_stdout(const std::string& args) { return shell(corvid_command() + " " + args + " 2>/dev/null"); }

// Feeds `input` to corvid's UCI loop on stdin; returns its stdout.
Result uci_session(const std::string& input) {
  char path[] = "/tmp/corvid_cli_test_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path) << input;
  Result r = shell(corvid_command() + " < " + path + " 2>/dev/null");
  std::remove(path);
  return r;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

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
  const Result r = corvid_stdout("perft 4");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has_line(r.out, "Nodes searched: 197281"));
  CHECK(divide_lines(r.out).empty());  // no --divide, no per-move lines
}

TEST_CASE("cli: corvid perft --divide on Kiwipete", "[cli]") {
  const Result r = corvid_stdout(std::string("perft 3 --divide --fen ") + quoted(KIWIPETE));
  INFO(r.out);
  CHECK(r.exit_code == 0);
  const auto moves = divide_lines(r.out);
  CHECK(moves.size() == 48);
  CHECK(moves == reference_divide(KIWIPETE));
  CHECK(has_line(r.out, "Nodes searched: 97862"));
  // The per-move lines come before the total.
  const auto lines = lines_of(r.out);
  REQUIRE(!lines.empty());
  CHECK(lines.back() == "Nodes searched: 97862");
}

TEST_CASE("cli: corvid perft --chess960 prints castling as king takes rook", "[cli][chess960]") {
  const Result r = corvid_stdout(std::string("perft 3 --chess960 --fen ") + quoted(CHESS960_FEN) + " --divide");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  const auto moves = divide_lines(r.out);
  CHECK(moves.count("b1a1") == 1);  // queen side: king b1 takes rook a1
  CHECK(moves.count("b1h1") == 1);  // king side: king b1 takes rook h1
  CHECK(moves.count("b1g1") == 0);
  CHECK(moves == reference_divide(CHESS960_FEN));
  uint64_t total = 0;
  for (const auto& [move, count] : moves) total += count;
  CHECK(has_line(r.out, "Nodes searched: " + std::to_string(total)));
}

TEST_CASE("cli: corvid perft refuses a bad FEN", "[cli]") {
  // stderr only: the message must be there, and nothing on stdout.
  const Result err = shell(corvid_command() + " perft 2 --fen " + quoted("rnbqkbnr/pppppppp/8/8 w KQkq - 0 1") + " 2>&1 >/dev/null");
  INFO(err.out);
  CHECK(err.exit_code != 0);
  CHECK(err.out.find("invalid FEN") != std::string::npos);
  CHECK(err.out.find("expected 8 ranks") != std::string::npos);
  const Result out = corvid_stdout("perft 2 --fen " + quoted("rnbqkbnr/pppppppp/8/8 w KQkq - 0 1"));
  CHECK(out.out.find("Nodes searched") == std::string::npos);

  // A depth outside 1..15 is refused by the argument parser.
  CHECK(shell(corvid_command() + " perft 0 >/dev/null 2>&1").exit_code != 0);
  CHECK(shell(corvid_command() + " perft >/dev/null 2>&1").exit_code != 0);
}

TEST_CASE("cli: UCI go perft after position startpos moves", "[cli][uci]") {
  const Result r = uci_session("position startpos moves e2e4\ngo perft 2\nquit\n");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  const auto moves = divide_lines(r.out);
  CHECK(moves.size() == 20);  // Black's 20 replies to 1.e4
  CHECK(moves.count("e7e5") == 1);
  CHECK(moves.at("e7e5") == 29);  // White's moves after 1.e4 e5: 14 pawn, 5 knight, 5 bishop, 4 queen, 1 king
  uint64_t total = 0;
  for (const auto& [move, count] : moves) total += count;
  CHECK(total == 600);
  CHECK(has_line(r.out, "Nodes searched: 600"));
}

TEST_CASE("cli: UCI handshake and unknown commands", "[cli][uci]") {
  const Result r = uci_session("uci\nisready\nxyzzy plugh\nisready\nquit\n");
  INFO(r.out);
  CHECK(r.exit_code == 0);
  CHECK(has_line(r.out, "uciok"));
  CHECK(r.out.find("id name Corvid") != std::string::npos);
  CHECK(r.out.find("option name UCI_Chess960 type check default false") != std::string::npos);
  const auto lines = lines_of(r.out);
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
  const Result r = uci_session("position startpos moves e2e4\nposition fen rnbqkbnr/pppppppp/8/8 w KQkq - 0 1\nd\nquit\n");
  INFO(r.out);
  bool told = false;
  for (const std::string& line : lines_of(r.out))
    told |= line.rfind("info string", 0) == 0 && line.find("FEN") != std::string::npos;
  CHECK(told);
  CHECK(fen_line(r.out) == "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1");

  const Result empty = uci_session("position startpos moves d2d4\nposition\nposition nonsense\nd\nquit\n");
  INFO(empty.out);
  int infos = 0;
  for (const std::string& line : lines_of(empty.out)) infos += line.rfind("info string", 0) == 0;
  CHECK(infos == 2);
  CHECK(fen_line(empty.out) == "rnbqkbnr/pppppppp/8/8/3P4/8/PPP1PPPP/RNBQKBNR b KQkq - 0 1");
}

TEST_CASE("cli: UCI position with an illegal move keeps the legal prefix", "[cli][uci]") {
  const Result r = uci_session("position startpos moves e2e4 e7e5 e1e3 g1f3\nd\nquit\n");
  INFO(r.out);
  bool told = false;
  for (const std::string& line : lines_of(r.out))
    told |= line.rfind("info string", 0) == 0 && line.find("e1e3") != std::string::npos;
  CHECK(told);
  CHECK(fen_line(r.out) == "rnbqkbnr/pppp1ppp/8/4p3/4P3/8/PPPP1PPP/RNBQKBNR w KQkq - 0 2");

  const Result garbage = uci_session("position fen " + std::string(KIWIPETE) + " moves e5f7 zz99 e8g8\nd\nquit\n");
  INFO(garbage.out);
  CHECK(garbage.out.find("info string") != std::string::npos);
  CHECK(fen_line(garbage.out) == "r3k2r/p1ppqNb1/bn2pnp1/3P4/1p2P3/2N2Q1p/PPPBBPPP/R3K2R b KQkq - 0 1");
}

TEST_CASE("cli: UCI_Chess960 switches castling notation", "[cli][uci][chess960]") {
  const std::string input = std::string("setoption name UCI_Chess960 value true\nposition fen ") + CHESS960_FEN +
                            "\ngo perft 1\nposition fen " + CHESS960_FEN + " moves b1h1\nd\nquit\n";
  const Result r = uci_session(input);
  INFO(r.out);
  const auto moves = divide_lines(r.out);
  CHECK(moves.count("b1a1") == 1);
  CHECK(moves.count("b1h1") == 1);
  CHECK(moves.size() == reference_divide(CHESS960_FEN).size());
  CHECK(fen_line(r.out) == "rk5r/8/8/8/8/8/8/R4RK1 b ha - 1 1");

  const Result bad_depth = uci_session("go perft 0\ngo perft x\nquit\n");
  INFO(bad_depth.out);
  int infos = 0;
  for (const std::string& line : lines_of(bad_depth.out)) infos += line.rfind("info string perft", 0) == 0;
  CHECK(infos == 2);
  CHECK(bad_depth.out.find("Nodes searched") == std::string::npos);
}
