#include "uci/evalbench.h"

#include <chrono>

#include "chess/movegen.h"
#include "nnue/evaluator.h"

namespace corvid {

namespace {

using Clock = std::chrono::steady_clock;

// Fixed games: pseudo-random legal moves (a fixed-seed generator), so every run and build
// measures the same positions.
std::vector<std::vector<Move>> make_games(int count, int plies) {
  std::vector<std::vector<Move>> games;
  uint64_t state = 0xC0FFEE;
  for (int g = 0; g < count; ++g) {
    Position pos;
    std::vector<Move> moves;
    for (int ply = 0; ply < plies; ++ply) {
      MoveList list;
      generate<LEGAL>(pos, list);
      if (list.empty()) break;
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const Move m = list[int((state >> 33) % list.size())];
      moves.push_back(m);
      pos.make_move(m);
    }
    games.push_back(std::move(moves));
  }
  return games;
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

EvalbenchResult run_evalbench(const nnue::Network& net, const nnue::Kernels& kernels, double seconds_each) {
  const auto games = make_games(16, 120);
  EvalbenchResult result;
  nnue::AccumulatorStack stack;
  stack.set_network(&net);

  // (a) Every position from scratch.
  int64_t evaluations = 0;
  auto start = Clock::now();
  while (seconds_since(start) < seconds_each) {
    for (const auto& game : games) {
      Position pos;
      for (Move m : game) {
        pos.make_move(m);
        stack.reset();
        stack.refresh_from_scratch(pos, kernels);
        result.checksum += nnue::propagate(net, kernels, stack, pos).positional;
        ++evaluations;
      }
    }
  }
  result.refresh_per_second = double(evaluations) / seconds_since(start);

  // (b) Make the move, update from the parent, evaluate.
  evaluations = 0;
  start = Clock::now();
  while (seconds_since(start) < seconds_each) {
    for (const auto& game : games) {
      Position pos;
      stack.reset();
      for (Move m : game) {
        stack.push(pos, m);
        pos.make_move(m);
        result.checksum += nnue::evaluate_raw(net, kernels, stack, pos).positional;
        ++evaluations;
      }
    }
  }
  result.incremental_per_second = double(evaluations) / seconds_since(start);
  return result;
}

}  // namespace corvid
