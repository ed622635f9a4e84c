#include "search/report.h"

#include <sstream>

#include "chess/notation.h"
#include "search/score_model.h"
#include "tb/syzygy.h"

namespace corvid::search {

namespace {

// A line not searched at this depth yet (MultiPV, stopped) shows its previous result.
void write_head(std::ostream& line, const RootMove& rm, int multipv, const SearchOptions& options) {
  const bool current = rm.score != -VALUE_INFINITE;
  const int score = current ? rm.score : rm.previous_score;
  line << "info depth " << (current ? rm.depth : rm.previous_depth) << " seldepth " << std::max(rm.sel_depth, 1)
       << " multipv " << multipv << " score " << uci_score(score);
  if (current && rm.bound_lower) line << " lowerbound";
  if (current && rm.bound_upper) line << " upperbound";
  if (options.show_wdl) {
    const Wdl wdl = wdl_of(score);
    line << " wdl " << wdl.win << " " << wdl.draw << " " << wdl.loss;
  }
}

void write_pv(std::ostream& line, const RootMove& rm, const SearchOptions& options) {
  line << " pv";
  for (Move m : rm.pv) line << " " << move_to_uci(m, options.chess960);
}

}  // namespace

std::string info_line(const RootMove& rm, int multipv, uint64_t nodes, int64_t elapsed_ms, int hashfull,
                      const SearchOptions& options) {
  std::ostringstream line;
  write_head(line, rm, multipv, options);
  line << " nodes " << nodes << " nps " << nodes * 1000 / uint64_t(std::max<int64_t>(elapsed_ms, 1)) << " hashfull "
       << hashfull << " tbhits " << tb::hits() << " time " << elapsed_ms;
  write_pv(line, rm, options);
  return line.str();
}

std::string info_identity(const RootMove& rm, int multipv, const SearchOptions& options) {
  std::ostringstream line;
  write_head(line, rm, multipv, options);
  write_pv(line, rm, options);
  return line.str();
}

std::string currmove_line(int depth, Move m, int number, bool chess960) {
  return "info depth " + std::to_string(depth) + " currmove " + move_to_uci(m, chess960) + " currmovenumber " +
         std::to_string(number);
}

}  // namespace corvid::search
