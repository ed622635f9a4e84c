// UCI `info` lines about a search.
#pragma once

#include <cstdint>
#include <string>

#include "search/shared.h"
#include "search/worker.h"

namespace corvid::search {

// depth, seldepth, multipv, score (with a bound after a failed aspiration window), wdl
// when asked for, nodes, nps, hashfull, time and pv.
std::string info_line(int depth, const RootMove& rm, int multipv, uint64_t nodes, int64_t elapsed_ms, int hashfull,
                      const SearchOptions& options);
std::string currmove_line(int depth, Move m, int number, bool chess960);

}  // namespace corvid::search
