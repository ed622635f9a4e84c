#include "uci/perft_report.h"

#include <chrono>
#include <ostream>

#include "chess/notation.h"
#include "chess/perft.h"

namespace corvid {

PerftReport run_perft(Position& pos, int depth, bool divide, std::ostream& out) {
  PerftReport report;
  const auto start = std::chrono::steady_clock::now();
  if (divide) {
    for (const auto& [move, count] : perft_divide(pos, depth)) {
      out << move_to_uci(move, pos.is_chess960()) << ": " << count << '\n';
      report.nodes += count;
    }
    out << '\n';
  } else {
    report.nodes = perft(pos, depth);
  }
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "Nodes searched: " << report.nodes << std::endl;
  return report;
}

}  // namespace corvid
