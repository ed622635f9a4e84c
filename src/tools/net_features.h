// `corvid net features`: the active input features of positions read from a stream, so
// that any runtime can feed an exported net. One output line per input line:
// `<bucket> <us indices> <them indices>`, each list comma-separated, the side to move's
// perspective first; Full_Threats nets add `<us threat indices> <them threat indices>`
// (`-` for an empty list). A bad line gives `error: <reason>` and the next is served.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "chess/position.h"
#include "nnue/architecture.h"

namespace corvid::tools {

struct ActiveFeatures {
  int bucket = 0;
  std::vector<int> us, them;                // HalfKAv2_hm
  std::vector<int> us_threats, them_threats;  // Full_Threats, when asked for
};

ActiveFeatures active_features(const Position& pos, bool with_threats);

// Reads FENs (or `startpos`) from in until its end. Returns 0, or 1 when the feature set
// is one the exporter cannot handle yet (said on err).
int print_features(const nnue::FeatureSet& feature_set, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace corvid::tools
