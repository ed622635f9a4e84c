// The UCI protocol loop: reads commands from `in`, answers on `out`. Searches run in the
// background, so `isready`, `stop`, `ponderhit` and `quit` are answered while one runs.
#pragma once

#include <fstream>
#include <iosfwd>
#include <mutex>
#include <string>
#include <string_view>

#include "chess/position.h"
#include "nnue/network_loader.h"
#include "search/engine.h"

namespace corvid {

class UciLoop {
 public:
  UciLoop(std::istream& in, std::ostream& out);
  ~UciLoop();
  void run();  // until `quit` or end of input
  // Handles one line; returns false for `quit`.
  bool handle_line(std::string_view line);

 private:
  struct Options {
    int hash_mb = 16;
    int threads = 1;
    int multipv = 1;
    bool ponder = false;
    int move_overhead_ms = 10;
    bool chess960 = false;
    bool show_wdl = false;
    std::string debug_log_file;
  };

  void cmd_uci();
  void cmd_setoption(std::string_view args);
  void cmd_position(std::string_view args);
  void cmd_go(std::string_view args);
  void cmd_perft(std::string_view args);
  void cmd_bench(std::string_view args);
  void cmd_eval();
  void set_eval_file(std::string_view value, nnue::NetSlot slot);
  nnue::Networks networks() const { return {net_.network.get(), small_net_.network.get()}; }
  void set_debug_log_file(std::string_view value);
  bool set_spin(std::string_view name, std::string_view value, int min, int max, int& target);
  bool set_check(std::string_view name, std::string_view value, bool& target);
  void finish_search();  // stops a running search and waits for its bestmove
  void send(const std::string& text);  // one or more lines, whole, under the output lock
  void info_string(std::string_view text);

  std::istream& in_;
  std::ostream& out_;
  std::mutex out_mutex_;
  std::ofstream debug_log_;
  Position pos_;
  Options options_;
  nnue::LoadedNetwork net_;  // the net in use; a refused EvalFile leaves it as it is
  nnue::LoadedNetwork small_net_;  // EvalFileSmall: used beside a Stockfish 18 big net
  search::Engine engine_;
};

}  // namespace corvid
