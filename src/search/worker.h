// One search thread: its own copy of the root position, accumulators and move-ordering
// statistics; it shares only the transposition table and the stop flag (Lazy SMP).
#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "chess/position.h"
#include "search/evaluate.h"
#include "search/history.h"
#include "search/info.h"
#include "search/root_move.h"
#include "search/limits.h"
#include "search/value.h"

namespace corvid::search {

class SearchShared;

class Worker {
 public:
  explicit Worker(int index);
  ~Worker();

  // Forgets everything learnt (a new game).
  void clear();
  void prepare(const Position& root, const std::vector<Move>& root_moves, SearchShared* shared);
  void iterative_deepening();
  // A search stopped before any root move was searched still reports a score for its
  // move: the table's, or the static evaluation.
  void estimate_unsearched_best();
  // A weakened search's choice among the lines searched so far (search/skill.h).
  void choose_weakened_move();

  uint64_t nodes() const { return nodes_.load(std::memory_order_relaxed); }
  int completed_depth() const { return completed_depth_; }
  const std::vector<RootMove>& root_moves() const { return root_moves_; }
  bool is_main() const { return index_ == 0; }

 private:
  struct Frame;
  struct Tables;

  int search(Frame* ss, int alpha, int beta, int depth, bool cut_node, bool pv_node);
  // depth 0 at the first quiescence ply, below that negative.
  int qsearch(Frame* ss, int alpha, int beta, bool pv_node, int depth = 0);
  void aspiration(int depth);
  bool skips_iteration(int depth) const;
  void report_line(int index);
  bool iteration_used_enough_time(int previous_score, Move previous_best);
  void record_root_move(Move m, int value, int alpha, int beta, int move_count, uint64_t move_nodes);
  bool is_root_move(Move m, int from_index) const;

  int evaluate();
  // The static evaluation moved by what searches of similar positions found (correction history).
  int corrected_eval(const Frame* ss, int raw) const;
  // The correction entries of the current position: its pawns, each side's other pieces,
  // and the last two moves (the same ones read, written and prefetched).
  struct CorrectionEntries {
    CorrectionEntry* pawn;
    CorrectionEntry* non_pawn[COLOR_NB];
    CorrectionEntry* continuation;
  };
  CorrectionEntries corrections(const Frame* ss) const;
  CorrectionEntry& continuation_correction(const Frame* ss) const;
  void prefetch_corrections(const Frame* child) const;
  void update_correction(const Frame* ss, int raw_eval, int best_value, Move best_move, int depth, int beta);
  bool is_draw(int ply) const;
  bool stopped() const;
  void count_node();
  void make_move(Frame* ss, Move m);
  void unmake_move(Move m);
  void make_null_move(Frame* ss);
  void unmake_null_move();
  void poll_limits();

  void update_pv(int ply, Move m);
  // A quiet move's butterfly and continuation histories (piece: the one that moves or moved).
  void update_quiet_history(Frame* ss, Color mover, Piece piece, Move m, int bonus);
  void update_quiet_stats(Frame* ss, Move best, int bonus, const Move* quiets, int quiet_count);
  void update_continuations(Frame* ss, Piece piece, Square to, int bonus);
  void update_capture_stats(Move best, int bonus, const Move* captures, int capture_count);

  int index_;
  std::unique_ptr<Tables> tables_;
  Position pos_;
  Evaluator evaluator_;
  int optimism_[COLOR_NB] = {0, 0};  // per side, set at each root iteration
  SearchShared* shared_ = nullptr;
  std::vector<RootMove> root_moves_;
  int pv_index_ = 0;
  int root_depth_ = 0;
  int root_delta_ = 1;  // the root's aspiration window, beta - alpha
  int completed_depth_ = 0;
  int sel_depth_ = 0;
  int nmp_min_ply_ = 0;
  int poll_countdown_ = 0;
  double best_move_changes_ = 0;
  int iterations_with_same_best_ = 0;
  std::atomic<uint64_t> nodes_{0};
};

}  // namespace corvid::search
