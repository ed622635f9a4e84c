#include "uci/perft_report.h"

#include <chrono>
#include <ostream>
#include <sstream>

#include "chess/notation.h"
#include "chess/perft.h"

namespace corvid {

PerftReport run_perft(Position& pos, int depth, bool divide, std::ostream& out, const std::atomic<bool>* stop) {
  PerftReport report;
  const auto start = std::chrono::steady_clock::now();
  std::ostringstream lines;  // held back until the count is known to be complete
  if (divide) {
    for (const auto& [move, count] : perft_divide(pos, depth, stop)) {
      lines << move_to_uci(move, pos.is_chess960()) << ": " << count << '\n';
      report.nodes += count;
    }
    lines << '\n';
  } else {
    report.nodes = perft(pos, depth, stop);
  }
  if (stop && stop->load()) {
    report.stopped = true;
    return report;
  }
  out << lines.str();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out << "Nodes searched: " << report.nodes << std::endl;
  return report;
}

}  // namespace corvid
