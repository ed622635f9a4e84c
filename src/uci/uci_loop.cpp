#include "uci/uci_loop.h"

#include <cctype>
#include <charconv>
#include <iostream>
#include <sstream>

#include "nnue/embedded_net.h"
#include "uci/eval_trace.h"
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

bool parse_int(std::string_view text, int& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

constexpr int MAX_PERFT_DEPTH = 15;

}  // namespace

UciLoop::UciLoop(std::istream& in, std::ostream& out) : in_(in), out_(out), net_(nnue::load_embedded_network()) {}

void UciLoop::run() {
  std::string line;
  while (std::getline(in_, line))
    if (!handle_line(line)) break;
}

void UciLoop::info_string(std::string_view text) { out_ << "info string " << text << std::endl; }

bool UciLoop::handle_line(std::string_view line) {
  const auto [command, args] = split_first(line);
  if (command.empty()) return true;
  if (command == "quit") return false;
  if (command == "uci") cmd_uci();
  else if (command == "isready") out_ << "readyok" << std::endl;
  else if (command == "ucinewgame") {}
  else if (command == "setoption") cmd_setoption(args);
  else if (command == "position") cmd_position(args);
  else if (command == "go") cmd_go(args);
  else if (command == "perft") cmd_perft(args);
  else if (command == "d") out_ << pos_.to_string() << std::flush;
  else if (command == "eval") cmd_eval();
  else if (command == "stop" || command == "ponderhit") {}  // nothing is searching
  else info_string("unknown command '" + std::string(command) + "'");
  return true;
}

void UciLoop::cmd_uci() {
  out_ << "id name Corvid " << CORVID_VERSION << "\n"
       << "id author the Corvid developers\n"
       << "option name UCI_Chess960 type check default false\n"
       << "option name EvalFile type string default "
       << (nnue::embedded_net_name().empty() ? "<empty>" : nnue::embedded_net_name()) << "\n"
       << "uciok" << std::endl;
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
  if (lower(name) == "uci_chess960") {
    const std::string v = lower(value);
    if (v != "true" && v != "false") {
      info_string("setoption: UCI_Chess960 takes true or false, found '" + std::string(value) + "'");
      return;
    }
    chess960_ = v == "true";
    // Re-read the current position so castling is printed in the new convention.
    std::string ignored;
    pos_.set_fen(pos_.fen(), chess960_, &ignored);
  } else if (lower(name) == "evalfile") {
    set_eval_file(value);
  } else {
    info_string("setoption: unknown option '" + std::string(name) + "'");
  }
}

void UciLoop::set_eval_file(std::string_view value) {
  const std::string path(value);
  // The embedded net answers to its own name, so GUIs that echo the default work.
  nnue::LoadedNetwork loaded = (path.empty() || path == "<empty>" || path == nnue::embedded_net_name())
                                   ? nnue::load_embedded_network()
                                   : nnue::load_network_file(path);
  if (!loaded.network) {
    info_string("EvalFile: " + loaded.error +
                (net_.network ? "; still using " + net_.name : std::string("; no net is loaded")));
    return;
  }
  net_ = std::move(loaded);
  info_string("EvalFile: using " + net_.name + " (" + net_.network->architecture().describe() + ")");
}

void UciLoop::cmd_eval() {
  if (!net_.network) {
    info_string("eval: no net is loaded (" + net_.error + "); set one with setoption name EvalFile value <path>");
    return;
  }
  out_ << eval_trace(*net_.network, pos_) << std::flush;
}

void UciLoop::cmd_position(std::string_view args) {
  const PositionCommandResult result = apply_position_command(pos_, args, chess960_);
  if (!result.error.empty()) info_string(result.error);
}

void UciLoop::cmd_go(std::string_view args) {
  const auto [word, rest] = split_first(args);
  if (word == "perft") {
    cmd_perft(rest);
    return;
  }
  info_string("searching is not available in this version; only 'go perft <depth>' is");
  out_ << "bestmove 0000" << std::endl;
}

void UciLoop::cmd_perft(std::string_view args) {
  int depth = 0;
  const auto [word, rest] = split_first(args);
  if (!parse_int(word, depth) || depth < 1 || depth > MAX_PERFT_DEPTH) {
    info_string("perft: expected a depth from 1 to " + std::to_string(MAX_PERFT_DEPTH) + ", found '" +
                std::string(word) + "'");
    return;
  }
  run_perft(pos_, depth, true, out_);
}

}  // namespace corvid
