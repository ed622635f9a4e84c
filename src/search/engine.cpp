#include "search/engine.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "chess/movegen.h"
#include "chess/notation.h"
#include "tb/syzygy.h"

namespace corvid::search {

Engine::Engine() {
  shared_.tt = &tt_;
  shared_.kernels = &nnue::build_kernels();
  tt_.resize(16);
  set_threads(1);
}

Engine::~Engine() {
  stop();
  wait();
}

bool Engine::set_hash(size_t megabytes) { return tt_.resize(megabytes); }

void Engine::set_threads(int count) {
  workers_.clear();
  for (int i = 0; i < count; ++i) workers_.push_back(std::make_unique<Worker>(i));
  shared_.workers.clear();
  for (auto& w : workers_) shared_.workers.push_back(w.get());
}

void Engine::clear() {
  tt_.clear();
  for (auto& w : workers_) w->clear();
}

void Engine::start(const Position& pos, const SearchLimits& limits, const SearchOptions& options,
                   SearchListener listener) {
  wait();
  shared_.listener = std::move(listener);
  shared_.limits = limits;
  shared_.options = options;
  shared_.stop = false;
  shared_.pondering = limits.ponder;
  shared_.time.start(limits, pos.side_to_move(), pos.game_ply(), options.move_overhead_ms);
  searching_ = true;
  search_thread_ = std::thread(&Engine::run, this, pos);
}

void Engine::ponderhit() {
  // The opponent played the expected move: from now on our clock runs.
  shared_.time.restart();
  shared_.pondering = false;
}

void Engine::finish_at_end_of_input() {
  const SearchLimits& l = shared_.limits;
  const bool unlimited = !l.uses_clock() && !l.depth && !l.nodes && !l.mate && !l.movetime;
  shared_.pondering = false;
  if (l.infinite || unlimited) stop();
}

void Engine::wait() {
  if (search_thread_.joinable()) search_thread_.join();
}

// `go infinite` and `go ponder` must not answer before `stop` or `ponderhit`, even when
// the search itself has ended (a mate found, the depth limit reached).
void Engine::wait_until_released() const {
  while (!shared_.stop.load() && (shared_.pondering.load() || shared_.limits.infinite))
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void Engine::run(Position pos) {
  const SearchListener& listener = shared_.listener;
  tt_.new_search();

  MoveList legal;
  generate<LEGAL>(pos, legal);
  std::vector<Move> root_moves;
  for (Move m : legal)
    if (shared_.limits.search_moves.empty() || std::count(shared_.limits.search_moves.begin(), shared_.limits.search_moves.end(), m))
      root_moves.push_back(m);
  if (root_moves.empty() && !legal.empty()) {
    if (listener.on_note) listener.on_note("none of the searchmoves is legal here; searching all moves");
    root_moves.assign(legal.begin(), legal.end());
  }

  tb::reset_hits();
  restrict_to_tablebase_moves(pos, root_moves);
  // The table's move first: it is searched first, so a search stopped within its first
  // iteration still answers with the move earlier searches preferred.
  TTData root_entry;
  if (tt_.probe(pos.key(), root_entry) && root_entry.move) {
    const auto it = std::find(root_moves.begin(), root_moves.end(), root_entry.move);
    if (it != root_moves.end()) std::rotate(root_moves.begin(), it, it + 1);
  }

  result_ = SearchResult{};
  shared_.reported.clear();
  shared_.weakened_choice.reset();
  if (root_moves.empty()) {
    PvLine none;
    none.score = pos.in_check() ? mated_in(0) : VALUE_DRAW;
    shared_.report(none);
    wait_until_released();
    if (listener.on_bestmove) listener.on_bestmove(BestMove{});
    searching_ = false;
    return;
  }

  for (auto& w : workers_) w->prepare(pos, root_moves, &shared_);
  std::vector<std::thread> helpers;
  for (size_t i = 1; i < workers_.size(); ++i) helpers.emplace_back(&Worker::iterative_deepening, workers_[i].get());
  workers_[0]->iterative_deepening();
  wait_until_released();
  shared_.stop = true;
  for (std::thread& t : helpers) t.join();

  Worker& best = *workers_[pick_best_worker()];
  best.estimate_unsearched_best();
  // A weakened search that ended before its choice depth chooses among what it has (the
  // main thread's lines: with several lines searched, that is the best worker).
  if (shared_.weakened() && !shared_.weakened_choice) best.choose_weakened_move();
  const RootMove& top = shared_.weakened_choice ? *shared_.weakened_choice : best.root_moves()[0];
  const bool weaker_move = top.move != best.root_moves()[0].move;
  result_.best = top.move;
  result_.ponder = ponder_move(pos, top);
  result_.score = top.known_score();
  result_.depth = best.completed_depth();
  result_.nodes = shared_.total_nodes();
  result_.elapsed_ms = shared_.time.elapsed_ms();
  report_final_lines(best);
  // A weaker move played on purpose: its own line comes last, so the last PV the GUI
  // saw begins with the move played.
  if (weaker_move && top.known_score() != -VALUE_INFINITE) shared_.report(top.line(1));
  if (listener.on_bestmove) listener.on_bestmove(BestMove{result_.best, result_.ponder});
  searching_ = false;
}

// Before bestmove, only what the listener has not been told yet: the result of an
// interrupted iteration, a helper thread's line, or the first line of a search stopped
// very early.
void Engine::report_final_lines(const Worker& best) {
  const int lines = std::min<int>(shared_.options.reported_lines(), int(best.root_moves().size()));
  for (int i = 0; i < lines; ++i) {
    const RootMove& rm = best.root_moves()[size_t(i)];
    if (rm.known_score() == -VALUE_INFINITE) continue;
    const PvLine line = rm.line(i + 1);
    if (size_t(i) < shared_.reported.size() && shared_.reported[size_t(i)] == line) continue;
    shared_.report(line);
  }
}

// With tables for the root, only the moves that keep its best result (and convert a win
// soonest) are searched, so the search cannot drift into a 50-move draw or a loss.
void Engine::restrict_to_tablebase_moves(const Position& pos, std::vector<Move>& root_moves) const {
  if (root_moves.empty() || pos.piece_count() > shared_.options.syzygy_probe_limit) return;
  const std::optional<tb::RootProbe> probe = tb::probe_root(pos);
  if (!probe) return;
  const std::vector<Move> best = tb::best_root_moves(*probe, shared_.options.syzygy_50_move_rule);
  std::vector<Move> kept;
  for (Move m : root_moves)
    if (std::count(best.begin(), best.end(), m)) kept.push_back(m);
  if (!kept.empty()) root_moves = std::move(kept);  // searchmoves outside the best set: as asked
}

// Lazy SMP vote: each thread's best move gets weight from how deep it searched and how
// well it scored; a mate found by any thread wins.
size_t Engine::pick_best_worker() const {
  if (workers_.size() == 1 || shared_.options.multipv > 1) return 0;
  int min_score = VALUE_INFINITE;
  for (const auto& w : workers_) min_score = std::min(min_score, w->root_moves()[0].known_score());
  std::map<uint16_t, int64_t> votes;
  for (const auto& w : workers_)
    votes[w->root_moves()[0].move.raw()] +=
        int64_t(w->root_moves()[0].known_score() - min_score + 14) * w->completed_depth();
  size_t best = 0;
  for (size_t i = 1; i < workers_.size(); ++i) {
    const RootMove& mine = workers_[i]->root_moves()[0];
    const RootMove& theirs = workers_[best]->root_moves()[0];
    if (workers_[i]->completed_depth() == 0) continue;
    if (is_mate_score(mine.known_score()) || is_mate_score(theirs.known_score())) {
      if (mine.known_score() > theirs.known_score()) best = i;
    } else if (votes[mine.move.raw()] > votes[theirs.move.raw()]) {
      best = i;
    }
  }
  return best;
}

// The expected reply: the second move of the PV, or failing that the table's move.
Move Engine::ponder_move(const Position& pos, const RootMove& best) const {
  if (best.pv.size() > 1) return best.pv[1];
  Position after = pos;
  after.make_move(best.move);
  TTData data;
  if (tt_.probe(after.key(), data) && data.move && after.is_legal(data.move)) return data.move;
  return Move::none();
}

}  // namespace corvid::search
