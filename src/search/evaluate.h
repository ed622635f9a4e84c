// The static evaluation the search uses: the net's raw outputs turned into a score by the
// final formula of the net's generation, from the side to move's point of view.
// - HalfKAv2_hm nets alone: the formula of their generation. Stockfish 12-15.1's nets
//   (L1 1024) take Stockfish 15.1's: outputs weighed by material, optimism scaled by the
//   net's "complexity", material scaling, 50-move damping. The later ones (the 2560/3072
//   big nets and the 128 small net) take Stockfish 17's, with its big and small constants.
// - Full_Threats nets (Stockfish 18): the small net where material is lopsided (and the
//   big net again when the small one finds the position close), then Stockfish 18's
//   blend of the two outputs, optimism and net "complexity", material scaling and
//   50-move damping.
// - Stockfish 19's net (threats and pawn pairs, one net): the same formula with the two
//   outputs added instead of weighted.
// Without a net: material only. Keeps the accumulator stacks of both nets in step with
// the search's make/unmake (the small net's only records the moves until it is needed).
#pragma once

#include <cstdint>

#include "chess/position.h"
#include "nnue/accumulator.h"
#include "nnue/evaluator.h"
#include "nnue/networks.h"

namespace corvid::search {

// What one evaluation used and found, for the `eval` command and the tests.
struct EvalDetail {
  bool used_small = false;     // the small net's result was final
  bool big_evaluated = false;  // the big net ran (always, unless the small net was final)
  bool small_evaluated = false;
  nnue::RawEvaluation big, small;
  int value = 0;  // final, side to move's view, internal units
};

class Evaluator {
 public:
  void set_networks(const nnue::Networks& nets);
  const nnue::Networks& networks() const { return nets_; }
  void reset();  // a new root position
  void push(const Position& before, Move m);
  void push_null();
  void pop();

  // optimism: the side to move's, from the search (the formulas blend it in).
  int evaluate(const Position& pos, const nnue::Kernels& kernels, int optimism = 0, EvalDetail* detail = nullptr);

 private:
  nnue::Networks nets_;
  uint64_t big_id_ = 0, small_id_ = 0;  // the nets the stacks are sized for (Network::id)
  nnue::AccumulatorStack big_, small_;
};

// Stockfish's material measures (its piece values), which its formulas are fitted to.
int simple_material_balance(const Position& pos);  // side to move's view, pawns 208
int non_pawn_material(const Position& pos);        // both sides

}  // namespace corvid::search
