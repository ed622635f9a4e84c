// The search as the UCI loop sees it: start a search in the background, stop it, let a
// ponder search go on as a normal one, wait for its `bestmove`. Owns the transposition
// table and the worker threads (Lazy SMP: every thread searches the whole tree, sharing
// only the table).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "chess/position.h"
#include "search/shared.h"
#include "search/worker.h"

namespace corvid::search {

struct SearchResult {
  Move best;
  Move ponder;
  int score = 0;
  int depth = 0;
  uint64_t nodes = 0;
  int64_t elapsed_ms = 0;
};

class Engine {
 public:
  Engine();
  ~Engine();

  // Between searches only.
  bool set_hash(size_t megabytes);
  void set_threads(int count);
  int threads() const { return int(workers_.size()); }
  void set_networks(const nnue::Networks& nets) { shared_.nets = nets; }
  void clear();  // a new game: empty table, fresh statistics

  // Starts searching a copy of pos. The listener hears the search's lines as it goes and
  // exactly one bestmove at the end; an empty one (bench, genfens) hears nothing. The
  // result is kept for last_result() either way.
  void start(const Position& pos, const SearchLimits& limits, const SearchOptions& options,
             SearchListener listener = {});
  void stop() { shared_.stop = true; }
  void ponderhit();
  // Input has ended: a search that would wait for `stop` or `ponderhit` stops now; one
  // with a limit runs to it.
  void finish_at_end_of_input();
  void wait();  // until the running search (if any) has finished and printed bestmove
  bool searching() const { return searching_.load(); }
  const SearchResult& last_result() const { return result_; }

 private:
  void run(Position pos);
  void report_final_lines(const Worker& best);
  void wait_until_released() const;
  void restrict_to_tablebase_moves(const Position& pos, std::vector<Move>& root_moves) const;
  size_t pick_best_worker() const;
  Move ponder_move(const Position& pos, const RootMove& best) const;

  TranspositionTable tt_;
  SearchShared shared_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::thread search_thread_;
  std::atomic<bool> searching_{false};
  SearchResult result_;
};

}  // namespace corvid::search
