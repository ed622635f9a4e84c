#include "uci/uci_loop.h"

#include <cstdlib>
#include <unistd.h>
#include <iostream>
#include <sstream>

#include <spdlog/sinks/basic_file_sink.h>

#include "chess/notation.h"
#include "nnue/embedded_net.h"
#include "tb/syzygy.h"
#include "search/skill.h"
#include "search/tunables.h"
#include "uci/bench.h"
#include "uci/eval_trace.h"
#include "uci/genfens.h"
#include "uci/go_command.h"
#include "uci/info_format.h"
#include "uci/perft_report.h"
#include "uci/position_command.h"
#include "uci/text.h"
#include "util/paths.h"
#include "util/regular_file.h"

namespace corvid {

namespace {

constexpr int MAX_PERFT_DEPTH = 15;
constexpr int MAX_HASH_MB = 65536;
constexpr int MAX_THREADS = 256;
const std::optional<std::string> ACCEPTED;  // what an option's on-change returns when it took the value

}  // namespace

UciLoop::UciLoop(std::istream& in, std::ostream& out)
    : in_(in), out_(out) {
  // Reading the embedded nets (about 0.15 s for Stockfish 19's 98 MB: LEB128 decoding and
  // the weight layout the kernels want) runs beside the first commands, so that `uci`
  // is answered at once; every command but `uci` waits for it.
  net_loader_ = std::thread([this] {
    net_ = nnue::load_embedded_network(nnue::NetSlot::Big);
    small_net_ = nnue::load_embedded_network(nnue::NetSlot::Small);
  });
  declare_options();
  // A tied input stream flushes the output before every read, from this thread and without
  // the output lock, while the search thread writes: that race repeated whole lines
  // (a second bestmove). Every send() flushes by itself, so nothing needs the tie.
  in_.tie(nullptr);
}

UciLoop::~UciLoop() {
  wait_for_nets();
  finish_search();
}

void UciLoop::wait_for_nets() {
  if (!net_loader_.joinable()) return;
  net_loader_.join();
  engine_.set_networks(networks());
}

void UciLoop::run() {
  std::string line;
  while (std::getline(in_, line)) {
    if (!handle_line(line)) return;
  }
  finish_input(true);
}

void UciLoop::run_commands(const std::vector<std::string>& commands) {
  for (const std::string& command : commands) {
    if (task_.joinable()) task_.join();  // nobody can send stop: run them one after another
    if (!handle_line(command)) return;
  }
  finish_input(false);
}

void UciLoop::finish_input(bool stop_searches) {
  // From a pipe nobody will send `stop` any more: a search (however long its limits)
  // stops now and still prints its bestmove. A perft or bench, asked for by name
  // (`echo "perft 6" | corvid`), runs to its end.
  if (stop_searches) engine_.stop();
  else engine_.finish_at_end_of_input();
  engine_.wait();
  if (task_.joinable()) task_.join();
}

void UciLoop::send(const std::string& text) {
  std::lock_guard<std::mutex> lock(out_mutex_);
  out_ << text << std::endl;
  if (debug_log_) debug_log_->info(">> {}", text);
}

// Messages may quote input (a FEN, a go parameter): never raw control or non-ASCII bytes
// on stdout, and never an unbounded line.
void UciLoop::info_string(std::string_view text) {
  constexpr size_t MAX_MESSAGE = 400;
  std::string message = "info string ";
  for (char c : text.substr(0, MAX_MESSAGE)) message += (c >= 32 && c < 127) ? c : '?';
  if (text.size() > MAX_MESSAGE) message += "... (" + std::to_string(text.size()) + " bytes)";
  send(message);
}

void UciLoop::finish_search() {
  engine_.stop();
  task_stop_ = true;
  if (task_.joinable()) task_.join();
  engine_.wait();
}

void UciLoop::start_task(std::function<void(const std::atomic<bool>& stop)> work) {
  task_stop_ = false;
  task_ = std::thread([this, work = std::move(work)] { work(task_stop_); });
}

bool UciLoop::handle_line(std::string_view line) {
  if (debug_log_) {
    std::lock_guard<std::mutex> lock(out_mutex_);
    debug_log_->info("<< {}", line);
  }
  // Control bytes (a NUL in `go depth 1\0`) separate words like spaces, so they can
  // neither hide a limit nor reach a message; other bytes (UTF-8 paths) stay.
  std::string cleaned(line);
  bool had_control = false;
  for (char& c : cleaned)
    if ((static_cast<unsigned char>(c) < 32 && c != '\t') || c == 127) {
      had_control = had_control || c != '\r';  // a Windows line end is no news
      c = ' ';
    }
  if (had_control) info_string("control characters in the input were read as spaces");
  const auto [command, args] = split_first(cleaned);
  if (command.empty()) return true;
  line_received_ = std::chrono::steady_clock::now();  // a `go`'s clock runs from here
  if (command != "uci") wait_for_nets();
  if (command == "quit") {
    finish_search();
    return false;
  }
  if (command == "isready") send("readyok");
  else if (command == "stop") {
    engine_.stop();
    task_stop_ = true;
  } else if (command == "ponderhit") engine_.ponderhit();
  else if (command == "uci") cmd_uci();
  else if (command == "debug") cmd_debug(args);
  else if (command == "register") {
  }  // Corvid needs no registration: `register later` (and any other form) is accepted
  else if (command == "d") send(pos_.to_string());
  else if (command == "eval") cmd_eval();
  else if (command == "ucinewgame" || command == "setoption" || command == "position" || command == "go" ||
           command == "perft" || command == "bench" || command == "speedtest" || command == "genfens") {
    // These change what a search would use, or start one: a running search ends first.
    // A perft or bench is waited for instead, so that a script's later commands do not
    // cut it short (only stop and quit do; isready is still answered before this line).
    if (task_.joinable()) task_.join();
    finish_search();
    if (command == "ucinewgame") engine_.clear();
    else if (command == "setoption") cmd_setoption(args);
    else if (command == "position") cmd_position(args);
    else if (command == "go") cmd_go(args);
    else if (command == "perft") cmd_perft(args);
    else if (command == "bench") cmd_bench(args);
    else if (command == "speedtest") cmd_speedtest(args);
    else cmd_genfens(args);
  } else {
    // Reported and otherwise ignored: a running `go infinite` or `go ponder` goes on.
    info_string("unknown command '" + printable(command) + "' ignored");
  }
  return true;
}

void UciLoop::cmd_debug(std::string_view args) {
  // UCI's debug mode adds nothing here (every message is sent anyway); on and off are
  // accepted so that GUIs sending them get no complaint.
  if (args != "on" && args != "off") info_string("debug: expected 'debug on' or 'debug off', found '" + printable(args) + "'");
}

void UciLoop::declare_options() {
  // One line per option. What each does when set runs between searches (handle_line has
  // stopped any running search before a setoption).
  options_.add_spin("Hash", 16, 1, MAX_HASH_MB,
                    "MB of transposition table; more than the machine's memory is refused and the old table kept",
                    [this](const Option& o) -> std::optional<std::string> {
                      if (engine_.set_hash(size_t(o.as_int()))) return ACCEPTED;
                      return "setoption: could not allocate " + std::to_string(o.as_int()) +
                             " MB for Hash; kept the old table";
                    });
  options_.add_spin("Threads", 1, 1, MAX_THREADS, "Lazy SMP search threads", [this](const Option& o) {
    engine_.set_threads(int(o.as_int()));
    return ACCEPTED;
  });
  options_.add_spin("MultiPV", 1, 1, 256, "best lines reported");
  options_.add_check("Ponder", false, "the GUI may send `go ponder`");
  options_.add_spin("Move Overhead", 10, 0, 5000, "ms kept back per move for the GUI and the pipe");
  options_.add_check("UCI_Chess960", false,
                     "Chess960 castling (king takes rook in move notation); FEN castling fields may be `KQkq` "
                     "(X-FEN) or file letters (Shredder-FEN)",
                     [this](const Option& o) {
                       // Re-read the current position so castling is printed in the new convention.
                       std::string ignored;
                       pos_.set_fen(pos_.fen(), o.as_bool(), &ignored);
                       return ACCEPTED;
                     });
  options_.add_check("UCI_ShowWDL", false, "`wdl` in info lines");
  options_.add_string("EvalFile", std::string(nnue::embedded_net_name(nnue::NetSlot::Big)),
                      "another net (any supported generation; the default is the embedded big net); a missing or "
                      "refused file keeps the current one and says why",
                      [this](const Option& o) { return set_eval_file(o.as_string(), nnue::NetSlot::Big); });
  options_.add_string("EvalFileSmall", std::string(nnue::embedded_net_name(nnue::NetSlot::Small)),
                      "the small net of a Stockfish 18 pair (the default is the embedded one, if the build has one; "
                      "empty: none); used only beside a Full_Threats big net",
                      [this](const Option& o) { return set_eval_file(o.as_string(), nnue::NetSlot::Small); });
  options_.add_string("SyzygyPath", "",
                      "Syzygy table folders, `:`-separated (`;` on Windows); each missing folder, non-folder or bad "
                      "table is said and left out",
                      [this](const Option& o) { return set_syzygy_path(o.as_string()); });
  options_.add_spin("SyzygyProbeDepth", 1, 1, 100, "the least remaining depth at which the search probes the tables");
  options_.add_spin("SyzygyProbeLimit", 7, 0, 7, "positions with more pieces than this are not probed");
  options_.add_check("Syzygy50MoveRule", true,
                     "cursed wins and blessed losses count as draws (false: as wins and losses)");
  options_.add_check("UCI_LimitStrength", false, "play at about UCI_Elo (see *Strength*)");
  options_.add_spin("UCI_Elo", search::MAX_ELO, search::MIN_ELO, search::MAX_ELO,
                    "the strength asked for with UCI_LimitStrength, on Stockfish 15.1's scale (see *Strength*)");
  options_.add_spin("Skill Level", search::MAX_SKILL_LEVEL, 0, search::MAX_SKILL_LEVEL,
                    "below 20 plays weaker (see *Strength*)");
  options_.add_check("OwnBook", false, "play moves from BookFile while the book has one");
  options_.add_string("BookFile", "", "a Polyglot `.bin` book; a file that is not one is said and not used",
                      [this](const Option& o) { return set_book_file(o.as_string()); });
  options_.add_spin("BookDepth", 255, 1, 255, "the book is used up to this move number");
  options_.add_check("Best Book Move", false, "the book move with the highest weight (false: drawn by weight)");
  options_.add_button("Clear Hash", "empties the table and the move-ordering statistics", [this](const Option&) {
    engine_.clear();
    return ACCEPTED;
  });
  options_.add_string("Debug Log File", "", "appends the UCI conversation (`<<` in, `>>` out) to this file",
                      [this](const Option& o) { return set_debug_log_file(o.as_string()); });
  // A tuning build (make TUNE=1) declares every search tunable, from its one table.
  if constexpr (search::tunables::ENABLED)
    for (const search::tunables::Tunable& t : search::tunables::all())
      options_.add_spin(std::string(t.name), t.default_value, t.min, t.max, "search tunable (src/search/tunables.h)",
                        [value = t.value](const Option& o) {
                          *value = int(o.as_int());
                          return ACCEPTED;
                        });
}

void UciLoop::cmd_uci() {
  send("id name Corvid " CORVID_VERSION "\n"
       "id author the Corvid developers\n" +
       options_.uci_declarations() + "\nuciok");
}

void UciLoop::cmd_setoption(std::string_view args) {
  for (const std::string& message : options_.set_from_uci(args)) info_string(message);
}

std::optional<std::string> UciLoop::set_eval_file(const std::string& path, nnue::NetSlot slot) {
  const char* option = slot == nnue::NetSlot::Big ? "EvalFile" : "EvalFileSmall";
  nnue::LoadedNetwork& current = slot == nnue::NetSlot::Big ? net_ : small_net_;
  // Without an embedded small net (the default Stockfish 19 net is used alone), an empty
  // EvalFileSmall means no small net.
  if (slot == nnue::NetSlot::Small && path.empty() && nnue::embedded_net(slot).empty()) {
    current = {};
    engine_.set_networks(networks());
    info_string("EvalFileSmall: none");
    return std::nullopt;
  }
  // The embedded net answers to its own name, so GUIs that echo the default work.
  // A relative name not found from the working directory is tried next to the binary.
  nnue::LoadedNetwork loaded = (path.empty() || path == nnue::embedded_net_name(slot))
                                   ? nnue::load_embedded_network(slot)
                                   : nnue::load_network_file(resolve_user_path(path));
  if (!loaded.network)
    return std::string(option) + ": " + loaded.error +
           (current.network ? "; still using " + current.name : std::string("; no net is loaded"));
  current = std::move(loaded);
  engine_.set_networks(networks());
  std::string note;
  if (net_.network && small_net_.network && !networks().paired())
    note = "; the small net is used only beside a Full_Threats (Stockfish 18) big net";
  info_string(std::string(option) + ": using " + current.name + " (" + current.network->architecture().describe() + ")" +
              note);
  return std::nullopt;
}

std::optional<std::string> UciLoop::set_syzygy_path(const std::string& paths) {
  const tb::LoadReport report = tb::load(paths);
  for (const std::string& problem : report.problems) info_string(problem);
  if (!paths.empty())
    info_string("SyzygyPath: " + std::to_string(report.files) + " table files, up to " +
                std::to_string(report.largest) + " pieces");
  return ACCEPTED;
}

std::optional<std::string> UciLoop::set_book_file(const std::string& path) {
  if (path.empty()) {
    book_.close();
    return ACCEPTED;
  }
  std::string error;
  book::PolyglotBook next;
  if (!next.open(path, error))
    return error + (book_.is_open() ? "; still using " + book_.path() : std::string("; no book is used"));
  book_ = std::move(next);
  return ACCEPTED;
}

// A book move for this `go`, when OwnBook asks for one and the book has one.
std::optional<Move> UciLoop::book_move(const search::SearchLimits& limits) {
  if (!options_.check("OwnBook") || !book_.is_open() || limits.infinite || limits.ponder || limits.mate ||
      !limits.search_moves.empty() || pos_.game_ply() >= 2 * options_.spin("BookDepth"))
    return std::nullopt;
  return book_.pick(pos_, options_.check("Best Book Move"), book_rng_);
}

std::optional<std::string> UciLoop::set_debug_log_file(const std::string& path) {
  std::shared_ptr<spdlog::logger> next;
  if (!path.empty()) {
    // Regular files only, checked with a non-blocking open: a FIFO with no reader would
    // block the sink's open (and the UCI loop) forever.
    std::string error;
    const int fd = open_regular_file_for_append(path, error);
    if (fd < 0) return "Debug Log File: cannot use '" + printable(path) + "': " + printable(error.substr(std::min(error.size(), path.size() + 2)));
    ::close(fd);
    try {
      // Appends (truncate = false), like the GUIs that keep one log over many sessions.
      next = std::make_shared<spdlog::logger>("debug-log", std::make_shared<spdlog::sinks::basic_file_sink_mt>(path, false));
    } catch (const spdlog::spdlog_ex& e) {
      return "Debug Log File: cannot open '" + printable(path) + "' (" + e.what() + ")";
    }
    next->set_pattern("[%H:%M:%S.%e] %v");
    next->flush_on(spdlog::level::trace);  // a crash must not lose the last lines
  }
  std::lock_guard<std::mutex> lock(out_mutex_);
  debug_log_ = std::move(next);
  return std::nullopt;
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
  const PositionCommandResult result = apply_position_command(pos_, args, options_.check("UCI_Chess960"));
  if (!result.error.empty()) info_string(result.error);
}

void UciLoop::cmd_go(std::string_view args) {
  if (const auto [word, rest] = split_first(args); word == "perft") {
    cmd_perft(rest);
    return;
  }
  GoCommand go = parse_go_command(args, pos_);
  go.limits.received = line_received_;
  for (const std::string& problem : go.problems) info_string(problem);
  if (const std::optional<Move> m = book_move(go.limits)) {
    const std::string move = move_to_uci(*m, options_.check("UCI_Chess960"));
    send("info string book move " + move + "\nbestmove " + move);
    return;
  }
  if (!net_.network) info_string("no net is loaded (" + net_.error + "); searching on material only");
  search::SearchOptions options;
  options.multipv = int(options_.spin("MultiPV"));
  options.move_overhead_ms = int(options_.spin("Move Overhead"));
  options.syzygy_probe_limit = int(options_.spin("SyzygyProbeLimit"));
  options.syzygy_probe_depth = int(options_.spin("SyzygyProbeDepth"));
  options.syzygy_50_move_rule = options_.check("Syzygy50MoveRule");
  double level = double(options_.spin("Skill Level"));
  if (options_.check("UCI_LimitStrength"))
    level = std::min(level, search::skill_level_for_elo(int(options_.spin("UCI_Elo"))));
  if (level < search::MAX_SKILL_LEVEL) {
    options.skill_level = level;
    options.shown_lines = options.multipv;
    options.multipv = std::max(options.multipv, search::SKILL_CANDIDATES);
    // Tests fix the seed so a weakened choice can be repeated.
    if (const char* seed = std::getenv("CORVID_SKILL_SEED")) options.skill_seed = std::strtoull(seed, nullptr, 10);
  }
  engine_.start(pos_, go.limits, options, search_listener());
}

// The search's reports as UCI lines, in the display settings of the moment of `go`.
search::SearchListener UciLoop::search_listener() {
  const uci::InfoStyle style{options_.check("UCI_ShowWDL"), options_.check("UCI_Chess960")};
  search::SearchListener listener;
  listener.on_pv = [this, style](const search::InfoFull& info) { send(uci::format_info(info, style)); };
  listener.on_currmove = [this, style](const search::CurrMove& c) { send(uci::format_currmove(c, style)); };
  listener.on_note = [this](std::string_view note) { info_string(note); };
  listener.on_bestmove = [this, style](const search::BestMove& b) { send(uci::format_bestmove(b, style)); };
  return listener;
}

void UciLoop::cmd_perft(std::string_view args) {
  int64_t depth = 0;
  const auto [word, rest] = split_first(args);
  if (!parse_int(word, depth) || depth < 1 || depth > MAX_PERFT_DEPTH) {
    info_string("perft: expected a depth from 1 to " + std::to_string(MAX_PERFT_DEPTH) + ", found '" + printable(word) + "'");
    return;
  }
  start_task([this, pos = pos_, depth](const std::atomic<bool>& stop) mutable {
    std::ostringstream report;
    if (run_perft(pos, int(depth), true, report, &stop).stopped)
      info_string("perft " + std::to_string(depth) + ": stopped before the count was complete");
    else
      send(report.str());
  });
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
  start_bench(settings, "bench");
}

// `speedtest [threads] [hash MB] [seconds]`: the bench positions for a fixed time each,
// by default with every hardware thread, 64 MB per thread and 150 s in all, as a measure
// of what the machine searches per second (the node count varies from run to run).
void UciLoop::cmd_speedtest(std::string_view args) {
  BenchSettings settings;
  settings.threads = int(std::clamp<unsigned>(std::thread::hardware_concurrency(), 1, MAX_THREADS));
  settings.hash_mb = 64 * settings.threads;
  int64_t seconds = 150;
  std::istringstream in{std::string(args)};
  const int64_t limits[][2] = {{1, MAX_THREADS}, {1, MAX_HASH_MB}, {1, 86400}};
  int64_t values[] = {settings.threads, settings.hash_mb, seconds};
  std::string word;
  for (int i = 0; i < 3 && in >> word; ++i) {
    if (!parse_int(word, values[i]) || values[i] < limits[i][0] || values[i] > limits[i][1]) {
      info_string("speedtest: usage 'speedtest [threads] [hash MB] [seconds]', found '" + printable(word) + "'");
      return;
    }
  }
  settings.threads = int(values[0]);
  settings.hash_mb = int(values[1]);
  settings.movetime_ms = std::max<int64_t>(1, values[2] * 1000 / int64_t(bench_positions().size()));
  start_bench(settings, "speedtest");
}

void UciLoop::start_bench(const BenchSettings& settings, const std::string& name) {
  start_task([this, settings, name, nets = networks()](const std::atomic<bool>& stop) {
    std::ostringstream report;
    run_bench(settings, nets, report, std::cerr, &stop);
    std::string totals = report.str();
    while (!totals.empty() && totals.back() == '\n') totals.pop_back();  // send() ends the line
    if (stop.load()) info_string(name + ": stopped before the last position; no totals");
    else send(totals);
  });
}

void UciLoop::cmd_genfens(std::string_view args) {
  GenfensRequest request;
  std::string error;
  if (!parse_genfens(std::string(args), request, error)) {
    info_string(error);
    return;
  }
  const GenfensResult result = generate_fens(request, networks());
  std::string lines;
  for (const std::string& fen : result.fens) lines += (lines.empty() ? "" : "\n") + ("info string genfens " + fen);
  if (!lines.empty()) send(lines);
  if (!result.error.empty()) info_string(result.error);
}

}  // namespace corvid
