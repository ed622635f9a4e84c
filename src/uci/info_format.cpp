#include "uci/info_format.h"

#include <algorithm>
#include <sstream>

#include "chess/notation.h"
#include "uci/score_model.h"

namespace corvid::uci {

std::string format_info(const search::InfoFull& info, const InfoStyle& style) {
  const search::PvLine& line = info.line;
  std::ostringstream out;
  out << "info depth " << line.depth;
  if (line.depth == 0 && line.pv.empty()) {
    out << " score " << uci_score(line.score);
    return out.str();
  }
  out << " seldepth " << std::max(line.sel_depth, 1) << " multipv " << line.multipv << " score "
      << uci_score(line.score);
  if (line.bound == search::ScoreBound::Lower) out << " lowerbound";
  if (line.bound == search::ScoreBound::Upper) out << " upperbound";
  if (style.show_wdl) {
    const Wdl wdl = wdl_of(line.score);
    out << " wdl " << wdl.win << " " << wdl.draw << " " << wdl.loss;
  }
  const search::SearchCounters& c = info.counters;
  out << " nodes " << c.nodes << " nps " << c.nodes * 1000 / uint64_t(std::max<int64_t>(c.elapsed_ms, 1))
      << " hashfull " << c.hashfull << " tbhits " << c.tb_hits << " time " << c.elapsed_ms << " pv";
  for (Move m : line.pv) out << " " << move_to_uci(m, style.chess960);
  return out.str();
}

std::string format_currmove(const search::CurrMove& current, const InfoStyle& style) {
  return "info depth " + std::to_string(current.depth) + " currmove " + move_to_uci(current.move, style.chess960) +
         " currmovenumber " + std::to_string(current.number);
}

std::string format_bestmove(const search::BestMove& best, const InfoStyle& style) {
  if (!best.best) return "bestmove 0000";
  std::string line = "bestmove " + move_to_uci(best.best, style.chess960);
  if (best.ponder) line += " ponder " + move_to_uci(best.ponder, style.chess960);
  return line;
}

}  // namespace corvid::uci
