#include "search/move_picker.h"

#include <utility>

#include "chess/see.h"
#include "search/tunables.h"

namespace corvid::search {

MovePicker::MovePicker(const Position& pos, Move tt_move, const OrderingTables& tables, Move killer0,
                       Move killer1, Move counter, int depth)
    : pos_(pos), tables_(tables), killers_{killer0, killer1}, counter_(counter), quiet_sort_limit_(-tunables::mp_quiet_sort_limit * depth) {
  stage_ = pos.in_check() ? EVASION_TT_MOVE : TT_MOVE;
  tt_move_ = tt_move && pos.is_legal(tt_move) ? tt_move : Move::none();
}

MovePicker::MovePicker(const Position& pos, Move tt_move, const OrderingTables& tables, bool with_checks)
    : pos_(pos), tables_(tables), with_checks_(with_checks) {
  stage_ = pos.in_check() ? EVASION_TT_MOVE : QS_TT_MOVE;
  const bool wanted = tt_move && (pos.in_check() || pos.is_capture(tt_move) || tt_move.kind() == PROMOTION);
  const bool legal = tt_move && pos.is_legal(tt_move);
  tt_move_ = legal && (wanted || (with_checks && pos.gives_check(tt_move))) ? tt_move : Move::none();
}

int MovePicker::capture_score(Move m) const {
  const PieceType victim = pos_.captured_type(m);
  const int promotion_bonus = m.kind() == PROMOTION ? SEE_PIECE_VALUE[m.promotion()] : 0;
  return tunables::mp_victim_weight * (SEE_PIECE_VALUE[victim] + promotion_bonus) + (*tables_.captures)[pos_.piece_on(m.from())][m.to()][victim];
}

int quiet_history(const OrderingTables& tables, const Position& pos, Move m) {
  const Piece piece = pos.piece_on(m.from());
  int score = 2 * int((*tables.butterfly)[pos.side_to_move()][butterfly_index(m)]);
  for (const PieceToHistory* h : tables.continuations)
    if (h) score += (*h)[piece][m.to()];
  return score;
}

namespace {

// Squares the side `them` attacks with pawns; with pawns and minor pieces; with those and rooks.
struct Threats {
  Bitboard by_pawn = 0, by_minor = 0, by_rook = 0;
};

Threats threats_of(const Position& pos, Color them) {
  Threats t;
  const Bitboard occupied = pos.pieces();
  t.by_pawn = them == WHITE ? pawn_attacks_bb<WHITE>(pos.pieces(them, PAWN)) : pawn_attacks_bb<BLACK>(pos.pieces(them, PAWN));
  t.by_minor = t.by_pawn;
  for (Bitboard b = pos.pieces(them, KNIGHT, BISHOP); b;) {
    const Square s = pop_lsb(b);
    t.by_minor |= attacks_of(type_of(pos.piece_on(s)), s, occupied);
  }
  t.by_rook = t.by_minor;
  for (Bitboard b = pos.pieces(them, ROOK); b;) t.by_rook |= rook_attacks(pop_lsb(b), occupied);
  return t;
}

}  // namespace

void MovePicker::score_quiets(int begin, int end) {
  const Color us = pos_.side_to_move();
  const Threats t = threats_of(pos_, ~us);
  // Ours attacked by a cheaper piece: moving it to a square that cheaper kind does not
  // reach saves material, more so the dearer the piece.
  const Bitboard threatened = (pos_.pieces(us, QUEEN) & t.by_rook) | (pos_.pieces(us, ROOK) & t.by_minor) |
                              (pos_.pieces(us, KNIGHT, BISHOP) & t.by_pawn);
  for (int i = begin; i < end; ++i) {
    const Move m = moves_[i].move;
    const Piece piece = pos_.piece_on(m.from());
    const PieceType pt = type_of(piece);
    const Bitboard to = square_bb(m.to());
    int score = quiet_history(tables_, pos_, m);
    if (tables_.continuations[0]) score += (*tables_.continuations[0])[piece][m.to()];
    if (threatened & square_bb(m.from())) {
      score += pt == QUEEN  ? (to & t.by_rook ? 0 : tunables::mp_escape_queen)
               : pt == ROOK ? (to & t.by_minor ? 0 : tunables::mp_escape_rook)
                            : (to & t.by_pawn ? 0 : tunables::mp_escape_minor);
    }
    if (pos_.check_squares(pt) & to) score += tunables::mp_check_bonus;
    moves_[i].score = score;
  }
}

// Insertion sort, best first: the lists are short and often nearly ordered.
void MovePicker::sort_range(int begin, int end) {
  for (int i = begin + 1; i < end; ++i) {
    const Scored item = moves_[i];
    int j = i;
    for (; j > begin && moves_[j - 1].score < item.score; --j) moves_[j] = moves_[j - 1];
    moves_[j] = item;
  }
}

bool MovePicker::is_special(Move m) const {
  return m == tt_move_ || m == killers_[0] || m == killers_[1] || m == counter_;
}

bool MovePicker::is_legal_quiet(Move m) const {
  return m.kind() != PROMOTION && !pos_.is_capture(m) && pos_.is_legal(m);
}

Move MovePicker::next() {
  switch (stage_) {
    case TT_MOVE:
    case EVASION_TT_MOVE:
    case QS_TT_MOVE:
      stage_ = Stage(stage_ + 1);
      if (tt_move_) return tt_move_;
      return next();

    case GENERATE_CAPTURES:
    case QS_GENERATE: {
      MoveList list;
      generate<corvid::CAPTURES>(pos_, list);
      end_ = 0;
      for (Move m : list) moves_[end_++] = {m, 0};
      for (int i = 0; i < end_; ++i) moves_[i].score = capture_score(moves_[i].move);
      sort_range(0, end_);
      current_ = bad_end_ = 0;
      stage_ = Stage(stage_ + 1);
      return next();
    }

    case GOOD_CAPTURES:
      while (current_ < end_) {
        const Scored s = moves_[current_++];
        if (s.move == tt_move_) continue;
        // Good enough: loses at most a share of what the ordering expects it to win.
        if (see_ge(pos_, s.move, -s.score * tunables::mp_good_capture_see / 1024)) return s.move;
        moves_[bad_end_++] = s;  // losing: kept for later
      }
      stage_ = KILLER_0;
      return next();

    // Killers and the counter move before the quiets are generated: when one of them
    // cuts off, as they often do, the generation and scoring of the rest is saved.
    case KILLER_0:
    case KILLER_1:
    case COUNTER: {
      const Move m = stage_ == KILLER_0 ? killers_[0] : stage_ == KILLER_1 ? killers_[1] : counter_;
      const bool repeat = (stage_ >= KILLER_1 && m == killers_[0]) || (stage_ == COUNTER && m == killers_[1]);
      stage_ = Stage(stage_ + 1);
      if (m && !skip_quiets_ && m != tt_move_ && !repeat && is_legal_quiet(m)) return m;
      return next();
    }

    case GENERATE_QUIETS:
      // Quiets go after the captures in the buffer; the losing captures sit at its front.
      current_ = end_;
      if (!skip_quiets_) {
        generate<corvid::QUIETS>(pos_, quiet_list_);
        for (Move q : quiet_list_)
          if (!is_special(q)) moves_[end_++] = {q, 0};
        score_quiets(current_, end_);
        // Only the promising quiets are worth sorting; the rest are tried in any order.
        int promising_end = current_;
        for (int i = current_; i < end_; ++i)
          if (moves_[i].score >= quiet_sort_limit_) std::swap(moves_[i], moves_[promising_end++]);
        sort_range(current_, promising_end);
      }
      stage_ = QUIETS;
      return next();

    case QUIETS:
      if (!skip_quiets_ && current_ < end_) return moves_[current_++].move;
      stage_ = BAD_CAPTURES;
      current_ = 0;
      return next();

    case BAD_CAPTURES:
      if (current_ < bad_end_) return moves_[current_++].move;
      stage_ = DONE;
      return Move::none();

    case GENERATE_EVASIONS: {
      MoveList list;
      generate<corvid::EVASIONS>(pos_, list);
      end_ = 0;
      for (Move m : list)
        if (m != tt_move_) moves_[end_++] = {m, 0};
      for (int i = 0; i < end_; ++i) {
        const Move m = moves_[i].move;
        moves_[i].score = pos_.is_capture(m) ? (1 << 20) + capture_score(m) : quiet_history(tables_, pos_, m);
      }
      sort_range(0, end_);
      current_ = 0;
      stage_ = EVASIONS;
      return next();
    }

    case EVASIONS:
      if (current_ < end_) return moves_[current_++].move;
      stage_ = DONE;
      return Move::none();

    case QS_CAPTURES:
      while (current_ < end_) {
        const Move m = moves_[current_++].move;
        if (m != tt_move_) return m;
      }
      stage_ = with_checks_ ? QS_GENERATE_CHECKS : DONE;
      return next();

    case QS_GENERATE_CHECKS:
      generate<corvid::QUIETS>(pos_, quiet_list_);
      current_ = 0;
      stage_ = QS_CHECKS;
      return next();

    case QS_CHECKS:
      while (current_ < quiet_list_.size()) {
        const Move m = quiet_list_[current_++];
        if (m != tt_move_ && pos_.gives_check(m)) return m;
      }
      stage_ = DONE;
      return Move::none();

    case DONE:
      return Move::none();
  }
  return Move::none();
}

}  // namespace corvid::search
