// Hands out the moves of a node one at a time, best guesses first, generating lazily so
// that an early cut-off saves the rest: the hash move, captures that win or keep material
// (by victim value and capture history), killers and the counter move, quiet moves by
// their histories, then the losing captures. In check: every evasion, captures first.
// Quiescence asks for captures and promotions, and at its first ply for quiet checks too.
#pragma once

#include "chess/movegen.h"
#include "search/history.h"

namespace corvid::search {

struct OrderingTables {
  const ButterflyHistory* butterfly = nullptr;
  const CaptureHistory* captures = nullptr;
  const PieceToHistory* continuations[3] = {nullptr, nullptr, nullptr};  // 1, 2 and 4 plies back
};

// How well a quiet move has done: its from-to history (counted twice) plus its
// continuation histories after the earlier moves.
int quiet_history(const OrderingTables& tables, const Position& pos, Move m);

class MovePicker {
 public:
  // Main search; quiets scoring below a depth-dependent limit are left unsorted.
  MovePicker(const Position& pos, Move tt_move, const OrderingTables& tables, Move killer0, Move killer1,
             Move counter, int depth);
  // Quiescence: captures and promotions, then (with_checks) quiet checks; or evasions in check.
  MovePicker(const Position& pos, Move tt_move, const OrderingTables& tables, bool with_checks);

  // The next move, or Move::none() when there are no more.
  Move next();
  // Late-move pruning: the remaining quiet moves are not wanted (losing captures still are).
  void skip_quiets() { skip_quiets_ = true; }

 private:
  enum Stage {
    TT_MOVE, GENERATE_CAPTURES, GOOD_CAPTURES, KILLER_0, KILLER_1, COUNTER, GENERATE_QUIETS, QUIETS,
    BAD_CAPTURES, EVASION_TT_MOVE, GENERATE_EVASIONS, EVASIONS, QS_TT_MOVE, QS_GENERATE, QS_CAPTURES,
    QS_GENERATE_CHECKS, QS_CHECKS, DONE
  };
  struct Scored {
    Move move;
    int score;
  };

  int capture_score(Move m) const;
  // Quiet moves' ordering score: their history, the previous move's continuation counted
  // once more, a bonus for taking a piece out of a cheaper piece's attack and for a check.
  void score_quiets(int begin, int end);
  void sort_range(int begin, int end);
  bool is_special(Move m) const;  // handed out by an earlier stage
  // A killer or counter move that is a legal quiet move here (it was quiet where it was
  // learnt, but the position may have changed under it).
  bool is_legal_quiet(Move m) const;

  const Position& pos_;
  const OrderingTables& tables_;
  Move tt_move_, killers_[2], counter_;
  Stage stage_;
  bool skip_quiets_ = false;
  bool with_checks_ = false;
  int quiet_sort_limit_ = 0;
  union {  // uninitialised, as in MoveList: a picker is made at every node
    Scored moves_[MoveList::CAPACITY];
  };
  int current_ = 0, end_ = 0;
  int bad_begin_ = 0, bad_end_ = 0;     // losing captures kept at the front
  MoveList quiet_list_;
};

}  // namespace corvid::search
