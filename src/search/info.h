// What a search reports while it runs and when it ends, as data: the caller decides what
// to do with it (the UCI layer writes `info` and `bestmove` lines, uci/info_format.h;
// bench and genfens keep only the result). Scores are in internal units (search/value.h);
// how they are shown (centipawns, mate distances, WDL) is the caller's business.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "chess/types.h"

namespace corvid::search {

enum class ScoreBound : uint8_t { Exact, Lower, Upper };

// One line of play as the search knows it. A line not searched yet in the current
// iteration (MultiPV, a stopped search) carries its previous iteration's result.
struct PvLine {
  int multipv = 1;
  int depth = 0;  // the iteration the score comes from
  int sel_depth = 0;
  int score = 0;
  ScoreBound bound = ScoreBound::Exact;  // a bound: from a failed aspiration window
  std::vector<Move> pv;
  bool operator==(const PvLine&) const = default;
};

// Totals over all threads at the moment of a report.
struct SearchCounters {
  uint64_t nodes = 0;
  int64_t elapsed_ms = 0;
  int hashfull = 0;  // per mille of the table in use by this search
  uint64_t tb_hits = 0;
};

struct InfoFull {
  PvLine line;
  SearchCounters counters;
};

struct CurrMove {
  int depth = 0;
  Move move;
  int number = 0;  // 1 for the first root move searched at this depth
};

struct BestMove {
  Move best;  // none: there is no legal move
  Move ponder;
};

// Empty members are not called. Called from the search's threads, one call at a time:
// the main search thread reports, helpers never do.
struct SearchListener {
  std::function<void(const InfoFull&)> on_pv;
  std::function<void(const CurrMove&)> on_currmove;
  std::function<void(std::string_view)> on_note;  // something the user should know
  std::function<void(const BestMove&)> on_bestmove;
};

}  // namespace corvid::search
