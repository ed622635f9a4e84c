// The nets an evaluation may use: the big net (EvalFile) and, for generations that pair
// nets as Stockfish 18 does, a small one (EvalFileSmall). Either may be null.
#pragma once

#include "nnue/network.h"

namespace corvid::nnue {

struct Networks {
  const Network* big = nullptr;
  const Network* small = nullptr;

  // The small net is used only beside a big net of its generation (Full_Threats).
  bool paired() const { return big && small && big->has_threats(); }
  bool operator==(const Networks&) const = default;
};

}  // namespace corvid::nnue
