#include "uci/evalbench.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <spdlog/spdlog.h>

#include "chess/movegen.h"
#include "nnue/evaluator.h"
#include "nnue/network_loader.h"

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
  do {  // at least one pass, so the checksum always covers the same work
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
  } while (seconds_since(start) < seconds_each);
  result.refresh_per_second = double(evaluations) / seconds_since(start);

  // (b) Make the move, update from the parent, evaluate.
  evaluations = 0;
  start = Clock::now();
  do {
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
  } while (seconds_since(start) < seconds_each);
  result.incremental_per_second = double(evaluations) / seconds_since(start);
  return result;
}

int evalbench_command(std::vector<std::string> nets, const std::string& kernel_name, double seconds) {
  const nnue::Kernels* kernels = &nnue::build_kernels();
  if (!kernel_name.empty()) {
    kernels = nullptr;
    for (const nnue::Kernels* k : nnue::runnable_kernels())
      if (kernel_name == k->name) kernels = k;
    if (!kernels) {
      spdlog::error("corvid evalbench: kernels '{}' do not exist or this CPU cannot run them", kernel_name);
      return 1;
    }
  }
  if (nets.empty()) nets.push_back("");
  std::printf("%-22s %-5s %-12s %15s %19s %14s\n", "net", "L1", "kernels", "refresh+eval/s", "incremental+eval/s",
              "checksum");
  for (const std::string& path : nets) {
    const nnue::LoadedNetwork loaded = nnue::load_network(path);
    if (!loaded.network) {
      spdlog::error("corvid evalbench: {}", loaded.error);
      return 1;
    }
    // Fixed work for the checksum: one pass over the games with each method.
    const EvalbenchResult check = run_evalbench(*loaded.network, *kernels, 0);
    const EvalbenchResult r = run_evalbench(*loaded.network, *kernels, seconds);
    const std::string name = loaded.name.substr(loaded.name.find_last_of('/') + 1);
    std::printf("%-22s %-5d %-12s %15.0f %19.0f %14lld\n", name.c_str(), loaded.network->l1(), kernels->name,
                r.refresh_per_second, r.incremental_per_second, static_cast<long long>(check.checksum));
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace corvid
