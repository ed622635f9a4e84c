// The UCI protocol loop: reads commands from `in`, answers on `out`.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

#include "chess/position.h"
#include "nnue/network_loader.h"

namespace corvid {

class UciLoop {
 public:
  UciLoop(std::istream& in, std::ostream& out);
  void run();  // until `quit` or end of input
  // Handles one line; returns false for `quit`.
  bool handle_line(std::string_view line);

 private:
  void cmd_uci();
  void cmd_setoption(std::string_view args);
  void cmd_position(std::string_view args);
  void cmd_go(std::string_view args);
  void cmd_perft(std::string_view args);
  void cmd_eval();
  void set_eval_file(std::string_view value);
  void info_string(std::string_view text);

  std::istream& in_;
  std::ostream& out_;
  Position pos_;
  bool chess960_ = false;
  nnue::LoadedNetwork net_;  // the net in use; a refused EvalFile leaves it as it is
};

}  // namespace corvid
