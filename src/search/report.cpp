#include "search/report.h"

#include <sstream>

#include "chess/notation.h"
#include "search/score_model.h"
#include "tb/syzygy.h"

namespace corvid::search {

std::string info_line(int depth, const RootMove& rm, int multipv, uint64_t nodes, int64_t elapsed_ms, int hashfull,
                      const SearchOptions& options) {
  // A line not searched at this depth yet (MultiPV, stopped) shows its previous result.
  const bool current = rm.score != -VALUE_INFINITE;
  const int score = current ? rm.score : rm.previous_score;
  std::ostringstream line;
  line << "info depth " << (current ? depth : std::max(1, depth - 1)) << " seldepth " << std::max(rm.sel_depth, 1)
       << " multipv " << multipv << " score " << uci_score(score);
  if (current && rm.bound_lower) line << " lowerbound";
  if (current && rm.bound_upper) line << " upperbound";
  if (options.show_wdl) {
    const Wdl wdl = wdl_of(score);
    line << " wdl " << wdl.win << " " << wdl.draw << " " << wdl.loss;
  }
  line << " nodes " << nodes << " nps " << nodes * 1000 / uint64_t(std::max<int64_t>(elapsed_ms, 1)) << " hashfull "
       << hashfull << " tbhits " << tb::hits() << " time " << elapsed_ms << " pv";
  for (Move m : rm.pv) line << " " << move_to_uci(m, options.chess960);
  return line.str();
}

std::string currmove_line(int depth, Move m, int number, bool chess960) {
  return "info depth " + std::to_string(depth) + " currmove " + move_to_uci(m, chess960) + " currmovenumber " +
         std::to_string(number);
}

}  // namespace corvid::search
