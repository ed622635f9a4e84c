#include "nnue/threat_accumulator.h"

#include <cstring>

namespace corvid::nnue {

namespace {

constexpr int MAX_BATCH = 32;

// Threat rows to add and subtract, flushed to the kernel in batches.
class ThreatBatch {
 public:
  ThreatBatch(const Network& net, const Kernels& kernels, int16_t* dst, const int16_t* src, int32_t* psqt_dst,
              const int32_t* psqt_src)
      : net_(net), kernels_(kernels), dst_(dst), src_(src), psqt_dst_(psqt_dst), psqt_src_(psqt_src) {}

  void add(int feature) {
    if (feature == full_threats::NONE) return;
    if (add_count_ == MAX_BATCH) flush();
    add_features_[add_count_] = feature;
    adds_[add_count_++] = net_.threat_weights(feature);
  }
  void sub(int feature) {
    if (feature == full_threats::NONE) return;
    if (sub_count_ == MAX_BATCH) flush();
    sub_features_[sub_count_] = feature;
    subs_[sub_count_++] = net_.threat_weights(feature);
  }
  // Writes dst from src and the pending rows; later batches then build on dst.
  void flush() {
    kernels_.ft_update_i8(dst_, src_, adds_, add_count_, subs_, sub_count_, net_.l1());
    int32_t psqt[PSQT_BUCKETS];
    for (int b = 0; b < PSQT_BUCKETS; ++b) psqt[b] = psqt_src_[b];
    for (int k = 0; k < add_count_; ++k) {
      const int32_t* w = net_.threat_psqt_weights(add_features_[k]);
      for (int b = 0; b < PSQT_BUCKETS; ++b) psqt[b] += w[b];
    }
    for (int k = 0; k < sub_count_; ++k) {
      const int32_t* w = net_.threat_psqt_weights(sub_features_[k]);
      for (int b = 0; b < PSQT_BUCKETS; ++b) psqt[b] -= w[b];
    }
    for (int b = 0; b < PSQT_BUCKETS; ++b) psqt_dst_[b] = psqt[b];
    add_count_ = sub_count_ = 0;
    src_ = dst_;
    psqt_src_ = psqt_dst_;
  }

 private:
  const Network& net_;
  const Kernels& kernels_;
  int16_t* dst_;
  const int16_t* src_;
  int32_t* psqt_dst_;
  const int32_t* psqt_src_;
  const int8_t* adds_[MAX_BATCH];
  const int8_t* subs_[MAX_BATCH];
  int add_features_[MAX_BATCH];
  int sub_features_[MAX_BATCH];
  int add_count_ = 0, sub_count_ = 0;
};

int feature_of(full_threats::Generation g, Color p, Square ksq, const full_threats::Threat& t) {
  return full_threats::feature_index(g, p, ksq, t.attacker, t.from, t.attacked, t.to);
}


// The pawn-pair rows of `pairs` (which start at row `base`), seen by p with its king on
// ksq, added to or subtracted from the batch.
void add_pair_rows(ThreatBatch& batch, int base, Color p, Square ksq, const pawn_pairs::Pair* pairs, int count,
                   bool add) {
  for (int k = 0; k < count; ++k) {
    const pawn_pairs::Pair& pair = pairs[k];
    const int f = base + pawn_pairs::feature_index(p, ksq, pair.ca, pair.a, pair.cb, pair.b);
    add ? batch.add(f) : batch.sub(f);
  }
}

pawn_pairs::PawnSets pawn_sets(const Position& pos) { return {pos.pieces(WHITE, PAWN), pos.pieces(BLACK, PAWN)}; }

}  // namespace

void ThreatAccumulatorStack::set_network(const Network* net) {
  net_ = net;
  l1_ = net && net->has_threats() ? net->l1() : 0;
  const FeatureSet& fs = net ? net->architecture().feature_set : HALF_KA_V2_HM;
  generation_ = full_threats::generation_of(fs.threat_inputs);
  pair_base_ = fs.pair_inputs > 0 ? int(fs.threat_inputs) : 0;
  entries_.assign(l1_ ? 128 : 1, Entry{});
  values_.assign(entries_.size() * 2 * l1_, 0);
  reset();
}

void ThreatAccumulatorStack::reset() {
  top_ = 0;
  for (Entry& e : entries_) e.computed[WHITE] = e.computed[BLACK] = false;
}

ThreatAccumulatorStack::Entry& ThreatAccumulatorStack::next_entry() {
  if (top_ + 1 == int(entries_.size())) {
    entries_.resize(entries_.size() * 2);
    values_.resize(entries_.size() * 2 * l1_);
  }
  Entry& e = entries_[++top_];
  e.computed[WHITE] = e.computed[BLACK] = false;
  // The entry above the top is unused or the top's last popped child.
  if (top_ + 1 < int(entries_.size())) entries_[top_ + 1].computed[WHITE] = entries_[top_ + 1].computed[BLACK] = false;
  return e;
}

void ThreatAccumulatorStack::push(const Position& before, const BoardDelta& delta) {
  Entry& e = next_entry();
  threat_delta(before, delta, e.delta);
  e.mirrors[WHITE] = e.mirrors[BLACK] = false;
  // Only pawn-pair nets read the pawn sets: no work for the others on this hot path.
  e.pawns_before = e.pawns_after = pair_base_ ? pawn_sets(before) : pawn_pairs::PawnSets{};
  for (int k = 0; k < delta.count; ++k) {
    const DirtyPiece& dp = delta.pieces[k];
    if (type_of(dp.piece) == KING && full_threats::king_move_flips(dp.from, dp.to))
      e.mirrors[color_of(dp.piece)] = true;
    if (pair_base_ && type_of(dp.piece) == PAWN) {
      Bitboard& set = color_of(dp.piece) == WHITE ? e.pawns_after.white : e.pawns_after.black;
      if (dp.from != SQ_NONE) set &= ~square_bb(dp.from);
      if (dp.to != SQ_NONE) set |= square_bb(dp.to);
    }
  }
}

void ThreatAccumulatorStack::push_null() {
  Entry& e = next_entry();
  e.delta.clear();
  e.mirrors[WHITE] = e.mirrors[BLACK] = false;
  e.pawns_before = e.pawns_after = {};
}

void ThreatAccumulatorStack::update(const Position& pos, const Kernels& kernels) {
  update_side(pos, WHITE, kernels);
  update_side(pos, BLACK, kernels);
}

void ThreatAccumulatorStack::update_side(const Position& pos, Color p, const Kernels& kernels) {
  if (entries_[top_].computed[p]) return;
  const Square ksq = pos.king_square(p);
  auto usable = [&](const Entry& e) { return !e.mirrors[p] && !e.delta.overflow; };

  if (top_ + 1 < int(entries_.size()) && entries_[top_ + 1].computed[p] && usable(entries_[top_ + 1])) {
    apply_delta(top_, top_ + 1, p, ksq, kernels);
    return;
  }
  // About two threats per piece: past that many changes a recomputation is cheaper.
  const int refresh_cost = 2 * pos.piece_count();
  int below = top_, forward_cost = 0;
  for (;;) {
    const Entry& e = entries_[below];
    forward_cost += e.delta.size();
    if (below == 0 || !usable(e) || forward_cost > refresh_cost) {
      refresh_side(pos, p, kernels);
      return;
    }
    if (entries_[--below].computed[p]) break;
  }
  for (int e = below + 1; e <= top_; ++e) apply_delta(e, e - 1, p, ksq, kernels);
}

void ThreatAccumulatorStack::apply_delta(int target, int source, Color p, Square ksq, const Kernels& kernels) {
  // Going up the stack the move is played forward; going down it is undone.
  const bool forward = target > source;
  const ThreatDelta& d = entries_[forward ? target : source].delta;
  ThreatBatch batch(*net_, kernels, value_ptr(target, p), value_ptr(source, p), entries_[target].psqt[p],
                    entries_[source].psqt[p]);
  for (int k = 0; k < d.removed_count; ++k) {
    const int f = feature_of(generation_, p, ksq, d.removed[k]);
    forward ? batch.sub(f) : batch.add(f);
  }
  for (int k = 0; k < d.added_count; ++k) {
    const int f = feature_of(generation_, p, ksq, d.added[k]);
    forward ? batch.add(f) : batch.sub(f);
  }
  const Entry& moved = entries_[forward ? target : source];
  if (pair_base_ && !(moved.pawns_before == moved.pawns_after)) {
    pawn_pairs::Pair pairs[pawn_pairs::MAX_PAIRS];
    const int removed = pawn_pairs::pairs_removed(moved.pawns_before, moved.pawns_after, pairs, pawn_pairs::MAX_PAIRS);
    add_pair_rows(batch, pair_base_, p, ksq, pairs, removed, !forward);
    const int added = pawn_pairs::pairs_added(moved.pawns_before, moved.pawns_after, pairs, pawn_pairs::MAX_PAIRS);
    add_pair_rows(batch, pair_base_, p, ksq, pairs, added, forward);
  }
  batch.flush();
  entries_[target].computed[p] = true;
}

void ThreatAccumulatorStack::refresh_side(const Position& pos, Color p, const Kernels& kernels) {
  constexpr int CAPACITY = 512;  // far above any position's threat count
  full_threats::Threat threats[CAPACITY];
  const int n = full_threats::all_threats(pos, threats, CAPACITY);
  int16_t* dst = value_ptr(top_, p);
  int32_t* psqt = entries_[top_].psqt[p];
  std::memset(dst, 0, sizeof(int16_t) * l1_);
  std::memset(psqt, 0, sizeof(int32_t) * PSQT_BUCKETS);
  const Square ksq = pos.king_square(p);
  ThreatBatch batch(*net_, kernels, dst, dst, psqt, psqt);
  for (int k = 0; k < n; ++k) batch.add(feature_of(generation_, p, ksq, threats[k]));
  if (pair_base_) {
    const pawn_pairs::PawnSets pawns = pawn_sets(pos);
    pawn_pairs::Pair pairs[pawn_pairs::MAX_PAIRS];
    // At most 16 pawns, each paired with at most 17 squares: every pair fits.
    const int count = pawn_pairs::pairs_touching(pawns.white, pawns.black, pawns.white, pawns.black, pairs,
                                                 pawn_pairs::MAX_PAIRS);
    add_pair_rows(batch, pair_base_, p, ksq, pairs, count, true);
  }
  batch.flush();
  entries_[top_].computed[p] = true;
}

void ThreatAccumulatorStack::refresh_from_scratch(const Position& pos, const Kernels& kernels) {
  refresh_side(pos, WHITE, kernels);
  refresh_side(pos, BLACK, kernels);
}

}  // namespace corvid::nnue
