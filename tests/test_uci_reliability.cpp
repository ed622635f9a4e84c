// Hostile and unusual input that once hung or misled the engine (issue 16): end of
// input during long searches, unknown lines during `go infinite`/`go ponder`, perft and
// bench that must answer `isready` and end on `stop`/`quit`, and paths that are not
// regular files (FIFOs, directories, devices, symlink loops, huge sparse files) given
// to EvalFile, Debug Log File, the net tools and `eval --net`; `go` limits at 0, negative
// and past 2^63, Hash beyond the machine's memory, a net file rewritten while it loads.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "chess/movegen.h"
#include "chess/notation.h"
#include "chess/position.h"
#include "net_test_support.h"
#include "process_support.h"
#include "test_files.h"
#include "uci_session.h"

namespace {

using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;
using corvid::test::UciSession;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr int SLOWDOWN = 6;
#else
constexpr int SLOWDOWN = 1;
#endif
const ms REPLY = ms(5000 * SLOWDOWN);
// An answer while something runs in the background (perft 7 and bench 64 take far longer).
// Sessions first wait for a readyok, so the net loading at start-up is not counted.
const ms PROMPT = ms(2000 * SLOWDOWN);
const ms EXIT = ms(3000 * SLOWDOWN);

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

int count_prefixed(const std::vector<std::string>& lines, const std::string& prefix) {
  int n = 0;
  for (const std::string& line : lines) n += starts_with(line, prefix);
  return n;
}

bool has_info_mentioning(const std::vector<std::string>& lines, const std::string& word) {
  for (const std::string& line : lines)
    if (starts_with(line, "info string") && line.find(word) != std::string::npos) return true;
  return false;
}

// Sends isready and waits for readyok; fails with the transcript when it does not come.
void expect_ready(UciSession& e, ms within = REPLY) {
  e.send("isready");
  const auto answer = e.wait_for("readyok", within);
  INFO(e.transcript());
  REQUIRE(answer);
}

// The lines a command produces before the readyok that follows it.
std::vector<std::string> answer_to(UciSession& e, const std::string& command) {
  const size_t from = e.mark();
  e.send(command);
  expect_ready(e);
  std::vector<std::string> lines = e.lines_since(from);
  lines.pop_back();  // readyok
  return lines;
}

void expect_exit(UciSession& e, ms within = EXIT) {
  const auto status = e.wait_exit(within);
  INFO(e.transcript());
  REQUIRE(status);
  CHECK(*status == 0);
}

}  // namespace

// ---- Item 4: end of input ------------------------------------------------------------------

TEST_CASE("uci: end of input stops any long search, prints its bestmove, and quits", "[uci][reliability]") {
  const char* go = GENERATE("go depth 40", "go mate 3", "go wtime 100000000 btime 100000000",
                            "go movetime 9223372036854775807", "go nodes 9223372036854775807", "go infinite",
                            "go ponder", "go depth 40 searchmoves e2e4 d2d4");
  INFO(go);
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  e.send("setoption name Ponder value true");
  e.send("position startpos moves e2e4 e7e5");
  e.send(go);
  std::this_thread::sleep_for(300ms);
  e.close_input();
  const auto best = e.wait_for("bestmove", PROMPT + ms(1000));
  INFO(e.transcript());
  CHECK(best);
  expect_exit(e);
}

TEST_CASE("uci: end of input lets a perft asked for by name finish", "[uci][reliability]") {
  const auto r = corvid::test::run_corvid("", "position startpos\nperft 4\n");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find("Nodes searched: 197281") != std::string::npos);
}

// ---- Item 5: unknown lines during go infinite / go ponder ---------------------------------

TEST_CASE("uci: unknown lines during go infinite and go ponder are reported and change nothing",
          "[uci][reliability]") {
  const bool ponder = GENERATE(false, true);
  INFO((ponder ? "go ponder" : "go infinite"));
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  e.send("setoption name Ponder value true");
  e.send("position startpos moves e2e4 e7e5 g1f3");
  expect_ready(e);
  const size_t start = e.mark();
  e.send(ponder ? "go ponder" : "go infinite");
  std::this_thread::sleep_for(200ms);
  const size_t before_unknown = e.mark();
  for (const char* line : {"foo", "xyzzy 1 2 3", "\x01\x7f garbage", "debug on", "debug off", "register later",
                           "register name Corvid code 1234"})
    e.send(line);
  expect_ready(e, PROMPT);
  e.read_for(500ms);
  const std::vector<std::string> during = e.lines_since(before_unknown);
  INFO(e.transcript());
  CHECK(count_prefixed(e.lines_since(start), "bestmove") == 0);  // still searching
  CHECK(has_info_mentioning(during, "foo"));
  CHECK(has_info_mentioning(during, "xyzzy"));
  CHECK_FALSE(has_info_mentioning(during, "debug"));     // UCI's own commands are accepted
  CHECK_FALSE(has_info_mentioning(during, "register"));
  e.send(ponder ? "ponderhit" : "stop");
  if (ponder) e.send("stop");
  CHECK(e.wait_for("bestmove", PROMPT + ms(1000)));
  e.read_for(300ms);
  CHECK(count_prefixed(e.lines_since(start), "bestmove") == 1);
  e.send("quit");
  expect_exit(e);
}

TEST_CASE("uci: debug with another argument is reported", "[uci][reliability]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  CHECK(has_info_mentioning(answer_to(e, "debug sideways"), "debug"));
  CHECK(answer_to(e, "debug on").empty());
  CHECK(answer_to(e, "register later").empty());
}

// ---- Item 6: perft and bench off the UCI thread ------------------------------------------

TEST_CASE("uci: a long perft answers isready, ends on stop without a count, and on quit", "[uci][reliability]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  e.send("position startpos");
  const size_t start = e.mark();
  e.send("perft 7");
  std::this_thread::sleep_for(200ms);
  const auto asked = Clock::now();
  expect_ready(e, PROMPT);
  CHECK(Clock::now() - asked < PROMPT);

  e.send("stop");
  const auto stopped = e.wait_for([](const std::string& l) { return l.find("perft 7") != std::string::npos; }, PROMPT);
  INFO(e.transcript());
  CHECK(stopped);
  expect_ready(e);
  CHECK(count_prefixed(e.lines_since(start), "Nodes searched") == 0);  // no partial count passed off as one

  // Still counts correctly afterwards.
  e.send("perft 3");
  const auto nodes = e.wait_for("Nodes searched", REPLY);
  REQUIRE(nodes);
  CHECK(*nodes == "Nodes searched: 8902");

  e.send("perft 7");
  std::this_thread::sleep_for(200ms);
  e.send("quit");
  expect_exit(e);
}

TEST_CASE("uci: a long bench answers isready and ends on stop and on quit", "[uci][reliability][bench]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  const size_t start = e.mark();
  e.send("bench 64");
  std::this_thread::sleep_for(300ms);
  const auto asked = Clock::now();
  expect_ready(e, PROMPT);
  CHECK(Clock::now() - asked < PROMPT);
  e.send("stop");
  const auto stopped = e.wait_for([](const std::string& l) { return l.find("bench") != std::string::npos; }, PROMPT);
  INFO(e.transcript());
  CHECK(stopped);
  CHECK(count_prefixed(e.lines_since(start), "Positions") == 0);

  // A search right after it works, then quit ends a bench at once.
  e.send("position startpos");
  e.send("go depth 2");
  CHECK(e.wait_for("bestmove", REPLY));
  e.send("bench 64");
  std::this_thread::sleep_for(300ms);
  e.send("quit");
  expect_exit(e);
}

// ---- Item 3 (and Deliver 4): paths that are not regular files ------------------------------

namespace {

struct HostilePaths {
  corvid::test::TempDir dir;
  std::string fifo = dir / "pipe.nnue";
  std::string directory = dir / "d.nnue";
  std::string loop = dir / "loop.nnue";
  std::string sparse = dir / "sparse.nnue";

  HostilePaths() {
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::filesystem::create_directory(directory);
    std::filesystem::create_symlink(loop, loop);  // a link to itself: ELOOP
    // 10 GB that take no disk space.
    { std::ofstream(sparse, std::ios::binary); }
    std::filesystem::resize_file(sparse, uint64_t(10) << 30);
  }
  std::vector<std::string> all() const { return {fifo, directory, loop, sparse, "/dev/zero", "/dev/null"}; }
};

}  // namespace

TEST_CASE("uci: EvalFile on a FIFO, directory, device, symlink loop or 10 GB file is refused at once",
          "[uci][reliability][eval]") {
  HostilePaths paths;
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  for (const std::string& path : paths.all()) {
    INFO(path);
    const auto asked = Clock::now();
    const auto lines = answer_to(e, "setoption name EvalFile value " + path);
    INFO(e.transcript());
    CHECK(has_info_mentioning(lines, "EvalFile"));
    CHECK(has_info_mentioning(lines, "still using"));
    CHECK(Clock::now() - asked < PROMPT);
  }
  const auto fifo_lines = answer_to(e, "setoption name EvalFile value " + paths.fifo);
  CHECK(has_info_mentioning(fifo_lines, "FIFO"));
  e.send("position startpos");
  e.send("go depth 3");
  CHECK(e.wait_for("bestmove", REPLY));
  e.send("quit");
  expect_exit(e);
}

TEST_CASE("uci: Debug Log File on a FIFO or directory is refused at once, a regular file logs",
          "[uci][reliability]") {
  HostilePaths paths;
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  for (const std::string& path : {paths.fifo, paths.directory, paths.loop}) {
    INFO(path);
    const auto lines = answer_to(e, "setoption name Debug Log File value " + path);
    INFO(e.transcript());
    CHECK(has_info_mentioning(lines, "Debug Log File"));
  }
  const std::string log = paths.dir / "session.log";
  CHECK(answer_to(e, "setoption name Debug Log File value " + log).empty());
  expect_ready(e);
  e.send("quit");
  expect_exit(e);
  std::ifstream in(log);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK(text.find("<< isready") != std::string::npos);
  CHECK(text.find(">> readyok") != std::string::npos);
}

TEST_CASE("net tools and eval --net refuse what is not a regular file, without hanging or aborting",
          "[tools][reliability]") {
  HostilePaths paths;
  const std::string out = paths.dir / "out.nnue";
  for (const std::string& path : paths.all()) {
    for (const std::string& args : {"net verify " + path, "net inspect " + path, "net convert " + path + " " + out,
                                    "net diff " + path + " " + path, "eval --net " + path}) {
      INFO(args);
      // `timeout` turns a hang into status 124; an abort would be 134.
      const auto r = corvid::test::run_shell("timeout 20 " + corvid::test::shell_quote(CORVID_BINARY) + " " + args +
                                             " < /dev/null 2>&1");
      INFO(r.output);
      CHECK((r.status == 1 || r.status == 2));  // refused (diff says 2 for an unreadable file)
      CHECK(r.output.find(path) != std::string::npos);
    }
  }
  const auto verify = corvid::test::run_corvid("net verify " + paths.directory, "", corvid::test::Stderr::Drop);
  INFO(verify.output);
  CHECK(starts_with(verify.output, "FAIL "));  // on stdout
  CHECK(verify.output.find("directory") != std::string::npos);
}

// ---- Item 7: smaller ones ------------------------------------------------------------------

TEST_CASE("uci: d after 1200 shuffling plies prints a FEN the engine reads back", "[uci][reliability]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  std::string moves = "position startpos moves";
  for (int i = 0; i < 300; ++i) moves += " g1f3 g8f6 f3g1 f6g8";
  CHECK(answer_to(e, moves).empty());
  const auto fen_of = [&](const std::vector<std::string>& lines) {
    for (const std::string& line : lines)
      if (starts_with(line, "Fen: ")) return line.substr(5);
    return std::string();
  };
  const std::string fen = fen_of(answer_to(e, "d"));
  INFO(e.transcript());
  REQUIRE(!fen.empty());
  CHECK(answer_to(e, "position fen " + fen).empty());  // no complaint
  CHECK(fen_of(answer_to(e, "d")) == fen);
}

TEST_CASE("uci: messages never echo control or non-ASCII bytes, nor unbounded input", "[uci][reliability]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  std::string long_fen = "position fen ";
  for (int i = 0; i < 5000; ++i) long_fen += "rnbqk";
  const std::vector<std::string> inputs = {"go depth 2 \x01\xff\xfe\x1b[31m zz\x7f", "position fen \x1b[2J\xc3\x28 w - - 0 1",
                                           "position startpos moves e2e4 \x9b\x07", long_fen, "go wtime " + long_fen};
  for (const std::string& input : inputs) {
    const auto lines = answer_to(e, input);
    e.send("stop");
    for (const std::string& line : e.read_for(200ms)) CHECK(line.size() < 600);
    for (const std::string& line : lines) {
      INFO(line);
      CHECK(line.size() < 600);
      for (char c : line) CHECK((c >= 32 && c < 127));
    }
  }
}

TEST_CASE("uci: go depth 1 followed by a NUL keeps its depth limit", "[uci][reliability]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  e.send("position startpos");
  const size_t from = e.mark();
  e.send(std::string("go depth 1") + '\0');
  const auto best = e.wait_for("bestmove", REPLY);  // an unlimited search would not answer
  INFO(e.transcript());
  CHECK(best);
  for (const std::string& line : e.lines_since(from))
    if (starts_with(line, "info depth ")) CHECK(starts_with(line, "info depth 1 "));
}

// ---- Deliver 2: a storm of commands with several threads (run it under TSan too) -----------

TEST_CASE("uci: a storm of go/stop/ponderhit/isready/setoption Threads/ucinewgame gives one bestmove per go",
          "[uci][reliability][threads]") {
  const int threads = GENERATE(2, 3, 4);
  INFO("Threads " << threads);
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  e.send("setoption name Threads value " + std::to_string(threads));
  e.send("position startpos moves e2e4 e7e5");
  expect_ready(e);
  std::mt19937 rng(uint32_t(1000 + threads));
  const std::vector<std::string> commands = {
      "go infinite", "go ponder", "go depth 4", "go movetime 20", "go nodes 5000", "stop", "stop", "ponderhit",
      "isready", "ucinewgame", "position startpos moves d2d4", "position startpos moves e2e4 e7e5",
      "setoption name Threads value 1", "setoption name Threads value " + std::to_string(threads), "perft 3"};
  const size_t start = e.mark();
  int gos = 0, readies = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string& c = commands[rng() % commands.size()];
    gos += starts_with(c, "go ");
    readies += c == "isready";
    e.send(c);
    if (rng() % 8 == 0) std::this_thread::sleep_for(ms(rng() % 15));
  }
  // The storm's own isready lines are answered on the way, so wait for the answer to this
  // last one (every command before it has then been handled), then for the bestmove of a
  // search that `stop` ended just before it; a sanitizer build takes a while for both.
  e.send("stop");
  e.send("isready");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  auto count_since_start = [&](const char* prefix) { return count_prefixed(e.lines_since(start), prefix); };
  while (count_since_start("readyok") < readies + 1 && std::chrono::steady_clock::now() < deadline) e.read_for(100ms);
  while (count_since_start("bestmove") < gos && std::chrono::steady_clock::now() < deadline) e.read_for(100ms);
  e.read_for(300ms);  // nothing more may come: an extra bestmove would show here
  const std::vector<std::string> lines = e.lines_since(start);
  INFO(e.transcript(200));
  CHECK(count_prefixed(lines, "bestmove") == gos);
  CHECK(count_prefixed(lines, "readyok") == readies + 1);
  for (const std::string& line : lines)
    if (starts_with(line, "bestmove")) CHECK((line.size() >= 13 && line[8] == ' '));
  e.send("quit");
  expect_exit(e);
}

// ---- Deliver 4: hostile limits, sizes and files ----------------------------------------------

TEST_CASE("uci: go with any limit at 0, negative, 2^63 or beyond still answers one legal bestmove",
          "[uci][reliability]") {
  corvid::chess::init();
  corvid::Position start;
  std::string error;
  REQUIRE(start.set_fen(corvid::START_FEN, false, &error));
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  e.send("position startpos");
  for (const char* limit : {"wtime", "btime", "winc", "binc", "movestogo", "depth", "nodes", "mate", "movetime"}) {
    for (const char* value : {"0", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
                              "18446744073709551616", "1e999"}) {
      INFO("go " << limit << " " << value);
      const size_t from = e.mark();
      e.send(std::string("go ") + limit + " " + value);
      e.send("stop");  // a limit that would not end the search by itself
      const auto best = e.wait_for("bestmove", REPLY);
      INFO(e.transcript());
      REQUIRE(best);
      expect_ready(e);
      CHECK(count_prefixed(e.lines_since(from), "bestmove") == 1);
      const std::string move = best->substr(9, best->find(' ', 9) - 9);
      corvid::MoveList legal;
      corvid::generate<corvid::LEGAL>(start, legal);
      bool found = false;
      for (corvid::Move m : legal) found = found || corvid::move_to_uci(m, false) == move;
      CHECK(found);
    }
  }
  e.send("quit");
  expect_exit(e);
}

TEST_CASE("uci: Hash beyond the machine's memory is refused and the old table kept", "[uci][reliability]") {
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  const auto asked = Clock::now();
  const auto lines = answer_to(e, "setoption name Hash value 65536");  // 64 GiB, the option's maximum
  if (sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGE_SIZE) < (int64_t(64) << 30)) {
    INFO(e.transcript());
    CHECK(has_info_mentioning(lines, "could not allocate 65536 MB for Hash"));
  }
  CHECK(Clock::now() - asked < PROMPT);
  e.send("position startpos");
  e.send("go depth 5");
  CHECK(e.wait_for("bestmove", REPLY));
  e.send("quit");
  expect_exit(e);
}

TEST_CASE("uci: an EvalFile that is being rewritten while it loads is used or refused, never a crash",
          "[uci][reliability][eval]") {
  const std::string original = corvid::test::reference_net("nn-37f18f62d772.nnue");
  if (original.empty()) return;
  corvid::test::TempDir dir;
  const std::string path = dir / "changing.nnue";
  std::filesystem::copy_file(original, path);
  const uint64_t size = std::filesystem::file_size(path);
  // Another process (here a thread) truncates, extends and scribbles on the file meanwhile.
  std::atomic<bool> done{false};
  std::thread writer([&] {
    std::mt19937_64 rng(5);
    while (!done.load()) {
      if (rng() % 4 == 0) std::filesystem::resize_file(path, rng() % (size + 4096));
      std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
      for (int i = 0; i < 64 && f; ++i) {
        f.seekp(std::streamoff(rng() % size));
        f.put(char(rng()));
      }
    }
  });
  UciSession e(CORVID_BINARY);
  expect_ready(e);
  int refused = 0;
  for (int i = 0; i < 20; ++i) {
    const auto lines = answer_to(e, "setoption name EvalFile value " + path);
    INFO(e.transcript());
    CHECK((lines.empty() || has_info_mentioning(lines, "EvalFile")));  // taken silently, or refused saying why
    refused += !lines.empty();
  }
  done = true;
  writer.join();
  INFO("refused " << refused << " of 20 loads");
  e.send("position startpos");
  e.send("go depth 4");
  CHECK(e.wait_for("bestmove", REPLY));
  e.send("quit");
  expect_exit(e);
}
