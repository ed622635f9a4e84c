// Polyglot opening books (.bin): the position key and 16-byte entries exactly as the
// Polyglot format defines them (big-endian key, move, weight, learn; entries sorted by
// key), looked up by binary search in the file.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "chess/position.h"

namespace corvid::book {

uint64_t polyglot_key(const Position& pos);

struct BookEntry {
  Move move;        // as a legal move of the position
  uint16_t weight;
};

class PolyglotBook {
 public:
  // Opens `path` (a relative one not found here is tried next to the binary). On failure
  // returns false with the reason in `error` and holds no book.
  bool open(const std::string& path, std::string& error);
  void close() { path_.clear(); entries_ = 0; }
  bool is_open() const { return entries_ > 0; }
  const std::string& path() const { return path_; }

  // Every legal book move of the position with its weight, in file order.
  std::vector<BookEntry> moves(const Position& pos) const;
  // The heaviest move (best) or one drawn in proportion to the weights; none when the
  // book has no move here.
  std::optional<Move> pick(const Position& pos, bool best, std::mt19937_64& rng) const;

 private:
  std::string path_;
  uint64_t entries_ = 0;
};

}  // namespace corvid::book
