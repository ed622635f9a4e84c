// Corvid's command line: no arguments starts the UCI loop; subcommands for the rest.
// Arguments that are not a subcommand are UCI commands, run in order (the convention of
// OpenBench and Stockfish: `corvid "genfens 10 seed 1 book None" quit`).
#include <CLI/CLI.hpp>
#include <iostream>
#include <spdlog/spdlog.h>

#include "chess/position.h"
#include "nnue/network_loader.h"
#include "tb/tb_command.h"
#include "tools/net_command.h"
#include "uci/bench.h"
#include "uci/eval_command.h"
#include "uci/evalbench.h"
#include "uci/perft_report.h"
#include "uci/uci_loop.h"
#include "util/logging.h"

namespace {

int perft_command(const std::string& fen, int depth, bool divide, bool chess960) {
  corvid::Position pos;
  std::string error;
  if (!pos.set_fen(fen, chess960, &error)) {
    spdlog::error("corvid perft: {}", error);
    return 1;
  }
  const corvid::PerftReport report = corvid::run_perft(pos, depth, divide, std::cout);
  const double nps = report.seconds > 0 ? double(report.nodes) / report.seconds : 0;
  spdlog::info("perft {}: {} nodes in {:.0f} ms, {:.2f} Mnps", depth, report.nodes, report.seconds * 1000, nps / 1e6);
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

  auto* eval = app.add_subcommand("eval", "Evaluate positions read from stdin, one per line");
  std::string net_path;
  bool raw = false;
  eval->add_option("--net", net_path, "Network file (default: the embedded net)");
  eval->add_flag("--raw", raw, "Print raw network outputs (bucket, PSQT, positional) instead of centipawns");

  auto* evalbench = app.add_subcommand("evalbench", "Measure evaluations per second");
  std::vector<std::string> bench_nets;
  std::string kernel_name;
  double bench_seconds = 2.0;
  evalbench->add_option("--net", bench_nets, "Network file(s) (default: the embedded net)");
  evalbench->add_option("--kernels", kernel_name, "Kernel flavour: scalar, avx2, avx512, avx512-vnni (default: the build's)");
  evalbench->add_option("--seconds", bench_seconds, "Seconds per measurement")->check(CLI::Range(0.1, 600.0));

  auto* bench = app.add_subcommand("bench", "Search a fixed set of positions; ends with '<nodes> nodes <nps> nps'");
  corvid::BenchSettings bench_settings;
  std::string bench_net;
  bench->add_option("depth", bench_settings.depth, "Depth in plies (default 13)")->check(CLI::Range(1, 64));
  bench->add_option("threads", bench_settings.threads, "Search threads (default 1)")->check(CLI::Range(1, 256));
  bench->add_option("hash", bench_settings.hash_mb, "Hash in MB (default 16)")->check(CLI::Range(1, 65536));
  bench->add_option("--net", bench_net, "Network file (default: the embedded net)");
  std::string bench_fens;
  bool bench_list = false;
  bench->add_option("--fens", bench_fens, "Search the FENs of this file (one per line) instead of the built-in list");
  bench->add_flag("--list", bench_list, "Print the built-in positions, one FEN per line, and exit");

  auto* tb = app.add_subcommand("tb", "Probe Syzygy tablebases: '<wdl> <dtz>' per FEN (arguments, else stdin lines)");
  std::string tb_path;
  std::vector<std::string> tb_fens;
  tb->add_option("--path", tb_path, "Table folders, ':'-separated")->required();
  tb->add_option("fens", tb_fens, "Positions (FEN, quoted)");

  const corvid::tools::NetCommands net_tools = corvid::tools::add_net_commands(app);  // `corvid net ...`

  // The first argument decides: a subcommand or an option goes to CLI11, anything else
  // starts the list of UCI commands.
  if (argc > 1 && argv[1][0] != '-') {
    bool subcommand = false;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      subcommand = subcommand || sub->check_name(argv[1]);
    if (!subcommand) {
      corvid::UciLoop(std::cin, std::cout).run_commands(std::vector<std::string>(argv + 1, argv + argc));
      return 0;
    }
  }

  CLI11_PARSE(app, argc, argv);

  if (net_tools.chosen()) return net_tools.run();

  if (*bench) {
    if (bench_list) {
      for (const std::string& line : corvid::bench_positions()) std::cout << line << "\n";
      return 0;
    }
    if (!bench_fens.empty()) {
      std::string error;
      if (!corvid::read_bench_positions(bench_fens, bench_settings.positions, &error)) {
        spdlog::error("corvid bench: {}", error);
        return 1;
      }
    }
    const corvid::nnue::LoadedNetwork loaded = corvid::nnue::load_network(bench_net);
    if (!loaded.network) spdlog::warn("corvid bench: {}; searching on material only", loaded.error);
    // The embedded small net pairs with a big net of its generation (Stockfish 18's).
    const corvid::nnue::LoadedNetwork small = corvid::nnue::load_embedded_network(corvid::nnue::NetSlot::Small);
    corvid::run_bench(bench_settings, {loaded.network.get(), small.network.get()}, std::cout, std::cerr);
    return 0;
  }

  if (*evalbench) return corvid::evalbench_command(bench_nets, kernel_name, bench_seconds);

  if (*eval) {
    const corvid::nnue::LoadedNetwork loaded = corvid::nnue::load_network(net_path);
    if (!loaded.network) {
      spdlog::error("corvid eval: {}", loaded.error);
      return 1;
    }
    corvid::run_eval_lines(*loaded.network, raw, std::cin, std::cout);
    return 0;
  }

  if (*tb) return corvid::tb::tb_command(tb_path, tb_fens, std::cin, std::cout);
  if (*perft) return perft_command(fen, depth, divide, chess960);
  corvid::UciLoop(std::cin, std::cout).run();
  return 0;
}
