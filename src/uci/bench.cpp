#include "uci/bench.h"

#include <chrono>
#include <fstream>
#include <ostream>
#include <thread>

#include "chess/notation.h"
#include "search/engine.h"

namespace corvid {

namespace {

// Openings, middlegames and endgames (most drawn from the NNUE vector positions by piece
// count), and a few positions with mates to find.
constexpr const char* BENCH_POSITIONS[] = {
    "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
    "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1",
    "r4rk1/1pp1qppp/p1np1n2/2b1p1B1/2B1P1b1/P1NP1N2/1PP1QPPP/R4RK1 w - - 0 10",
    "rnbqk1nr/ppp1ppbp/3p2p1/8/4P3/2N3P1/PPPP1P1P/R1BQKBNR w KQkq - 2 4",
    "rn1qk2r/1bpp2pp/pp6/2bNPp2/8/P7/1P3PPP/R1BQKBNR w KQkq f6 0 10",
    "r1bqkb1r/ppp1nppp/2n1p3/8/2BPp3/2P5/PP2NPPP/RNBQK2R b KQkq - 3 6",
    "rnbqkbnr/pp1p1pp1/7p/2pPp3/2P5/8/PP2PPPP/RNBQKBNR w KQkq e6 0 4",
    "1nbqk1nr/r1p2pb1/p3p2p/1pPpN3/3P3R/2N3P1/PP2PP2/R1BQKB2 w Qk - 1 10",
    "2kb1rn1/1ppb2q1/p1np4/4p1P1/4P2B/2P1Q1P1/PPNNB3/R3K3 w Q - 4 21",
    "r2qk2r/pQ1b2b1/2n2n1p/2p2p2/2P3pP/P1N1PP2/1P1B1N2/2KR1B1R w kq - 0 17",
    "rnb3k1/pp1p1r1p/4pp1B/q2P4/8/P2Q4/1PP2PPP/R3K2R w KQ - 1 16",
    "1r1q1bnr/p3k1pp/2n1b3/1p1p4/5Q2/2N3P1/PP1PPP1P/R1B1KB1R w KQ - 5 12",
    "1r1q2k1/1b4bp/p2p1rp1/P1pn2N1/3p1P2/1Q4PB/1PP4P/R1B1R1K1 b - - 3 24",
    "r1bqr1k1/1p2bppp/5n2/p2p4/1B3N2/1QN3P1/4PPBP/R4RK1 b - - 0 16",
    "1rb1k2r/5pbp/p5p1/2p1p3/P1B2B2/2P4P/1P3PP1/RN2K2R b KQk - 0 16",
    "3r1rk1/1p3pp1/p6p/3p4/q3nP2/2P1R1PB/1B4KP/4R3 w - - 4 24",
    "2r5/p6q/P6k/1Pr1p1pp/2PpPpP1/1R5P/5K2/2RQ4 b - - 10 60",
    "3rrb1k/5pp1/2p4p/4P3/p4PRN/P5QP/1P2qB1K/8 w - - 0 38",
    "r3r1k1/1p3p2/4n1p1/3p3p/p6q/P3BP1P/1PQ2PK1/3RR3 w - - 0 27",
    "r4bk1/1p6/3p3p/p1nP1pp1/8/1P2RPPN/PB5P/1K6 w - - 0 31",
    "6r1/1p3nBp/p3k2p/P1prn3/4pPR1/1P2P1K1/8/7R w - - 0 42",
    "2r1R1k1/1p3pn1/6p1/3R3p/p1q5/P4P1P/1P1B1PK1/1Q6 b - - 0 30",
    "r6k/1R3p1p/2n1n1pB/1R6/3p2P1/3P4/4PP1P/K7 w - - 9 35",
    "1Q1b1rk1/1p3np1/7p/p2Np3/4q3/6P1/5PKP/R2R4 w - - 1 27",
    "8/1r3k2/2nRrpp1/2P4p/1P2pP1P/4P3/6P1/2R3K1 b - f3 0 38",
    "4r3/1p2k3/p1n2R2/7P/8/2PB1p1P/PP1Kpr2/4R3 w - - 8 40",
    "5Q2/6pk/7p/1p1p4/3Pp3/2pqB1KP/6P1/8 w - - 8 52",
    "8/1p3p2/pBn3k1/P1p3P1/2P2K2/8/2b3B1/8 b - - 2 44",
    "r1R3qk/6pp/8/2Q5/p3P3/8/5PPP/R5K1 b - - 0 22",
    "6k1/8/3pNb1p/R2P4/Pp6/1P6/7r/1K6 b - a3 0 48",
    "7k/5Q2/p1qP1bP1/P4p2/1B1p4/7P/5P2/7K w - - 6 45",
    "3r3R/5Pk1/6Bb/p2p4/2p1N3/P3P3/n2K4/8 w - - 3 40",
    "8/4b1k1/5q1p/8/1p4P1/1B3Q1P/5PK1/8 w - - 14 49",
    "8/8/1p2rk1p/1R1K3P/P1P3p1/8/5P2/8 w - - 4 49",
    "8/6pk/7p/r7/P7/5P1P/R6K/8 b - - 4 49",
    "8/p7/P6p/8/3K3k/8/3p3r/4n3 b - - 1 46",
    "5bk1/1p6/7p/5P1P/5P2/6K1/p7/8 b - - 1 45",
    "8/2p5/3p4/KP5r/1R3p1k/8/4P1P1/8 w - - 0 1",
    "8/P7/K6r/8/8/8/5k2/8 w - - 11 96",
    "8/8/8/8/6r1/5nk1/2K5/8 b - - 1 101",
    "4K3/4b3/8/8/7k/7P/8/8 w - - 9 156",
    "4k3/8/8/8/8/8/4P3/4K3 w - - 0 1",
    "8/8/8/4k3/8/8/8/KQ6 w - - 0 1",
    "8/8/8/3k4/8/8/8/4K2R w K - 0 1",
    "6k1/5ppp/8/8/8/8/5PPP/3R2K1 w - - 0 1",
    "r1b1kb1r/pppp1ppp/5q2/4n3/3KP3/2N3PN/PPP4P/R1BQ1B1R b kq - 0 1",
    "7k/5Q2/6K1/8/8/8/8/8 b - - 0 1",
};

}  // namespace

std::vector<std::string> bench_positions() { return {std::begin(BENCH_POSITIONS), std::end(BENCH_POSITIONS)}; }

bool read_bench_positions(const std::string& path, std::vector<std::string>& out, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    if (error) *error = "cannot open '" + path + "'";
    return false;
  }
  out.clear();
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  if (out.empty() && error) *error = "'" + path + "' holds no positions";
  return !out.empty();
}

uint64_t run_bench(const BenchSettings& settings, const nnue::Networks& nets, std::ostream& out, std::ostream& log,
                   const std::atomic<bool>* stop) {
  search::Engine engine;
  engine.set_networks(nets);
  engine.set_threads(settings.threads);
  engine.set_hash(size_t(settings.hash_mb));
  search::SearchLimits limits;
  if (settings.movetime_ms > 0) limits.movetime = settings.movetime_ms;
  else limits.depth = settings.depth;

  uint64_t nodes = 0;
  const std::vector<std::string> positions = settings.positions.empty() ? bench_positions() : settings.positions;
  const int count = int(positions.size());
  engine.clear();  // one fresh start for the whole list, as a new game: the count is reproducible
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    Position pos;
    std::string error;
    if (!pos.set_fen(positions[i], false, &error)) {
      log << "bench: position " << i + 1 << " refused: " << error << std::endl;
      continue;
    }
    engine.start(pos, limits, search::SearchOptions{});
    // Polled, not waited on, when it can be stopped: a sleeping watcher costs no search time.
    while (stop && engine.searching() && !stop->load()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (stop && stop->load()) {
      engine.stop();
      engine.wait();
      log << "bench: stopped at position " << i + 1 << "/" << count << std::endl;
      return nodes;
    }
    engine.wait();
    const search::SearchResult& r = engine.last_result();
    nodes += r.nodes;
    log << "position " << i + 1 << "/" << count << " " << positions[i] << ": bestmove "
        << (r.best ? move_to_uci(r.best, false) : "0000") << " nodes " << r.nodes << std::endl;
  }
  const int64_t ms = std::max<int64_t>(
      1, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  out << "Positions       : " << count << "\n";
  if (settings.movetime_ms > 0)
    out << "Time per move   : " << settings.movetime_ms << " ms\n"
        << "Threads         : " << settings.threads << "\n"
        << "Hash (MB)       : " << settings.hash_mb << "\n";
  else
    out << "Depth           : " << settings.depth << "\n";
  out
      << "Total time (ms) : " << ms << "\n"
      << nodes << " nodes " << nodes * 1000 / uint64_t(ms) << " nps" << std::endl;
  return nodes;
}

}  // namespace corvid
