// `corvid eval`: one evaluation per input line, for checking a net against reference
// outputs. Lines: a FEN, `startpos [moves ...]` or `fen <FEN> [moves ...]`; moves are
// replayed with incremental accumulator updates. Output per line:
// `<bucket> <psqt> <positional>` (raw network units with raw, centipawns otherwise), or
// `error: <reason>`; the next line is served either way.
#pragma once

#include <iosfwd>

#include "nnue/network.h"

namespace corvid {

void run_eval_lines(const nnue::Network& net, bool raw, std::istream& in, std::ostream& out);

}  // namespace corvid
