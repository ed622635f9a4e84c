#include "uci/go_command.h"

#include <algorithm>
#include <cstdint>
#include <sstream>

#include "chess/notation.h"
#include "uci/text.h"

namespace corvid {

namespace {

bool is_keyword(const std::string& word) {
  for (const char* k : {"searchmoves", "ponder", "wtime", "btime", "winc", "binc", "movestogo", "depth", "nodes", "mate",
                        "movetime", "infinite"})
    if (word == k) return true;
  return false;
}

}  // namespace

GoCommand parse_go_command(std::string_view args, const Position& pos) {
  GoCommand go;
  search::SearchLimits& limits = go.limits;
  std::istringstream in{std::string(args)};
  std::string word;
  bool have_word = static_cast<bool>(in >> word);
  while (have_word) {
    const std::string key = word;
    if (key == "infinite" || key == "ponder") {
      (key == "infinite" ? limits.infinite : limits.ponder) = true;
      have_word = static_cast<bool>(in >> word);
      continue;
    }
    if (key == "searchmoves") {
      while ((have_word = static_cast<bool>(in >> word)) && !is_keyword(word)) {
        const Move m = parse_uci_move(pos, word);
        if (m) limits.search_moves.push_back(m);
        else go.problems.push_back("go: searchmoves: '" + word + "' is not a legal move here; ignored");
      }
      continue;
    }
    if (!is_keyword(key)) {
      go.problems.push_back("go: unknown parameter '" + key + "' ignored");
      have_word = static_cast<bool>(in >> word);
      continue;
    }
    std::string text;
    int64_t value = 0;
    if (!(in >> text) || !parse_int(text, value)) {
      go.problems.push_back("go: " + key + " needs a number" + (text.empty() ? "" : ", found '" + text + "'") + "; ignored");
      // The bad token may be the next keyword: read it as one.
      word = text;
      have_word = !text.empty() && is_keyword(text);
      if (!have_word) have_word = static_cast<bool>(in >> word);
      continue;
    }
    const int64_t clamped = std::clamp<int64_t>(value, 0, INT32_MAX);
    if (key == "wtime" || key == "btime") {
      // A clock at or below zero (some GUIs send one after overstepping) means: move at once.
      if (value <= 0) go.problems.push_back("go: " + key + " " + text + " leaves no time; moving at once");
      limits.time[key == "wtime" ? WHITE : BLACK] = int(std::max<int64_t>(clamped, 1));
    } else if (key == "winc" || key == "binc") {
      limits.increment[key == "winc" ? WHITE : BLACK] = int(clamped);
    } else if (key == "movestogo") {
      limits.moves_to_go = int(clamped);
    } else if (key == "movetime") {
      limits.movetime = int(std::max<int64_t>(clamped, 1));
    } else if (key == "nodes") {
      limits.nodes = uint64_t(std::max<int64_t>(value, 1));
    } else if (key == "depth" || key == "mate") {
      if (value < 1) go.problems.push_back("go: " + key + " must be at least 1, found " + text + "; using 1");
      const int n = int(std::clamp<int64_t>(value, 1, 1000));
      (key == "depth" ? limits.depth : limits.mate) = n;
    }
    if (value < 0 && key != "wtime" && key != "btime")
      go.problems.push_back("go: " + key + " cannot be negative, found " + text);
    have_word = static_cast<bool>(in >> word);
  }
  return go;
}

}  // namespace corvid
