// `corvid tb --path DIR [FEN ...]`: one line per position (FENs from the arguments, else
// from stdin): `<wdl> <dtz>` for the side to move, wdl one of win, cursed-win, draw,
// blessed-loss, loss and dtz as Syzygy defines it (plies to a zeroing move, positive when
// winning, negative when losing), or `error: <reason>`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corvid::tb {

// The line for one FEN (tables already loaded).
std::string describe_fen(const std::string& fen);

// Returns the exit status: 0, or 1 when the path gave no tables at all.
int tb_command(const std::string& path, const std::vector<std::string>& fens, std::istream& in, std::ostream& out);

}  // namespace corvid::tb
