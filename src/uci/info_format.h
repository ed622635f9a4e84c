// How a search's reports (search/info.h) are written as UCI lines: scores as centipawns
// or mate distances (uci/score_model.h), `wdl` when UCI_ShowWDL is on, castling as
// UCI_Chess960 asks. The search knows none of these display settings.
#pragma once

#include <string>

#include "search/info.h"

namespace corvid::uci {

struct InfoStyle {
  bool show_wdl = false;
  bool chess960 = false;
};

// `info depth .. seldepth .. multipv .. score .. [lowerbound|upperbound] [wdl ..] nodes ..
// nps .. hashfull .. tbhits .. time .. pv ..`; a position without legal moves (depth 0,
// no pv) gets the short `info depth 0 score mate 0` / `cp 0`.
std::string format_info(const search::InfoFull& info, const InfoStyle& style);
std::string format_currmove(const search::CurrMove& current, const InfoStyle& style);
// `bestmove <move> [ponder <move>]`, `bestmove 0000` when there is no legal move.
std::string format_bestmove(const search::BestMove& best, const InfoStyle& style);

}  // namespace corvid::uci
