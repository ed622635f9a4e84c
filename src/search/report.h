// UCI `info` lines about a search.
#pragma once

#include <cstdint>
#include <string>

#include "search/shared.h"
#include "search/worker.h"

namespace corvid::search {

// depth, seldepth, multipv, score (with a bound after a failed aspiration window), wdl
// when asked for, nodes, nps, hashfull, time and pv. The depth is that of the iteration
// the shown score comes from.
std::string info_line(const RootMove& rm, int multipv, uint64_t nodes, int64_t elapsed_ms, int hashfull,
                      const SearchOptions& options);
// The same line without the counters that change as time passes (nodes, nps, hashfull,
// time): two lines with the same identity tell the GUI nothing new.
std::string info_identity(const RootMove& rm, int multipv, const SearchOptions& options);
std::string currmove_line(int depth, Move m, int number, bool chess960);

}  // namespace corvid::search
