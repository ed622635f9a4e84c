// The arguments of UCI `go` (other than `go perft`), read into search limits. Bad
// values are reported and skipped; the rest of the command still counts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chess/position.h"
#include "search/limits.h"

namespace corvid {

struct GoCommand {
  search::SearchLimits limits;
  std::vector<std::string> problems;  // one message per ignored token
};

GoCommand parse_go_command(std::string_view args, const Position& pos);

}  // namespace corvid
