#include "uci/uci_loop.h"

#include <cctype>
#include <charconv>
#include <iostream>
#include <sstream>

#include "nnue/embedded_net.h"
#include "uci/bench.h"
#include "uci/eval_trace.h"
#include "uci/go_command.h"
#include "uci/perft_report.h"
#include "uci/position_command.h"

namespace corvid {

namespace {

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Splits "word rest of line" into the first word and the trimmed rest.
std::pair<std::string_view, std::string_view> split_first(std::string_view s) {
  s = trim(s);
  const size_t space = s.find_first_of(" \t");
  if (space == std::string_view::npos) return {s, {}};
  return {s.substr(0, space), trim(s.substr(space + 1))};
}

bool parse_int(std::string_view text, int64_t& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Unknown input is echoed in messages; keep it printable and short.
std::string printable(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 80)) out += (c >= 32 && c < 127) ? c : '?';
  return s.size() > 80 ? out + "..." : out;
}

constexpr int MAX_PERFT_DEPTH = 15;
constexpr int MAX_HASH_MB = 65536;
constexpr int MAX_THREADS = 256;

}  // namespace

UciLoop::UciLoop(std::istream& in, std::ostream& out)
    : in_(in),
      out_(out),
      net_(nnue::load_embedded_network(nnue::NetSlot::Big)),
      small_net_(nnue::load_embedded_network(nnue::NetSlot::Small)),
      engine_([this](const std::string& line) { send(line); }) {
  engine_.set_networks(networks());
  // A tied input stream flushes the output before every read, from this thread and without
  // the output lock, while the search thread writes: that race repeated whole lines
  // (a second bestmove). Every send() flushes by itself, so nothing needs the tie.
  in_.tie(nullptr);
}

UciLoop::~UciLoop() { finish_search(); }

void UciLoop::run() {
  std::string line;
  while (std::getline(in_, line)) {
    if (!handle_line(line)) return;
  }
  engine_.finish_at_end_of_input();
  engine_.wait();
}

void UciLoop::send(const std::string& text) {
  std::lock_guard<std::mutex> lock(out_mutex_);
  out_ << text << std::endl;
  if (debug_log_.is_open()) debug_log_ << ">> " << text << std::endl;
}

void UciLoop::info_string(std::string_view text) { send("info string " + std::string(text)); }

void UciLoop::finish_search() {
  engine_.stop();
  engine_.wait();
}

bool UciLoop::handle_line(std::string_view line) {
  if (debug_log_.is_open()) {
    std::lock_guard<std::mutex> lock(out_mutex_);
    debug_log_ << "<< " << line << std::endl;
  }
  const auto [command, args] = split_first(line);
  if (command.empty()) return true;
  if (command == "quit") {
    finish_search();
    return false;
  }
  if (command == "isready") send("readyok");
  else if (command == "stop") engine_.stop();
  else if (command == "ponderhit") engine_.ponderhit();
  else if (command == "uci") cmd_uci();
  else if (command == "d") send(pos_.to_string());
  else if (command == "eval") cmd_eval();
  else {
    // Everything else changes what a search would use: a running one ends first.
    finish_search();
    if (command == "ucinewgame") engine_.clear();
    else if (command == "setoption") cmd_setoption(args);
    else if (command == "position") cmd_position(args);
    else if (command == "go") cmd_go(args);
    else if (command == "perft") cmd_perft(args);
    else if (command == "bench") cmd_bench(args);
    else info_string("unknown command '" + printable(command) + "'");
  }
  return true;
}

void UciLoop::cmd_uci() {
  auto default_name = [](nnue::NetSlot slot) {
    return nnue::embedded_net_name(slot).empty() ? std::string("<empty>") : std::string(nnue::embedded_net_name(slot));
  };
  send("id name Corvid " CORVID_VERSION "\n"
       "id author the Corvid developers\n"
       "option name Hash type spin default 16 min 1 max " + std::to_string(MAX_HASH_MB) + "\n"
       "option name Threads type spin default 1 min 1 max " + std::to_string(MAX_THREADS) + "\n"
       "option name MultiPV type spin default 1 min 1 max 256\n"
       "option name Ponder type check default false\n"
       "option name Move Overhead type spin default 10 min 0 max 5000\n"
       "option name UCI_Chess960 type check default false\n"
       "option name UCI_ShowWDL type check default false\n"
       "option name EvalFile type string default " + default_name(nnue::NetSlot::Big) + "\n"
       "option name EvalFileSmall type string default " + default_name(nnue::NetSlot::Small) + "\n"
       "option name Clear Hash type button\n"
       "option name Debug Log File type string default <empty>\n"
       "uciok");
}

bool UciLoop::set_spin(std::string_view name, std::string_view value, int min, int max, int& target) {
  int64_t v = 0;
  if (!parse_int(value, v)) {
    info_string("setoption: " + std::string(name) + " takes a whole number from " + std::to_string(min) + " to " +
                std::to_string(max) + ", found '" + printable(value) + "'; kept " + std::to_string(target));
    return false;
  }
  if (v < min || v > max) {
    const int64_t clamped = std::clamp<int64_t>(v, min, max);
    info_string("setoption: " + std::string(name) + " " + std::to_string(v) + " is out of range " + std::to_string(min) + ".." +
                std::to_string(max) + "; clamped to " + std::to_string(clamped));
    v = clamped;
  }
  target = int(v);
  return true;
}

bool UciLoop::set_check(std::string_view name, std::string_view value, bool& target) {
  const std::string v = lower(value);
  if (v != "true" && v != "false") {
    info_string("setoption: " + std::string(name) + " takes true or false, found '" + printable(value) + "'");
    return false;
  }
  target = v == "true";
  return true;
}

void UciLoop::cmd_setoption(std::string_view args) {
  // setoption name <name, may contain spaces> [value <value>]
  auto [word, rest] = split_first(args);
  if (word != "name") {
    info_string("setoption: expected 'setoption name <name> [value <value>]'");
    return;
  }
  std::string_view name = rest, value;
  if (const size_t at = rest.find(" value "); at != std::string_view::npos) {
    name = trim(rest.substr(0, at));
    value = trim(rest.substr(at + 7));
  } else if (rest.ends_with(" value")) {
    name = trim(rest.substr(0, rest.size() - 6));
  }
  const std::string key = lower(name);
  if (key == "hash") {
    if (set_spin(name, value, 1, MAX_HASH_MB, options_.hash_mb) && !engine_.set_hash(size_t(options_.hash_mb)))
      info_string("setoption: could not allocate " + std::to_string(options_.hash_mb) + " MB for Hash; kept the old table");
  } else if (key == "threads") {
    if (set_spin(name, value, 1, MAX_THREADS, options_.threads)) engine_.set_threads(options_.threads);
  } else if (key == "multipv") {
    set_spin(name, value, 1, 256, options_.multipv);
  } else if (key == "move overhead") {
    set_spin(name, value, 0, 5000, options_.move_overhead_ms);
  } else if (key == "ponder") {
    set_check(name, value, options_.ponder);
  } else if (key == "uci_showwdl") {
    set_check(name, value, options_.show_wdl);
  } else if (key == "uci_chess960") {
    if (set_check(name, value, options_.chess960)) {
      // Re-read the current position so castling is printed in the new convention.
      std::string ignored;
      pos_.set_fen(pos_.fen(), options_.chess960, &ignored);
    }
  } else if (key == "evalfile") {
    set_eval_file(value, nnue::NetSlot::Big);
  } else if (key == "evalfilesmall") {
    set_eval_file(value, nnue::NetSlot::Small);
  } else if (key == "clear hash") {
    engine_.clear();
  } else if (key == "debug log file") {
    set_debug_log_file(value);
  } else {
    info_string("setoption: unknown option '" + printable(name) + "'");
  }
}

void UciLoop::set_eval_file(std::string_view value, nnue::NetSlot slot) {
  const std::string path(value);
  const char* option = slot == nnue::NetSlot::Big ? "EvalFile" : "EvalFileSmall";
  nnue::LoadedNetwork& current = slot == nnue::NetSlot::Big ? net_ : small_net_;
  // The embedded net answers to its own name, so GUIs that echo the default work.
  nnue::LoadedNetwork loaded = (path.empty() || path == "<empty>" || path == nnue::embedded_net_name(slot))
                                   ? nnue::load_embedded_network(slot)
                                   : nnue::load_network_file(path);
  if (!loaded.network) {
    info_string(std::string(option) + ": " + loaded.error +
                (current.network ? "; still using " + current.name : std::string("; no net is loaded")));
    return;
  }
  current = std::move(loaded);
  engine_.set_networks(networks());
  std::string note;
  if (net_.network && small_net_.network && !networks().paired())
    note = "; the small net is used only beside a Full_Threats (Stockfish 18) big net";
  info_string(std::string(option) + ": using " + current.name + " (" + current.network->architecture().describe() + ")" +
              note);
}

void UciLoop::set_debug_log_file(std::string_view value) {
  std::lock_guard<std::mutex> lock(out_mutex_);
  debug_log_.close();
  if (value.empty() || value == "<empty>") return;
  debug_log_.open(std::string(value), std::ios::app);
  if (!debug_log_.is_open()) out_ << "info string Debug Log File: cannot open '" << printable(value) << "'" << std::endl;
}

void UciLoop::cmd_eval() {
  if (!net_.network) {
    info_string("eval: no net is loaded (" + net_.error + "); set one with setoption name EvalFile value <path>");
    return;
  }
  std::ostringstream trace;
  trace << eval_trace(networks(), pos_);
  send(trace.str());
}

void UciLoop::cmd_position(std::string_view args) {
  const PositionCommandResult result = apply_position_command(pos_, args, options_.chess960);
  if (!result.error.empty()) info_string(result.error);
}

void UciLoop::cmd_go(std::string_view args) {
  if (const auto [word, rest] = split_first(args); word == "perft") {
    cmd_perft(rest);
    return;
  }
  const GoCommand go = parse_go_command(args, pos_);
  for (const std::string& problem : go.problems) info_string(problem);
  if (!net_.network) info_string("no net is loaded (" + net_.error + "); searching on material only");
  search::SearchOptions options;
  options.multipv = options_.multipv;
  options.show_wdl = options_.show_wdl;
  options.chess960 = options_.chess960;
  options.move_overhead_ms = options_.move_overhead_ms;
  engine_.start(pos_, go.limits, options);
}

void UciLoop::cmd_perft(std::string_view args) {
  int64_t depth = 0;
  const auto [word, rest] = split_first(args);
  if (!parse_int(word, depth) || depth < 1 || depth > MAX_PERFT_DEPTH) {
    info_string("perft: expected a depth from 1 to " + std::to_string(MAX_PERFT_DEPTH) + ", found '" + printable(word) + "'");
    return;
  }
  std::ostringstream report;
  run_perft(pos_, int(depth), true, report);
  send(report.str());
}

void UciLoop::cmd_bench(std::string_view args) {
  BenchSettings settings;
  std::istringstream in{std::string(args)};
  int* fields[] = {&settings.depth, &settings.threads, &settings.hash_mb};
  const int limits[][2] = {{1, 64}, {1, MAX_THREADS}, {1, MAX_HASH_MB}};
  std::string word;
  for (int i = 0; i < 3 && in >> word; ++i) {
    int64_t v = 0;
    if (!parse_int(word, v) || v < limits[i][0] || v > limits[i][1]) {
      info_string("bench: usage 'bench [depth 1..64] [threads] [hash MB]', found '" + printable(word) + "'");
      return;
    }
    *fields[i] = int(v);
  }
  std::ostringstream report;
  run_bench(settings, networks(), report, std::cerr);
  send(report.str());
}

}  // namespace corvid
