// Cuckoo tables of every reversible move (a knight, bishop, rook, queen or king going
// between two squares it attacks on an empty board), keyed by the change the move makes
// to the position key. With them, Position::has_upcoming_repetition sees in one lookup per
// earlier position whether the side to move could repeat it with one move (Kennedy's
// method, as in Stockfish): 3668 moves in two tables of 8192.
#pragma once

#include "chess/types.h"

namespace corvid::cuckoo {

inline constexpr int SIZE = 8192;
extern Key keys[SIZE];
extern Move moves[SIZE];

inline int slot1(Key k) { return int(k & (SIZE - 1)); }
inline int slot2(Key k) { return int((k >> 16) & (SIZE - 1)); }

// The slot holding `key`, or -1.
inline int find(Key key) {
  if (keys[slot1(key)] == key) return slot1(key);
  if (keys[slot2(key)] == key) return slot2(key);
  return -1;
}

// Fills the tables (once; later calls return at once). Needs the attack tables and the
// Zobrist keys: chess::init calls it after them.
void init();

}  // namespace corvid::cuckoo
