#include "tb/tb_command.h"

#include <iostream>
#include <spdlog/spdlog.h>

#include "tb/syzygy.h"

namespace corvid::tb {

std::string describe_fen(const std::string& fen) {
  Position pos;
  std::string error;
  if (!pos.set_fen(fen, false, &error)) return "error: " + error;
  if (pos.castling_rights()) return "error: castling rights; the tables cover positions without them";
  if (pos.piece_count() > largest())
    return "error: " + std::to_string(pos.piece_count()) + " pieces; the tables cover at most " +
           std::to_string(largest());
  const std::optional<RootProbe> probe = probe_root(pos);
  if (!probe) return "error: the tables could not rate this position (a table missing or unreadable)";
  return std::string(wdl_name(probe->wdl)) + " " + std::to_string(probe->dtz);
}

int tb_command(const std::string& path, const std::vector<std::string>& fens, std::istream& in, std::ostream& out) {
  const LoadReport report = load(path);
  for (const std::string& problem : report.problems) spdlog::warn("corvid tb: {}", problem);
  if (report.largest == 0) {
    spdlog::error("corvid tb: no tables loaded from '{}'", path);
    return 1;
  }
  if (!fens.empty()) {
    for (const std::string& fen : fens) out << describe_fen(fen) << '\n';
  } else {
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      out << describe_fen(line) << '\n';
    }
  }
  out.flush();
  return 0;
}

}  // namespace corvid::tb
