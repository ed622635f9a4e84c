// Corvid's command line: no arguments starts the UCI loop; subcommands for the rest.
#include <CLI/CLI.hpp>
#include <iostream>

#include "chess/position.h"
#include "uci/perft_report.h"
#include "uci/uci_loop.h"
#include "util/logging.h"

namespace {

int perft_command(const std::string& fen, int depth, bool divide, bool chess960) {
  corvid::Position pos;
  std::string error;
  if (!pos.set_fen(fen, chess960, &error)) {
    std::cerr << "corvid perft: " << error << "\n";
    return 1;
  }
  const corvid::PerftReport report = corvid::run_perft(pos, depth, divide, std::cout);
  const double nps = report.seconds > 0 ? double(report.nodes) / report.seconds : 0;
  std::cerr << "perft " << depth << ": " << report.nodes << " nodes in " << report.seconds * 1000 << " ms, "
            << nps / 1e6 << " Mnps\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  corvid::init_logging();
  corvid::chess::init();

  CLI::App app{"Corvid: a UCI chess engine with NNUE evaluation. Without a subcommand it speaks UCI."};
  app.set_version_flag("--version", std::string("Corvid ") + CORVID_VERSION + " (" + CORVID_ARCH_NAME + ")");

  auto* perft = app.add_subcommand("perft", "Count the leaf nodes of the legal move tree");
  int depth = 1;
  std::string fen(corvid::START_FEN);
  bool divide = false, chess960 = false;
  perft->add_option("depth", depth, "Depth in plies")->required()->check(CLI::Range(1, 15));
  perft->add_option("--fen", fen, "Position to start from (default: the start position)");
  perft->add_flag("--divide", divide, "Print the count below each root move");
  perft->add_flag("--chess960", chess960, "Chess960 castling rules and notation");

  CLI11_PARSE(app, argc, argv);

  if (*perft) return perft_command(fen, depth, divide, chess960);
  corvid::UciLoop(std::cin, std::cout).run();
  return 0;
}
