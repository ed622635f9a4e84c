// The lazily updated accumulators (ancestor deltas, refresh cache, threat deltas) equal a
// full refresh at every node of long random games with random make/unmake excursions,
// null moves, and special moves (castling both ways, promotions, en passant) favoured
// whenever the position has them; the whole network output is compared as well.
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

struct MoveCounts {
  int castling = 0, promotions = 0, en_passant = 0, captures = 0;
};

// Uniform among legal moves, except that a castling, promotion or en passant move is
// taken half of the time when there is one (random play rarely finds them otherwise).
Move random_move(const Position& pos, std::mt19937_64& rng, MoveCounts* counts = nullptr) {
  MoveList moves;
  generate<LEGAL>(pos, moves);
  if (moves.empty()) return Move::none();
  std::vector<Move> special;
  for (Move m : moves)
    if (m.kind() != NORMAL) special.push_back(m);
  const Move m = !special.empty() && rng() % 2 ? special[rng() % special.size()] : moves[int(rng() % moves.size())];
  if (counts) {
    counts->castling += m.kind() == CASTLING;
    counts->promotions += m.kind() == PROMOTION;
    counts->en_passant += m.kind() == EN_PASSANT;
    counts->captures += pos.is_capture(m);
  }
  return m;
}

std::string describe(const RawEvaluation& e) {
  return std::to_string(e.bucket) + " " + std::to_string(e.psqt) + " " + std::to_string(e.positional);
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
    if (net.has_threats()) {
      const bool threats_equal =
          std::memcmp(stack.threats().values(p), reference.threats().values(p), sizeof(int16_t) * net.l1()) == 0 &&
          std::memcmp(stack.threats().psqt(p), reference.threats().psqt(p), sizeof(int32_t) * PSQT_BUCKETS) == 0;
      if (!threats_equal) FAIL("threat accumulator differs from a refresh at " << pos.fen() << " perspective " << int(p));
    }
  }
  REQUIRE(describe(propagate(net, kernels, stack, pos)) == describe(propagate(net, kernels, reference, pos)));
  ++nodes;
}

// Start positions rich in castling (both ways, Chess960 too), promotions and en passant.
struct Start {
  const char* fen;
  bool chess960;
};
constexpr Start STARTS[] = {
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", false},
    {"r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1", false},
    {"r3k2r/1P1p2P1/8/2pP4/5pP1/8/1p1P2p1/R3K2R w KQkq c6 0 1", false},
    {"bqnb1rkr/pp3ppp/3ppn2/2p5/5P2/P2P4/NPP1P1PP/BQ1BNRKR w HFhf - 2 9", true},
    {"2r1kr2/8/8/8/8/8/8/1R2K1R1 w GBfc - 0 1", true},
};

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
  MoveCounts counts;

  for (int game = 0; game < 10; ++game) {
    Position pos;
    const Start& start = STARTS[game % std::size(STARTS)];
    std::string error;
    REQUIRE(pos.set_fen(start.fen, start.chess960, &error));
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
        line[made] = random_move(pos, rng, &counts);
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
      const Move m = random_move(pos, rng, &counts);
      if (m == Move::none() || pos.rule50() >= 100) break;
      stack.push(pos, m);
      pos.make_move(m);
    }
    expect_equal_to_refresh(net, kernels, stack, reference, pos, nodes);
    longest = std::max(longest, ply);
  }
  INFO(net_name << ": " << nodes << " nodes compared, longest game " << longest << " plies, " << counts.castling
                << " castlings, " << counts.promotions << " promotions, " << counts.en_passant << " en passant, "
                << counts.captures << " captures");
  CHECK(nodes > 500);
  CHECK(counts.castling >= 4);
  CHECK(counts.promotions >= 4);
  CHECK(counts.en_passant >= 2);
}

}  // namespace

TEST_CASE("Incremental accumulators equal a full refresh, nn-ad9b42354671", "[nnue][incremental]") {
  run_random_games("nn-ad9b42354671.nnue", 2024);
}

TEST_CASE("Incremental accumulators equal a full refresh, nn-37f18f62d772", "[nnue][incremental]") {
  run_random_games("nn-37f18f62d772.nnue", 7);
}

TEST_CASE("Incremental accumulators equal a full refresh, nn-c288c895ea92 (Full_Threats)", "[nnue][incremental][threats]") {
  run_random_games("nn-c288c895ea92.nnue", 18);
  run_random_games("nn-c288c895ea92.nnue", 1818);
}

// Stockfish 19: threats (its filtered set) and pawn pairs in the threat accumulator, which
// pawn moves, pawn captures, promotions and en passant change.
TEST_CASE("Incremental accumulators equal a full refresh, nn-1a298aa575a0 (Stockfish 19)", "[nnue][incremental][sf19]") {
  run_random_games("nn-1a298aa575a0.nnue", 19);
  run_random_games("nn-1a298aa575a0.nnue", 1919);
}
