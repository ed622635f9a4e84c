// Legal move generation. Every generated move is legal; the kinds split the legal moves:
//   CAPTURES  captures (en passant included) and all promotions
//   QUIETS    everything else (castling included)
//   EVASIONS  all legal moves, for a side in check
//   LEGAL     all legal moves
// CAPTURES and QUIETS are disjoint and together make LEGAL, in check or not.
#pragma once

#include <cstddef>

#include "chess/position.h"

namespace corvid {

enum GenType { CAPTURES, QUIETS, EVASIONS, LEGAL };

class MoveList {
 public:
  static constexpr int CAPACITY = 256;  // the most legal moves known in a position is 218

  MoveList() {}  // user-provided: the move storage stays uninitialised

  void push(Move m) { moves_[size_++] = m; }
  int size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }
  Move operator[](int i) const { return moves_[i]; }
  const Move* begin() const { return moves_; }
  const Move* end() const { return moves_ + size_; }
  bool contains(Move m) const {
    for (Move x : *this)
      if (x == m) return true;
    return false;
  }

 private:
  // Left uninitialised: lists are made at every node, and zeroing 512 bytes each time
  // showed in profiles. Only the first size_ entries are ever read.
  union {
    Move moves_[CAPACITY];
  };
  int size_ = 0;
};

template <GenType T>
void generate(const Position& pos, MoveList& list);

// The number of legal moves, without building the list (perft's last ply).
uint64_t count_legal_moves(const Position& pos);

}  // namespace corvid
