// `genfens N seed S book <None|FILE> [extra]`: OpenBench's datagen opening generator.
// Prints N `info string genfens <FEN>` lines of legal, varied positions that a shallow
// search does not already call decided. The same N, seed and book give the same lines.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "nnue/networks.h"

namespace corvid {

struct GenfensRequest {
  int count = 0;
  uint64_t seed = 0;
  std::string book;  // empty: the start position; otherwise a file of FEN/EPD lines
};

// Reads `N seed S book <None|FILE> [extra ...]` (the arguments after `genfens`). On a
// syntax error returns false with a message in `error`.
bool parse_genfens(const std::string& args, GenfensRequest& request, std::string& error);

// The FENs, or an error message (a book file that cannot be read or has no usable line).
struct GenfensResult {
  std::vector<std::string> fens;
  std::string error;
};
GenfensResult generate_fens(const GenfensRequest& request, const nnue::Networks& nets);

}  // namespace corvid
