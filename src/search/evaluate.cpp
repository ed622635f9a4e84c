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

// Stockfish 18's and 19's evaluate() after the net: optimism and eval blended with the
// net's "complexity" (how much its two outputs disagree), scaled by material, damped by
// the 50-move counter; the two differ only in how the outputs make the eval (blend).
// In 64 bits: the load-time overflow proof bounds the raw outputs, not these products.
// The 50-move counter counts up to 100 here (beyond it the position is drawn anyway, and
// a FEN may say up to 1000, which would flip the sign).
int threat_net_final(const nnue::RawEvaluation& raw, const Position& pos, int optimism, bool weighted) {
  int64_t nnue = blend(raw, weighted);
  const int64_t complexity = std::abs(int64_t(raw.psqt / nnue::OUTPUT_SCALE) - raw.positional / nnue::OUTPUT_SCALE);
  int64_t opt = optimism;
  opt += opt * complexity / 476;
  nnue -= nnue * complexity / 18236;
  const int64_t material = 534 * popcount(pos.pieces(PAWN)) + non_pawn_material(pos);
  int64_t v = (nnue * (77871 + material) + opt * (7191 + material)) / 77871;
  v -= v * std::min(pos.rule50(), 100) / 199;
  return int(std::clamp<int64_t>(v, VALUE_MATED_IN_MAX_PLY + 1, VALUE_MATE_IN_MAX_PLY - 1));
}

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
    int64_t v = (int64_t(d.big.psqt) + d.big.positional) / nnue::OUTPUT_SCALE;
    v = v * (200 - std::min(pos.rule50(), 100)) / 200;  // nearer the 50-move rule, nearer a draw
    return d.value = clamp_out_of_mate_range(int(std::clamp<int64_t>(v, -VALUE_MATE, VALUE_MATE)));
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
  return d.value = clamp_out_of_mate_range(threat_net_final(*final_raw, pos, optimism, sf18));
}

}  // namespace corvid::search
