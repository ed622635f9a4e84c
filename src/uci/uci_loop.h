// The UCI protocol loop: reads commands from `in`, answers on `out`. Searches, perft and
// bench run in the background, so `isready`, `stop`, `ponderhit` and `quit` are answered
// while one runs.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <iosfwd>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <spdlog/logger.h>

#include "book/polyglot.h"
#include "chess/position.h"
#include "nnue/network_loader.h"
#include "search/engine.h"
#include "uci/bench.h"
#include "uci/option_table.h"

namespace corvid {

class UciLoop {
 public:
  UciLoop(std::istream& in, std::ostream& out);
  ~UciLoop();
  void run();  // until `quit` or end of input (which stops a search, then quits)
  // Runs `commands` as if they were input lines, then ends as at the end of input (the
  // command-line form `corvid "go perft 5" quit`). Standard input is not read; each
  // command waits for a perft or bench before it, and a search with a limit runs to it.
  void run_commands(const std::vector<std::string>& commands);
  // Handles one line; returns false for `quit`.
  bool handle_line(std::string_view line);
  const OptionTable& options() const { return options_; }

 private:
  void cmd_uci();
  void cmd_setoption(std::string_view args);
  void cmd_position(std::string_view args);
  void cmd_go(std::string_view args);
  void cmd_perft(std::string_view args);
  void cmd_bench(std::string_view args);
  void cmd_speedtest(std::string_view args);
  void start_bench(const BenchSettings& settings, const std::string& name);
  void cmd_genfens(std::string_view args);
  void cmd_eval();
  void cmd_debug(std::string_view args);
  void declare_options();
  search::SearchListener search_listener();
  std::optional<std::string> set_eval_file(const std::string& path, nnue::NetSlot slot);
  nnue::Networks networks() const { return {net_.network.get(), small_net_.network.get()}; }
  std::optional<std::string> set_debug_log_file(const std::string& path);
  std::optional<std::string> set_syzygy_path(const std::string& paths);
  std::optional<std::string> set_book_file(const std::string& path);
  std::optional<Move> book_move(const search::SearchLimits& limits);
  // End of input. From a pipe (the GUI is gone) every search stops; after command-line
  // commands a search with a limit runs to it. A perft or bench runs to its end.
  void finish_input(bool stop_searches);
  void wait_for_nets();  // until the embedded nets, read in the background at start, are in use
  void finish_search();  // stops a running search (and perft or bench) and waits for its end
  // Runs work on the task thread (perft, bench); it should end soon once its flag is set.
  void start_task(std::function<void(const std::atomic<bool>& stop)> work);
  void send(const std::string& text);  // one or more lines, whole, under the output lock
  void info_string(std::string_view text);

  std::istream& in_;
  std::ostream& out_;
  std::mutex out_mutex_;
  std::shared_ptr<spdlog::logger> debug_log_;  // the Debug Log File, when one is set
  std::thread task_;
  std::atomic<bool> task_stop_{false};
  std::chrono::steady_clock::time_point line_received_{};  // of the line being handled
  Position pos_;
  OptionTable options_;
  book::PolyglotBook book_;
  std::mt19937_64 book_rng_{std::random_device{}()};
  std::thread net_loader_;  // reads the embedded nets at start-up
  nnue::LoadedNetwork net_;  // the net in use; a refused EvalFile leaves it as it is
  nnue::LoadedNetwork small_net_;  // EvalFileSmall: used beside a Stockfish 18 big net
  search::Engine engine_;
};

}  // namespace corvid
