// The nets an evaluation may use: the big net (EvalFile) and, for the generation that pairs
// nets (Stockfish 18), a small one (EvalFileSmall). Either may be null.
#pragma once

#include "nnue/network.h"

namespace corvid::nnue {

struct Networks {
  const Network* big = nullptr;
  const Network* small = nullptr;

  // The small net is used only beside a big net of its generation (Stockfish 18's
  // Full_Threats; Stockfish 19 and 15.1 use one net).
  bool paired() const { return big && small && big->architecture().feature_set == FULL_THREATS_HALF_KA_V2_HM; }
  bool operator==(const Networks&) const = default;
};

}  // namespace corvid::nnue
