#include "nnue/accumulator.h"

#include <cstring>

#include "nnue/half_ka_v2_hm.h"

namespace corvid::nnue {

namespace {

constexpr int MAX_BATCH = 32;

// Feature rows to add and subtract, flushed to the kernel in batches.
struct FeatureBatch {
  const int16_t* adds[MAX_BATCH];
  const int16_t* subs[MAX_BATCH];
  int add_features[MAX_BATCH];
  int sub_features[MAX_BATCH];
  int add_count = 0, sub_count = 0;
  bool full() const { return add_count == MAX_BATCH || sub_count == MAX_BATCH; }
};

void flush(FeatureBatch& batch, const Network& net, const Kernels& kernels, int16_t* dst, const int16_t* src,
           int32_t* psqt_dst, const int32_t* psqt_src) {
  kernels.ft_update(dst, src, batch.adds, batch.add_count, batch.subs, batch.sub_count, net.l1());
  // Feature-major: each feature's eight buckets are contiguous, one vector add each.
  int32_t psqt[PSQT_BUCKETS];
  for (int b = 0; b < PSQT_BUCKETS; ++b) psqt[b] = psqt_src[b];
  for (int k = 0; k < batch.add_count; ++k) {
    const int32_t* w = net.psqt_weights(batch.add_features[k]);
    for (int b = 0; b < PSQT_BUCKETS; ++b) psqt[b] += w[b];
  }
  for (int k = 0; k < batch.sub_count; ++k) {
    const int32_t* w = net.psqt_weights(batch.sub_features[k]);
    for (int b = 0; b < PSQT_BUCKETS; ++b) psqt[b] -= w[b];
  }
  for (int b = 0; b < PSQT_BUCKETS; ++b) psqt_dst[b] = psqt[b];
  batch.add_count = batch.sub_count = 0;
}

void add_feature(FeatureBatch& batch, const Network& net, int feature) {
  batch.add_features[batch.add_count] = feature;
  batch.adds[batch.add_count++] = net.ft_weights(feature);
}

void sub_feature(FeatureBatch& batch, const Network& net, int feature) {
  batch.sub_features[batch.sub_count] = feature;
  batch.subs[batch.sub_count++] = net.ft_weights(feature);
}

}  // namespace

void AccumulatorStack::set_network(const Network* net) {
  net_ = net;
  l1_ = net ? net->l1() : 0;
  entries_.assign(128, Entry{});
  values_.assign(entries_.size() * 2 * l1_, 0);
  cache_values_.assign(size_t(2) * 64 * l1_, 0);
  for (Color p : {WHITE, BLACK})
    for (Square ksq = SQ_A1; ksq < SQUARE_NB; ++ksq) {
      CacheSlot& slot = cache_[p][ksq];
      std::memset(slot.psqt, 0, sizeof(slot.psqt));
      std::memset(slot.pieces, 0, sizeof(slot.pieces));
      if (net) std::memcpy(cache_values(p, ksq), net->ft_biases(), sizeof(int16_t) * l1_);
    }
  threats_.set_network(net);
  reset();
}

void AccumulatorStack::reset() {
  top_ = 0;
  entries_[0].computed[WHITE] = entries_[0].computed[BLACK] = false;
  entries_[0].delta.count = 0;
  forget_child();
  threats_.reset();
}

// Keeps the invariant: the entry above the top is unused or the top's last popped child.
void AccumulatorStack::forget_child() {
  if (top_ + 1 < int(entries_.size())) entries_[top_ + 1].computed[WHITE] = entries_[top_ + 1].computed[BLACK] = false;
}

void AccumulatorStack::grow() {
  entries_.resize(entries_.size() * 2);
  values_.resize(entries_.size() * 2 * l1_);
}

void AccumulatorStack::push(const Position& before, Move m) {
  if (top_ + 1 == int(entries_.size())) grow();
  Entry& e = entries_[++top_];
  e.computed[WHITE] = e.computed[BLACK] = false;
  e.delta = board_delta(before, m);
  forget_child();
  if (threats_.active()) threats_.push(before, e.delta);
}

void AccumulatorStack::push_null() {
  if (top_ + 1 == int(entries_.size())) grow();
  Entry& e = entries_[++top_];
  e.computed[WHITE] = e.computed[BLACK] = false;
  e.delta.count = 0;
  forget_child();
  if (threats_.active()) threats_.push_null();
}

void AccumulatorStack::pop() {
  --top_;
  if (threats_.active()) threats_.pop();
}

void AccumulatorStack::update(const Position& pos, const Kernels& kernels) {
  update_side(pos, WHITE, kernels);
  update_side(pos, BLACK, kernels);
  if (threats_.active()) threats_.update(pos, kernels);
}

namespace {

bool king_moved(const BoardDelta& d, Piece king) {
  for (int k = 0; k < d.count; ++k)
    if (d.pieces[k].piece == king) return true;
  return false;
}

// Features a delta adds and removes: what updating across it costs.
int feature_changes(const BoardDelta& d) {
  int changes = 0;
  for (int k = 0; k < d.count; ++k) changes += (d.pieces[k].from != SQ_NONE) + (d.pieces[k].to != SQ_NONE);
  return changes;
}

}  // namespace

void AccumulatorStack::update_side(const Position& pos, Color p, const Kernels& kernels) {
  Entry& current = entries_[top_];
  if (current.computed[p]) return;
  const Piece own_king = make_piece(p, KING);
  const Square ksq = pos.king_square(p);

  // Backward: the child just popped may be computed; undo its move.
  if (top_ + 1 < int(entries_.size()) && entries_[top_ + 1].computed[p] &&
      !king_moved(entries_[top_ + 1].delta, own_king)) {
    apply_delta(top_, top_ + 1, p, ksq, kernels);
    return;
  }

  // Forward: walk down to the nearest computed entry. A move of this side's king on the
  // way changes every feature, and a long way costs more than the cache's difference:
  // then refresh from the cache instead.
  const int refresh_cost = cache_difference(pos, p);
  int below = top_, forward_cost = 0;
  for (;;) {
    const BoardDelta& d = entries_[below].delta;
    forward_cost += feature_changes(d);
    if (below == 0 || king_moved(d, own_king) || forward_cost > refresh_cost) {
      refresh_from_cache(pos, p, kernels);
      return;
    }
    if (entries_[--below].computed[p]) break;
  }
  for (int e = below + 1; e <= top_; ++e) apply_delta(e, e - 1, p, ksq, kernels);
}

int AccumulatorStack::cache_difference(const Position& pos, Color p) const {
  const CacheSlot& slot = cache_[p][pos.king_square(p)];
  int changes = 0;
  for (Color c : {WHITE, BLACK})
    for (int pt = PAWN; pt <= KING; ++pt) changes += popcount(pos.pieces(c, PieceType(pt)) ^ slot.pieces[c][pt]);
  return changes;
}

void AccumulatorStack::apply_delta(int target, int source, Color p, Square ksq, const Kernels& kernels) {
  // Going up the stack the move is played forward; going down it is undone.
  const bool forward = target > source;
  const BoardDelta& d = entries_[forward ? target : source].delta;
  FeatureBatch batch;
  for (int k = 0; k < d.count; ++k) {
    const DirtyPiece& dp = d.pieces[k];
    const Square removed = forward ? dp.from : dp.to, added = forward ? dp.to : dp.from;
    if (removed != SQ_NONE) sub_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, dp.piece, removed));
    if (added != SQ_NONE) add_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, dp.piece, added));
  }
  flush(batch, *net_, kernels, value_ptr(target, p), value_ptr(source, p), entries_[target].psqt[p],
        entries_[source].psqt[p]);
  entries_[target].computed[p] = true;
}

void AccumulatorStack::refresh_from_cache(const Position& pos, Color p, const Kernels& kernels) {
  const Square ksq = pos.king_square(p);
  CacheSlot& slot = cache_[p][ksq];
  int16_t* cached = cache_values(p, ksq);
  FeatureBatch batch;
  for (Color c : {WHITE, BLACK})
    for (int pt = PAWN; pt <= KING; ++pt) {
      const Piece piece = make_piece(c, PieceType(pt));
      const Bitboard now = pos.pieces(c, PieceType(pt)), then = slot.pieces[c][pt];
      for (Bitboard b = then & ~now; b;) {
        if (batch.full()) flush(batch, *net_, kernels, cached, cached, slot.psqt, slot.psqt);
        sub_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, piece, pop_lsb(b)));
      }
      for (Bitboard b = now & ~then; b;) {
        if (batch.full()) flush(batch, *net_, kernels, cached, cached, slot.psqt, slot.psqt);
        add_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, piece, pop_lsb(b)));
      }
      slot.pieces[c][pt] = now;
    }
  flush(batch, *net_, kernels, cached, cached, slot.psqt, slot.psqt);
  std::memcpy(value_ptr(top_, p), cached, sizeof(int16_t) * l1_);
  std::memcpy(entries_[top_].psqt[p], slot.psqt, sizeof(slot.psqt));
  entries_[top_].computed[p] = true;
}

void AccumulatorStack::refresh_from_scratch(const Position& pos, const Kernels& kernels) {
  for (Color p : {WHITE, BLACK}) {
    const Square ksq = pos.king_square(p);
    FeatureBatch batch;
    int16_t* dst = value_ptr(top_, p);
    int32_t* psqt = entries_[top_].psqt[p];
    std::memcpy(dst, net_->ft_biases(), sizeof(int16_t) * l1_);
    std::memset(psqt, 0, sizeof(int32_t) * PSQT_BUCKETS);
    for (Bitboard b = pos.pieces(); b;) {
      const Square s = pop_lsb(b);
      if (batch.full()) flush(batch, *net_, kernels, dst, dst, psqt, psqt);
      add_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, pos.piece_on(s), s));
    }
    flush(batch, *net_, kernels, dst, dst, psqt, psqt);
    entries_[top_].computed[p] = true;
  }
  if (threats_.active()) threats_.refresh_from_scratch(pos, kernels);
}

}  // namespace corvid::nnue
