// Syzygy endgame tablebases through Debian's libfathom (a prober made for the format).
// Loading is not thread-safe (fathom's own limit): load() runs between searches only;
// probes are safe from every search thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chess/position.h"

namespace corvid::tb {

// For the side to move, as Syzygy defines it: cursed wins and blessed losses are wins and
// losses that the 50-move rule turns into draws.
enum class Wdl { Loss = 0, BlessedLoss = 1, Draw = 2, CursedWin = 3, Win = 4 };
const char* wdl_name(Wdl wdl);  // loss, blessed-loss, draw, cursed-win, win

struct LoadReport {
  int largest = 0;                    // most pieces covered; 0 when nothing is loaded
  int files = 0;                      // table files found
  std::vector<std::string> problems;  // one message per folder or file that is not usable
};

// `paths`: folders separated by ':' (';' on Windows); a relative folder not found from the
// working directory is tried next to the binary. Replaces what was loaded before; an empty
// string unloads.
LoadReport load(const std::string& paths);
int largest();  // what the last load() gave

// WDL of a position with no castling rights, at most largest() pieces; none when it
// cannot be probed. The 50-move counter is ignored (probe where it is zero).
std::optional<Wdl> probe_wdl(const Position& pos);

struct RootMoveResult {
  Move move;
  Wdl wdl;  // for the side to move at the root, after this move
  int dtz;  // Syzygy DTZ of the root after this move, signed like the root's
};
struct RootProbe {
  Wdl wdl;  // of the root, counting its 50-move counter
  int dtz;  // plies to a zeroing move: > 0 winning, < 0 losing, 0 drawn (or mate/stalemate)
  std::vector<RootMoveResult> moves;  // every legal move (empty at mate or stalemate)
};
// The root probe (DTZ tables too), or none when the position is not covered.
std::optional<RootProbe> probe_root(const Position& pos);

// The root moves worth searching, as Stockfish ranks them: those of the best result, and
// of those, when winning the ones that reach a zeroing move soonest (so a won ending is
// converted before the 50-move rule can draw it), when losing the ones that hold out
// longest. Without the 50-move rule a cursed win counts as a win, a blessed loss as a loss.
std::vector<Move> best_root_moves(const RootProbe& probe, bool fifty_move_rule);

// Probes that found their position, since reset_hits() (the `tbhits` of info lines).
uint64_t hits();
void reset_hits();

}  // namespace corvid::tb
