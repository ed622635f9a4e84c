// The lazily updated accumulators (ancestor deltas, refresh cache) equal a full refresh
// at every node of long random games with random make/unmake excursions.
#include <catch2/catch.hpp>
#include <cstring>
#include <random>

#include "chess/movegen.h"
#include "net_test_support.h"
#include "nnue/evaluator.h"
#include "nnue/network_loader.h"

using namespace corvid;
using namespace corvid::nnue;

namespace {

Move random_move(const Position& pos, std::mt19937_64& rng) {
  MoveList moves;
  generate<LEGAL>(pos, moves);
  if (moves.empty()) return Move::none();
  return moves[int(rng() % moves.size())];
}

// Compares the incrementally updated top entry with a from-scratch one; counts nodes.
void expect_equal_to_refresh(const Network& net, const Kernels& kernels, AccumulatorStack& stack,
                             AccumulatorStack& reference, const Position& pos, int& nodes) {
  stack.update(pos, kernels);
  reference.reset();
  reference.refresh_from_scratch(pos, kernels);
  for (Color p : {WHITE, BLACK}) {
    const bool values_equal = std::memcmp(stack.values(p), reference.values(p), sizeof(int16_t) * net.l1()) == 0;
    const bool psqt_equal = std::memcmp(stack.psqt(p), reference.psqt(p), sizeof(int32_t) * PSQT_BUCKETS) == 0;
    if (!values_equal || !psqt_equal) FAIL("accumulator differs from a refresh at " << pos.fen() << " perspective " << int(p));
  }
  ++nodes;
}

void run_random_games(const std::string& net_name, uint64_t seed) {
  const std::string path = test::reference_net(net_name);
  if (path.empty()) return;
  const LoadedNetwork loaded = load_network_file(path);
  REQUIRE(loaded.network);
  const Network& net = *loaded.network;
  const Kernels& kernels = build_kernels();
  AccumulatorStack stack, reference;
  stack.set_network(&net);
  reference.set_network(&net);
  std::mt19937_64 rng(seed);
  int nodes = 0, longest = 0;

  for (int game = 0; game < 6; ++game) {
    Position pos;
    stack.reset();
    int ply = 0;
    for (; ply < 260; ++ply) {
      // Evaluate some nodes only, as a search does, so updates span several plies.
      if (rng() % 3 == 0) expect_equal_to_refresh(net, kernels, stack, reference, pos, nodes);
      // An excursion: a few moves down, evaluating on the way, then back up.
      const int excursion = int(rng() % 5);
      Move line[5];
      int made = 0;
      for (; made < excursion; ++made) {
        line[made] = random_move(pos, rng);
        if (line[made] == Move::none()) break;
        stack.push(pos, line[made]);
        pos.make_move(line[made]);
        if (rng() % 2 == 0) expect_equal_to_refresh(net, kernels, stack, reference, pos, nodes);
      }
      while (made > 0) {
        pos.unmake_move(line[--made]);
        stack.pop();
        // Back up: this node may now be computed backward from the child just popped.
        if (rng() % 2 == 0) expect_equal_to_refresh(net, kernels, stack, reference, pos, nodes);
      }
      if (rng() % 4 == 0 && !pos.in_check()) {  // a null move now and then
        stack.push_null();
        pos.make_null_move();
        expect_equal_to_refresh(net, kernels, stack, reference, pos, nodes);
        pos.unmake_null_move();
        stack.pop();
      }
      const Move m = random_move(pos, rng);
      if (m == Move::none() || pos.rule50() >= 100) break;
      stack.push(pos, m);
      pos.make_move(m);
    }
    expect_equal_to_refresh(net, kernels, stack, reference, pos, nodes);
    longest = std::max(longest, ply);
  }
  INFO(net_name << ": " << nodes << " nodes compared, longest game " << longest << " plies");
  CHECK(nodes > 500);
}

}  // namespace

TEST_CASE("Incremental accumulators equal a full refresh, nn-ad9b42354671", "[nnue][incremental]") {
  run_random_games("nn-ad9b42354671.nnue", 2024);
}

TEST_CASE("Incremental accumulators equal a full refresh, nn-37f18f62d772", "[nnue][incremental]") {
  run_random_games("nn-37f18f62d772.nnue", 7);
}
