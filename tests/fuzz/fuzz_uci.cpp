// Fuzz target `uci`: UciLoop::handle_line fed the lines of the input, as a GUI would send
// them. The lines reach the loop as they are, except where they would make one execution
// slow or touch files outside a scratch folder:
// - every search gets `nodes 300` appended (a later `nodes` wins), and is waited for before
//   the next line; `go infinite` / `go ponder` run until a `stop` or `ponderhit` line, or
//   are stopped before any other line;
// - perft depths are capped at 3, a valid `bench` becomes `bench 1 1 1`, a valid
//   `speedtest` is dropped, `genfens` asks for at most one position;
// - Hash is at most 4 MB, Threads at most 2;
// - EvalFile, EvalFileSmall, BookFile, SyzygyPath, Debug Log File and a genfens book are
//   pointed at one of a few prepared paths (a small valid net, a book, the test tablebases,
//   a missing file, a folder, a file of garbage), chosen by the value the input gave.
// Perft, bench and the like are waited for before the next line too, so that a run is
// repeatable. Every search must print exactly one bestmove.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>
#include <ostream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "chess/position.h"
#include "fuzz_support.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"
#include "tb/syzygy.h"
#include "uci/text.h"
#include "uci/uci_loop.h"
#include "util/logging.h"

using namespace corvid;

namespace {

// The loop's output: discarded, but lines starting with "bestmove" are counted (the loop
// writes from its search thread, the harness reads the count from its own).
class CountingBuf : public std::streambuf {
 public:
  uint64_t bestmoves() const { return bestmoves_.load(); }
  // Waits until at least n bestmove lines were written; false after the deadline.
  bool wait_for(uint64_t n, std::chrono::seconds deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    return seen_.wait_for(lock, deadline, [&] { return bestmoves_.load() >= n; });
  }

 protected:
  int overflow(int c) override {
    if (c != traits_type::eof()) put(char(c));
    return c == traits_type::eof() ? 0 : c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    for (std::streamsize i = 0; i < n; ++i) put(s[i]);
    return n;
  }

 private:
  void put(char c) {
    if (c == '\n') {
      if (line_ == "bestmove") {
        {
          std::lock_guard<std::mutex> lock(mutex_);
          bestmoves_.fetch_add(1);
        }
        seen_.notify_all();
      }
      line_.clear();
    } else if (line_.size() < 8) {
      line_ += c;
    }
  }

  std::string line_;  // the first bytes of the current line
  std::atomic<uint64_t> bestmoves_{0};
  std::mutex mutex_;
  std::condition_variable seen_;
};

struct Paths {
  std::string net, garbage_net, book, garbage_book, epd, text_file, missing, folder, syzygy, debug_log;
};

uint64_t hash_of(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ uint8_t(c)) * 1099511628211ull;
  return h;
}

Paths& paths() {
  static Paths p;
  return p;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

// A small HalfKAv2_hm net with small values, so that evaluations stay near zero (genfens
// keeps positions within +-400 cp at the first try) and loading it is quick.
std::vector<uint8_t> small_net() {
  using namespace nnue;
  const Architecture arch{HALF_KA_V2_HM, 128};
  NetworkData net = make_random_network(arch, 16);
  for (int16_t& v : net.ft.biases) v = int16_t(v % 64);
  for (int16_t& v : net.ft.weights) v = int16_t(v % 32);
  for (int32_t& v : net.ft.psqt_weights) v = v % 200;
  for (LayerStackData& stack : net.stacks)
    for (AffineLayerData* layer : {&stack.fc0, &stack.fc1, &stack.fc2}) {
      for (int32_t& v : layer->biases) v = v % 500;
      for (int8_t& v : layer->weights) v = int8_t(v % 16);
    }
  net.ft.weights_storage = {TensorEncoding::Leb128, 0};
  net.ft.psqt_storage = {TensorEncoding::Leb128, 0};
  return write_network(net);
}

void prepare_paths() {
  const std::string dir = fuzz::scratch_dir().string();
  Paths& p = paths();
  p.net = dir + "/small.nnue";
  p.garbage_net = dir + "/garbage.nnue";
  p.book = dir + "/book.bin";
  p.garbage_book = dir + "/garbage.bin";
  p.epd = dir + "/openings.epd";
  p.text_file = dir + "/notes.txt";
  p.missing = dir + "/missing/file";
  p.folder = dir;
  p.syzygy = std::string(CORVID_TEST_DATA_DIR) + "/syzygy";
  p.debug_log = dir + "/debug.log";
  const std::vector<uint8_t> net = small_net();
  write_file(p.net, std::string(net.begin(), net.end()));
  // A book with two entries for the start position (e2e4 weight 2, d2d4 weight 1), sorted.
  Position start;
  const uint64_t key = book::polyglot_key(start);
  std::string book;
  for (uint16_t move : {uint16_t(28 | (12 << 6)), uint16_t(27 | (11 << 6))}) {
    for (int i = 7; i >= 0; --i) book += char(key >> (8 * i));
    book += char(move >> 8);
    book += char(move);
    book += char(0);
    book += char(move == (28 | (12 << 6)) ? 2 : 1);
    book += std::string(4, '\0');
  }
  write_file(p.book, book);
  write_file(p.epd,
             "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - bm e5;\n"
             "not a fen\n"
             "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1\n");
  write_file(p.text_file, "not a net, not a book\n");
}

// One of the prepared paths for a value the input gave.
std::string pick(std::string_view value, std::initializer_list<const std::string*> choices) {
  const size_t i = hash_of(value) % choices.size();
  return *choices.begin()[i];
}

const std::string EMPTY, EMPTY_WORD = "<empty>";

// The rewritten line, or the line as it is. Sets `search` (a search that ends by itself),
// `unbounded` (one that waits for stop or ponderhit), `drop` (skip the line).
struct Rewrite {
  std::string line;
  std::string command;  // the first word, as handle_line will read it
  bool search = false, unbounded = false, infinite = false, drop = false;
};

std::vector<std::string> words(std::string_view s) {
  std::vector<std::string> out;
  std::istringstream in{std::string(s)};
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

bool int_in(const std::string& word, int64_t lo, int64_t hi, int64_t& v) {
  return parse_int(word, v) && v >= lo && v <= hi;
}

Rewrite rewrite(std::string_view raw) {
  Rewrite r;
  r.line = std::string(raw);
  // What handle_line sees: control bytes read as spaces.
  std::string cleaned(raw);
  for (char& c : cleaned)
    if ((static_cast<unsigned char>(c) < 32 && c != '\t') || c == 127) c = ' ';
  const auto [command, args] = split_first(cleaned);
  r.command = std::string(command);
  const std::vector<std::string> arg_words = words(args);
  int64_t v = 0;
  if (command == "go") {
    if (!arg_words.empty() && arg_words[0] == "perft") {
      if (arg_words.size() > 1 && int_in(arg_words[1], 4, 15, v)) r.line = "go perft 3";
      return r;
    }
    for (const std::string& w : arg_words) {
      if (w == "infinite" || w == "ponder") r.unbounded = true;
      if (w == "infinite") r.infinite = true;
    }
    r.search = true;
    r.line = cleaned + " nodes 300";
  } else if (command == "perft") {
    if (!arg_words.empty() && int_in(arg_words[0], 4, 15, v)) r.line = "perft 3";
  } else if (command == "bench") {
    const int64_t limits[][2] = {{1, 64}, {1, 256}, {1, 65536}};
    bool valid = true;
    for (size_t i = 0; i < 3 && i < arg_words.size(); ++i) valid = valid && int_in(arg_words[i], limits[i][0], limits[i][1], v);
    if (valid) r.line = "bench 1 1 1";
  } else if (command == "speedtest") {
    const int64_t limits[][2] = {{1, 256}, {1, 65536}, {1, 86400}};
    bool valid = true;
    for (size_t i = 0; i < 3 && i < arg_words.size(); ++i) valid = valid && int_in(arg_words[i], limits[i][0], limits[i][1], v);
    r.drop = valid;
  } else if (command == "genfens") {
    // genfens <N> seed <S> book <None|FILE> [extra]
    std::vector<std::string> w = arg_words;
    if (!w.empty() && int_in(w[0], 2, INT64_MAX, v)) w[0] = "1";
    if (w.size() > 4 && w[4] != "None" && w[4] != "none")
      w[4] = pick(w[4], {&paths().epd, &paths().missing, &paths().text_file, &paths().folder});
    r.line = "genfens";
    for (const std::string& x : w) r.line += " " + x;
  } else if (command == "setoption") {
    // The option's name and value, found as OptionTable::set_from_uci finds them.
    const std::optional<SetoptionArgs> split = split_setoption(args);
    if (!split) return r;
    const auto [name, value] = *split;
    const std::string option = lower(name);
    const Paths& p = paths();
    std::string next(value);
    if (option == "hash") {
      if (parse_int(value, v)) next = std::to_string(1 + (v < 0 ? -(v + 1) : v) % 4);
    } else if (option == "threads") {
      if (parse_int(value, v)) next = std::to_string(1 + (v < 0 ? -(v + 1) : v) % 2);
    } else if (option == "evalfile" || option == "evalfilesmall") {
      next = pick(value, {&p.net, &p.net, &p.garbage_net, &p.missing, &p.folder, &EMPTY, &EMPTY_WORD});
      if (next == p.garbage_net) write_file(p.garbage_net, std::string(value));
    } else if (option == "bookfile") {
      next = pick(value, {&p.book, &p.book, &p.garbage_book, &p.missing, &p.folder, &EMPTY});
      if (next == p.garbage_book) write_file(p.garbage_book, std::string(value));
    } else if (option == "debug log file") {
      next = pick(value, {&p.debug_log, &p.missing, &p.folder, &EMPTY});
    } else if (option == "syzygypath") {
      // Each ':'-separated folder becomes one of the prepared ones.
      next.clear();
      size_t start = 0;
      while (start <= value.size()) {
        size_t end = value.find(':', start);
        if (end == std::string_view::npos) end = value.size();
        const std::string_view folder = value.substr(start, end - start);
        if (start > 0) next += ':';
        next += pick(folder, {&p.syzygy, &p.missing, &p.folder, &p.text_file, &EMPTY, &EMPTY_WORD});
        start = end + 1;
      }
    } else {
      return r;
    }
    r.line = "setoption name " + std::string(name) + (value.empty() && next.empty() ? "" : " value " + next);
  }
  return r;
}

// Waits for tasks (perft, bench) and stops any search, without changing anything else:
// handle_line ends both before a setoption, and the option is unknown.
constexpr std::string_view BARRIER = "setoption name corvid-fuzz-barrier";

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  // bench writes its progress to std::cerr: discarded (sanitizer reports use stderr itself).
  struct Discard : std::streambuf {
    int overflow(int c) override { return c == traits_type::eof() ? 0 : c; }
  };
  static Discard discard;
  std::cerr.rdbuf(&discard);
  init_logging();
  chess::init();
  prepare_paths();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 8192) return 0;
  tb::load("");  // the tables are process-wide: start each input without any
  std::remove(paths().debug_log.c_str());
  CountingBuf buf;
  std::ostream out(&buf);
  std::istringstream in;
  uint64_t searches = 0;
  {
    UciLoop loop(in, out);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    bool unbounded_running = false, infinite = false;
    size_t start = 0;
    for (int lines = 0; start < text.size() && lines < 100; ++lines) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const Rewrite r = rewrite(text.substr(start, end - start));
      start = end + 1;
      if (r.drop) continue;
      const std::string& command = r.command;
      const bool ends_search = command == "stop" || command == "ponderhit" || command == "quit";
      if (unbounded_running && !ends_search) {
        loop.handle_line(BARRIER);
        unbounded_running = false;
      }
      searches += r.search;
      const bool more = loop.handle_line(r.line);
      if (!more) break;
      if (r.search && r.unbounded) {
        unbounded_running = true;
        infinite = r.infinite;
        continue;
      }
      // stop ends any search; ponderhit turns a ponder search into one that ends at its
      // node limit, but leaves an infinite one running.
      if (command == "stop" || (command == "ponderhit" && !infinite)) unbounded_running = false;
      if (!unbounded_running) {
        FUZZ_CHECK(buf.wait_for(searches, std::chrono::seconds(30)),
                   "no bestmove 30 s after '" + printable(r.line) + "'");
        loop.handle_line(BARRIER);
      }
    }
    loop.handle_line(BARRIER);
  }
  FUZZ_CHECK(buf.bestmoves() == searches,
             std::to_string(searches) + " searches gave " + std::to_string(buf.bestmoves()) + " bestmove lines");
  return 0;
}
