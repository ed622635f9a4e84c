#include "uci/score_model.h"

#include <cmath>

#include "nnue/score.h"
#include "search/value.h"

namespace corvid::uci {

using search::is_mate_score;
using search::VALUE_MATE;

namespace {
constexpr double WDL_SPREAD_CP = 30.0;

int win_per_mille(int cp) { return int(std::lround(1000.0 / (1.0 + std::exp(-(cp - 100) / WDL_SPREAD_CP)))); }
}  // namespace

int to_centipawns(int value) { return value * 100 / nnue::PAWN_VALUE_INTERNAL; }

Wdl wdl_of(int value) {
  if (is_mate_score(value)) return value > 0 ? Wdl{1000, 0, 0} : Wdl{0, 0, 1000};
  const int cp = to_centipawns(value);
  Wdl w;
  w.win = win_per_mille(cp);
  w.loss = win_per_mille(-cp);
  w.draw = 1000 - w.win - w.loss;
  return w;
}

std::string uci_score(int value) {
  if (is_mate_score(value)) {
    const int moves = value > 0 ? (VALUE_MATE - value + 1) / 2 : -(VALUE_MATE + value) / 2;
    return "mate " + std::to_string(moves);
  }
  return "cp " + std::to_string(to_centipawns(value));
}

}  // namespace corvid::uci
