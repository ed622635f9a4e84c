#include "search/evaluate.h"

#include <algorithm>
#include <cstdlib>

#include "chess/see.h"
#include "search/value.h"

namespace corvid::search {

namespace {

// Stockfish 18's piece values; its evaluation formula's constants are fitted to them.
constexpr int PAWN_VALUE = 208;
constexpr int PIECE_VALUE[PIECE_TYPE_NB] = {0, PAWN_VALUE, 781, 825, 1276, 2538, 0};

int side_material(const Position& pos, Color c) {
  int v = 0;
  for (PieceType pt : {KNIGHT, BISHOP, ROOK, QUEEN}) v += PIECE_VALUE[pt] * popcount(pos.pieces(c, pt));
  return v;
}

// Without a net the engine still plays legal, sensible chess on material alone.
int material_evaluation(const Position& pos) {
  int score = 0;
  for (PieceType pt : {PAWN, KNIGHT, BISHOP, ROOK, QUEEN})
    score += 2 * SEE_PIECE_VALUE[pt] * (popcount(pos.pieces(WHITE, pt)) - popcount(pos.pieces(BLACK, pt)));
  return pos.side_to_move() == WHITE ? score : -score;
}

int clamp_out_of_mate_range(int v) { return std::clamp(v, VALUE_MATED_IN_MAX_PLY + 1, VALUE_MATE_IN_MAX_PLY - 1); }

// Stockfish 18: the small net where one side is ahead by more than this much material.
constexpr int SMALL_NET_THRESHOLD = 962;
// ... and the big net after all when the small net finds the position closer than this.
constexpr int SMALL_NET_RECHECK = 277;

// How the net's two outputs (each divided by 16 first, as Stockfish's network does) make
// its evaluation: Stockfish 18 weighs them, Stockfish 19 adds them.
int64_t blend(const nnue::RawEvaluation& raw, bool weighted) {
  const int64_t psqt = raw.psqt / nnue::OUTPUT_SCALE, positional = raw.positional / nnue::OUTPUT_SCALE;
  return weighted ? (125 * psqt + 131 * positional) / 128 : psqt + positional;
}

}  // namespace

int non_pawn_material(const Position& pos) { return side_material(pos, WHITE) + side_material(pos, BLACK); }

namespace {

// Stockfish 17's, 18's and 19's evaluate() after the net share one shape: optimism and
// eval blended with the net's "complexity" (how much its two outputs disagree), scaled by
// material, damped by the 50-move counter. The versions (and Stockfish 17's two net
// sizes) differ in the constants and in how the outputs make the eval (blend).
// In 64 bits: the load-time overflow proof bounds the raw outputs, not these products.
// The 50-move counter counts up to 100 here (beyond it the position is drawn anyway, and
// a FEN may say up to 1000, which would flip the sign).
struct BlendedFormula {
  bool weighted;                       // see blend()
  int optimism_divisor, eval_divisor;  // complexity's pull on optimism and on the eval
  int pawn_material, eval_base, optimism_base, divisor;
  int rule50_divisor;
};
// Stockfish 18 (weighted) and 19 (added); Stockfish 17's big and small HalfKAv2_hm nets.
constexpr BlendedFormula STOCKFISH18{true, 476, 18236, 534, 77871, 7191, 77871, 199};
constexpr BlendedFormula STOCKFISH19{false, 476, 18236, 534, 77871, 7191, 77871, 199};
constexpr BlendedFormula STOCKFISH17_BIG{true, 453, 17864, 532, 73921, 8112, 74715, 212};
constexpr BlendedFormula STOCKFISH17_SMALL{true, 433, 18815, 553, 73921, 8112, 68104, 212};

int blended_final(const nnue::RawEvaluation& raw, const Position& pos, int optimism, const BlendedFormula& f) {
  int64_t nnue = blend(raw, f.weighted);
  const int64_t complexity = std::abs(int64_t(raw.psqt / nnue::OUTPUT_SCALE) - raw.positional / nnue::OUTPUT_SCALE);
  int64_t opt = optimism;
  opt += opt * complexity / f.optimism_divisor;
  nnue -= nnue * complexity / f.eval_divisor;
  const int64_t material = int64_t(f.pawn_material) * popcount(pos.pieces(PAWN)) + non_pawn_material(pos);
  int64_t v = (nnue * (f.eval_base + material) + opt * (f.optimism_base + material)) / f.divisor;
  v -= v * std::min(pos.rule50(), 100) / f.rule50_divisor;
  return int(std::clamp<int64_t>(v, VALUE_MATED_IN_MAX_PLY + 1, VALUE_MATE_IN_MAX_PLY - 1));
}

// Stockfish 15.1's evaluate() for its nets (HalfKAv2_hm, L1 1024): the outputs weighed
// towards the positional one as material goes, "complexity" from how far the net is
// from the classical score (and from how its two outputs differ) scaling the optimism,
// the whole scaled by material and damped by the 50-move counter. Stockfish's classical
// score is its piece-square sum; Corvid has no such tables and takes the endgame material
// balance in its place (it only matters with optimism). Stockfish's switch to the
// classical evaluation in lopsided positions has no counterpart here: the net decides.
int stockfish15_final(const nnue::RawEvaluation& raw, const Position& pos, int optimism) {
  constexpr int EG_VALUE[PIECE_TYPE_NB] = {0, 208, 854, 915, 1380, 2682, 0};  // Stockfish 15.1's
  const Color us = pos.side_to_move();
  int64_t psq = 0;
  for (PieceType pt : {PAWN, KNIGHT, BISHOP, ROOK, QUEEN})
    psq += EG_VALUE[pt] * (popcount(pos.pieces(us, pt)) - popcount(pos.pieces(~us, pt)));
  const int64_t npm = non_pawn_material(pos);
  const int64_t delta = 24 - npm / 9560;
  const int64_t nnue = ((1024 - delta) * raw.psqt + (1024 + delta) * raw.positional) / (1024 * nnue::OUTPUT_SCALE);
  const int64_t net_complexity = std::abs(int64_t(raw.psqt) - raw.positional) / nnue::OUTPUT_SCALE;
  const int64_t complexity =
      (416 * net_complexity + 424 * std::abs(psq - nnue) + (optimism > 0 ? optimism * (psq - nnue) : 0)) / 1024;
  const int64_t opt = optimism * (269 + complexity) / 256;
  const int64_t scale = 1064 + 106 * npm / 5120;
  int64_t v = (nnue * scale + opt * (scale - 754)) / 1024;
  v = v * (195 - std::min(pos.rule50(), 100)) / 211;
  return int(std::clamp<int64_t>(v, VALUE_MATED_IN_MAX_PLY + 1, VALUE_MATE_IN_MAX_PLY - 1));
}

// Stockfish 16 and 16.1's nets (2560) take Stockfish 17's big-net constants, though their
// own versions' formulas had other constants.
// The L1 sizes of the HalfKAv2_hm generations: Stockfish 12-15.1 (1024), 16.1/17 small (128).
constexpr int STOCKFISH15_L1 = 1024, STOCKFISH17_SMALL_L1 = 128;

}  // namespace

int simple_material_balance(const Position& pos) {
  const Color us = pos.side_to_move(), them = ~us;
  return PAWN_VALUE * (popcount(pos.pieces(us, PAWN)) - popcount(pos.pieces(them, PAWN))) +
         side_material(pos, us) - side_material(pos, them);
}

void Evaluator::set_networks(const nnue::Networks& nets) {
  const uint64_t big_id = nets.big ? nets.big->id() : 0;
  if (big_id != big_id_) big_.set_network(nets.big), big_id_ = big_id;
  const nnue::Network* small = nets.paired() ? nets.small : nullptr;
  const uint64_t small_id = small ? small->id() : 0;
  if (small_id != small_id_) small_.set_network(small), small_id_ = small_id;
  nets_ = nets;
}

void Evaluator::reset() {
  if (nets_.big) big_.reset();
  if (nets_.paired()) small_.reset();
}

void Evaluator::push(const Position& before, Move m) {
  if (nets_.big) big_.push(before, m);
  if (nets_.paired()) small_.push(before, m);
}

void Evaluator::push_null() {
  if (nets_.big) big_.push_null();
  if (nets_.paired()) small_.push_null();
}

void Evaluator::pop() {
  if (nets_.big) big_.pop();
  if (nets_.paired()) small_.pop();
}

int Evaluator::evaluate(const Position& pos, const nnue::Kernels& kernels, int optimism, EvalDetail* detail) {
  EvalDetail local;
  EvalDetail& d = detail ? *detail : local;
  if (!nets_.big) return d.value = material_evaluation(pos);

  if (!nets_.big->has_threats()) {
    d.big = nnue::evaluate_raw(*nets_.big, kernels, big_, pos);
    d.big_evaluated = true;
    const int l1 = nets_.big->l1();
    return d.value = clamp_out_of_mate_range(l1 == STOCKFISH15_L1 ? stockfish15_final(d.big, pos, optimism)
                                                                  : blended_final(d.big, pos, optimism,
                                                                                  l1 == STOCKFISH17_SMALL_L1 ? STOCKFISH17_SMALL
                                                                                                             : STOCKFISH17_BIG));
  }

  const nnue::RawEvaluation* final_raw = nullptr;
  if (nets_.paired() && std::abs(simple_material_balance(pos)) > SMALL_NET_THRESHOLD) {
    d.small = nnue::evaluate_raw(*nets_.small, kernels, small_, pos);
    d.small_evaluated = true;
    if (std::abs(blend(d.small, true)) >= SMALL_NET_RECHECK) {
      d.used_small = true;
      final_raw = &d.small;
    }
  }
  if (!final_raw) {
    d.big = nnue::evaluate_raw(*nets_.big, kernels, big_, pos);
    d.big_evaluated = true;
    final_raw = &d.big;
  }
  const bool sf18 = nets_.big->graph() == nnue::LayerGraph::SkipOutput;
  return d.value = clamp_out_of_mate_range(blended_final(*final_raw, pos, optimism, sf18 ? STOCKFISH18 : STOCKFISH19));
}

}  // namespace corvid::search
