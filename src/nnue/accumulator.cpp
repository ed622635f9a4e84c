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
  for (int b = 0; b < PSQT_BUCKETS; ++b) {
    int32_t v = psqt_src[b];
    for (int k = 0; k < batch.add_count; ++k) v += net.psqt_weights(batch.add_features[k])[b];
    for (int k = 0; k < batch.sub_count; ++k) v -= net.psqt_weights(batch.sub_features[k])[b];
    psqt_dst[b] = v;
  }
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

BoardDelta board_delta(const Position& before, Move m) {
  BoardDelta d;
  const Color us = before.side_to_move();
  const Square from = m.from(), to = m.to();
  const Piece moved = before.piece_on(from);
  if (m.kind() == CASTLING) {
    const bool king_side = to > from;
    d.pieces[d.count++] = {moved, from, Position::castling_king_target(us, king_side)};
    d.pieces[d.count++] = {before.piece_on(to), to, Position::castling_rook_target(us, king_side)};
    return d;
  }
  const Square capture_square = m.kind() == EN_PASSANT ? to - pawn_push(us) : to;
  if (const Piece captured = before.piece_on(capture_square); captured != NO_PIECE)
    d.pieces[d.count++] = {captured, capture_square, SQ_NONE};
  if (m.kind() == PROMOTION) {
    d.pieces[d.count++] = {moved, from, SQ_NONE};
    d.pieces[d.count++] = {make_piece(us, m.promotion()), SQ_NONE, to};
  } else {
    d.pieces[d.count++] = {moved, from, to};
  }
  return d;
}

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
  reset();
}

void AccumulatorStack::reset() {
  top_ = 0;
  entries_[0].computed[WHITE] = entries_[0].computed[BLACK] = false;
  entries_[0].delta.count = 0;
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
}

void AccumulatorStack::push_null() {
  if (top_ + 1 == int(entries_.size())) grow();
  Entry& e = entries_[++top_];
  e.computed[WHITE] = e.computed[BLACK] = false;
  e.delta.count = 0;
}

void AccumulatorStack::pop() { --top_; }

void AccumulatorStack::update(const Position& pos, const Kernels& kernels) {
  update_side(pos, WHITE, kernels);
  update_side(pos, BLACK, kernels);
}

void AccumulatorStack::update_side(const Position& pos, Color p, const Kernels& kernels) {
  if (entries_[top_].computed[p]) return;
  const Piece own_king = make_piece(p, KING);
  // Walk down to the nearest computed entry; a move of this side's king on the way
  // changes every feature, so the cache is the cheaper start then.
  int below = top_;
  for (;;) {
    const BoardDelta& d = entries_[below].delta;
    bool king_moved = false;
    for (int k = 0; k < d.count; ++k) king_moved |= d.pieces[k].piece == own_king;
    if (below == 0 || king_moved) {
      refresh_from_cache(pos, p, kernels);
      return;
    }
    if (entries_[--below].computed[p]) break;
  }
  const Square ksq = pos.king_square(p);
  for (int e = below + 1; e <= top_; ++e) apply_delta(e, p, ksq, kernels);
}

void AccumulatorStack::apply_delta(int entry, Color p, Square ksq, const Kernels& kernels) {
  FeatureBatch batch;
  const BoardDelta& d = entries_[entry].delta;
  for (int k = 0; k < d.count; ++k) {
    const DirtyPiece& dp = d.pieces[k];
    if (dp.from != SQ_NONE) sub_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, dp.piece, dp.from));
    if (dp.to != SQ_NONE) add_feature(batch, *net_, half_ka_v2_hm::feature_index(p, ksq, dp.piece, dp.to));
  }
  flush(batch, *net_, kernels, value_ptr(entry, p), value_ptr(entry - 1, p), entries_[entry].psqt[p],
        entries_[entry - 1].psqt[p]);
  entries_[entry].computed[p] = true;
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
}

}  // namespace corvid::nnue
