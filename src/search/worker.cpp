#include "search/worker.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "chess/movegen.h"
#include "chess/see.h"
#include "nnue/evaluator.h"
#include "search/move_picker.h"
#include "search/shared.h"
#include "search/tunables.h"
#include "tb/syzygy.h"

namespace corvid::search {

uint64_t SearchShared::total_nodes() const {
  uint64_t sum = 0;
  for (const Worker* w : workers) sum += w->nodes();
  return sum;
}

SearchCounters SearchShared::counters() const {
  return SearchCounters{total_nodes(), time.elapsed_ms(), tt->hashfull(), tb::hits()};
}

void SearchShared::report(const PvLine& line) {
  if (reported.size() < size_t(line.multipv)) reported.resize(size_t(line.multipv));
  reported[size_t(line.multipv - 1)] = line;
  if (listener.on_pv) listener.on_pv(InfoFull{line, counters()});
}

PvLine RootMove::line(int multipv) const {
  const bool current = score != -VALUE_INFINITE;
  PvLine l;
  l.multipv = multipv;
  l.depth = current ? depth : previous_depth;
  l.sel_depth = sel_depth;
  l.score = known_score();
  l.bound = !current ? ScoreBound::Exact : bound_lower ? ScoreBound::Lower : bound_upper ? ScoreBound::Upper : ScoreBound::Exact;
  l.pv = pv;
  return l;
}

namespace {

// Frames before the root, so that look-backs of up to four plies need no bounds checks.
constexpr int FRAME_OFFSET = 4;
// Depth in the table is eight bits; iterative deepening stops well below that.
constexpr int MAX_DEPTH = 120;
// Nodes between two looks at the clock by the main thread.
constexpr int POLL_INTERVAL = 128;
// Depth of entries that hold only a static evaluation.
constexpr int DEPTH_EVAL_ONLY = -2;
// Evaluations stay well inside this; margins added to scores beyond it would mean nothing.
constexpr int VALUE_KNOWN_WIN = 10000;
// What a capture can gain at most, by victim (Stockfish 15.1's endgame piece values).
constexpr int CAPTURE_GAIN[PIECE_TYPE_NB] = {0, 208, 865, 918, 1378, 2682, 0};

namespace tune = tunables;

// Late-move reductions grow with the logarithms of depth and move number (in 1/1024 plies).
struct ReductionTable {
  int r[64][64] = {};
  ReductionTable() { fill(); }
  void fill() {
    const double divisor = tune::lmr_divisor / 100.0;
    for (int d = 1; d < 64; ++d)
      for (int m = 1; m < 64; ++m) r[d][m] = int(1024 * std::log(d) * std::log(m) / divisor);
  }
};
// Refilled before a search in a tuning build (see Worker::prepare), constant otherwise.
ReductionTable reductions;

// Plies of reduction: less where this node's window is as wide as the root's (a principal
// variation), one more for a node that is not improving when the table's share is large.
int reduction(int depth, int move_count, int delta, int root_delta, bool improving) {
  const int r = reductions.r[std::min(depth, 63)][std::min(move_count, 63)];
  return (r + tune::lmr_base * 1024 / 100 - delta * 1024 / std::max(root_delta, 1)) / 1024 +
         (!improving && r > tune::lmr_not_improving * 1024 / 100);
}

// Moves the picker should give up on as futile at low depth once this many were tried.
int late_move_count(int depth, bool improving) { return (tune::lmp_base + depth * depth) / (2 - improving); }

bool enough_material_for_null_move(const Position& pos, Color us) {
  return pos.pieces(us, ROOK, QUEEN) || popcount(pos.pieces(us, KNIGHT, BISHOP)) >= 2;
}

bool has_legal_move(const Position& pos) {
  MoveList list;
  generate<LEGAL>(pos, list);
  return !list.empty();
}

}  // namespace

struct Worker::Frame {
  Move move;
  Move excluded;
  Move killers[2];
  PieceToHistory* continuation = nullptr;  // statistics of moves that follow this one
  PieceToCorrection* correction = nullptr;  // evaluation corrections after this move and the next
  Piece moved = NO_PIECE;                   // the piece that made `move`
  int static_eval = VALUE_NONE;
  int ply = 0;
  int move_count = 0;
  int stat_score = 0;
  int double_extensions = 0;
  int cutoff_count = 0;  // fail-highs among the nodes of this ply under the same grandparent
  bool in_check = false;
  bool tt_pv = false;  // on a principal variation now or in an earlier search
};

struct Worker::Tables {
  ButterflyHistory butterfly;
  CaptureHistory captures;
  ContinuationHistory continuation;
  CounterMoves counters;
  CorrectionHistory pawn_correction;
  std::array<CorrectionHistory, COLOR_NB> non_pawn_correction;  // by the colour of the pieces keyed
  ContinuationCorrection continuation_correction;
  Frame frames[MAX_PLY + FRAME_OFFSET + 4];
  Move pv[MAX_PLY + 2][MAX_PLY + 2];
  int pv_length[MAX_PLY + 2];
};

Worker::Worker(int index) : index_(index), tables_(std::make_unique<Tables>()) { clear(); }
Worker::~Worker() = default;

void Worker::clear() {
  fill_zero(tables_->butterfly);
  fill_zero(tables_->captures);
  fill_zero(tables_->continuation);
  fill_zero(tables_->pawn_correction);
  fill_zero(tables_->non_pawn_correction);
  fill_zero(tables_->continuation_correction);
  for (auto& row : tables_->counters) row.fill(Move::none());
}

void Worker::prepare(const Position& root, const std::vector<Move>& root_moves, SearchShared* shared) {
  shared_ = shared;
  // The main worker is prepared before any helper thread starts: no one reads the table now.
  if constexpr (tune::ENABLED)
    if (is_main()) reductions.fill();
  pos_ = root;
  evaluator_.set_networks(shared->nets);
  evaluator_.reset();
  optimism_[WHITE] = optimism_[BLACK] = 0;
  root_moves_.clear();
  for (Move m : root_moves) {
    RootMove rm;
    rm.move = m;
    rm.pv = {m};
    root_moves_.push_back(rm);
  }
  nodes_.store(0, std::memory_order_relaxed);
  completed_depth_ = 0;
  sel_depth_ = 0;
  nmp_min_ply_ = 0;
  poll_countdown_ = 0;
  best_move_changes_ = 0;
  iterations_with_same_best_ = 0;
  for (int i = 0; i < int(std::size(tables_->frames)); ++i) {
    tables_->frames[i] = Frame{};
    tables_->frames[i].ply = i - FRAME_OFFSET;
    tables_->frames[i].continuation = &tables_->continuation[NO_PIECE][0];
    tables_->frames[i].correction = &tables_->continuation_correction[NO_PIECE][0];
  }
}

// `stop` and the limits are obeyed at once, even in the first iteration: the engine
// orders the table's move first, so an unfinished search still has a considered move.
bool Worker::stopped() const { return shared_->stop.load(std::memory_order_relaxed); }

void Worker::estimate_unsearched_best() {
  RootMove& rm = root_moves_[0];
  if (rm.score != -VALUE_INFINITE || rm.previous_score != -VALUE_INFINITE) return;
  TTData tte;
  const bool tt_hit = shared_->tt->probe(pos_.key(), tte);
  const int tt_value = tt_hit ? value_from_tt(tte.value, 0, pos_.rule50()) : VALUE_NONE;
  const bool usable = tt_value != VALUE_NONE && tte.move == rm.move && tte.bound == BOUND_EXACT;
  rm.previous_score = usable ? tt_value : pos_.in_check() ? VALUE_DRAW : evaluate();
  rm.previous_depth = usable ? std::max<int>(tte.depth, 0) : 0;
}

void Worker::choose_weakened_move() {
  const SearchOptions& o = shared_->options;
  std::mt19937_64 rng(o.skill_seed ? o.skill_seed ^ pos_.key() : std::random_device{}());
  shared_->weakened_choice = root_moves_[pick_weakened_move(root_moves_, o.multipv, o.skill_level, rng)];
}

int Worker::evaluate() {
  return evaluator_.evaluate(pos_, *shared_->kernels, optimism_[pos_.side_to_move()]);
}

CorrectionEntry& Worker::continuation_correction(const Frame* ss) const {
  return (*(ss - 2)->correction)[(ss - 1)->moved][(ss - 1)->move.to()];
}

Worker::CorrectionEntries Worker::corrections(const Frame* ss) const {
  const Color us = pos_.side_to_move();
  Tables& t = *tables_;
  return {&t.pawn_correction[us][correction_index(pos_.pawn_key())],
          {&t.non_pawn_correction[WHITE][us][correction_index(pos_.non_pawn_key(WHITE))],
           &t.non_pawn_correction[BLACK][us][correction_index(pos_.non_pawn_key(BLACK))]},
          &continuation_correction(ss)};
}

int Worker::corrected_eval(const Frame* ss, int raw) const {
  const CorrectionEntries c = corrections(ss);
  const int correction = tune::corr_pawn_weight * *c.pawn +
                         tune::corr_non_pawn_weight * (*c.non_pawn[WHITE] + *c.non_pawn[BLACK]) +
                         tune::corr_continuation_weight * *c.continuation;
  // Never into the range of tablebase and mate scores: a correction proves nothing.
  return std::clamp(raw + correction / 1024, -VALUE_TB_WIN_IN_MAX_PLY + 1, VALUE_TB_WIN_IN_MAX_PLY - 1);
}

// After a node's search: when its result says more than its bound admits about the static
// evaluation (a fail-high above it, a fail-low below it, or an exact score), the
// corrections move towards the difference, more so the deeper the search.
// Not after a capture's cut-off (the evaluation was about a quiet position) nor in check.
void Worker::update_correction(const Frame* ss, int raw_eval, int best_value, Move best_move, int depth, int beta) {
  if (ss->in_check || raw_eval == VALUE_NONE || is_decisive(best_value) || std::abs(best_value) >= VALUE_TB_WIN_IN_MAX_PLY) return;
  if (best_move && pos_.is_capture(best_move)) return;
  const int static_eval = ss->static_eval;
  if (best_value >= beta && best_value <= static_eval) return;  // a lower bound below the estimate says nothing
  if (!best_move && best_value >= static_eval) return;           // an upper bound above it neither
  const int bonus = std::clamp((best_value - static_eval) * depth / tune::corr_bonus_divisor, -CORRECTION_LIMIT / 4,
                               CORRECTION_LIMIT / 4);
  const CorrectionEntries c = corrections(ss);
  for (CorrectionEntry* e : {c.pawn, c.non_pawn[WHITE], c.non_pawn[BLACK], c.continuation}) e->update(bonus);
}

bool Worker::is_draw(int ply) const {
  if (pos_.rule50() >= 100 && (!pos_.in_check() || has_legal_move(pos_))) return true;
  return pos_.is_repetition_draw(ply) || pos_.has_insufficient_material();
}

void Worker::count_node() { nodes_.store(nodes_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed); }

void Worker::make_move(Frame* ss, Move m) {
  shared_->tt->prefetch(pos_.key_after(m));  // early, so the load overlaps the work below
  count_node();
  ss->move = m;
  ss->moved = pos_.piece_on(m.from());
  ss->continuation = &tables_->continuation[ss->moved][m.to()];
  ss->correction = &tables_->continuation_correction[ss->moved][m.to()];
  evaluator_.push(pos_, m);
  pos_.make_move(m);
  prefetch_corrections(ss + 1);
}

// The child's correction entries are scattered over tables of a megabyte and more: ask
// for them now, so they arrive while the child probes the hash table and evaluates.
void Worker::prefetch_corrections(const Frame* child) const {
  const CorrectionEntries c = corrections(child);
  for (const CorrectionEntry* e : {c.pawn, c.non_pawn[WHITE], c.non_pawn[BLACK], c.continuation}) __builtin_prefetch(e);
}

void Worker::unmake_move(Move m) {
  pos_.unmake_move(m);
  evaluator_.pop();
}

void Worker::make_null_move(Frame* ss) {
  count_node();
  ss->move = Move::null();
  ss->moved = NO_PIECE;
  ss->stat_score = 0;
  ss->continuation = &tables_->continuation[NO_PIECE][0];
  ss->correction = &tables_->continuation_correction[NO_PIECE][0];
  evaluator_.push_null();
  pos_.make_null_move();
}

void Worker::unmake_null_move() {
  pos_.unmake_null_move();
  evaluator_.pop();
}

void Worker::update_pv(int ply, Move m) {
  Move* pv = tables_->pv[ply];
  const Move* child = tables_->pv[ply + 1];
  pv[ply] = m;
  int length = ply + 1;
  for (int i = ply + 1; i < tables_->pv_length[ply + 1]; ++i) pv[length++] = child[i];
  tables_->pv_length[ply] = length;
}

void Worker::update_continuations(Frame* ss, Piece piece, Square to, int bonus) {
  for (int back : {1, 2, 4})
    if ((ss - back)->move.is_ok()) (*(ss - back)->continuation)[piece][to].update(bonus);
}

void Worker::update_quiet_history(Frame* ss, Color mover, Piece piece, Move m, int bonus) {
  tables_->butterfly[mover][butterfly_index(m)].update(bonus);
  update_continuations(ss, piece, m.to(), bonus);
}

void Worker::update_quiet_stats(Frame* ss, Move best, int bonus, const Move* quiets, int quiet_count) {
  if (ss->killers[0] != best) {
    ss->killers[1] = ss->killers[0];
    ss->killers[0] = best;
  }
  const Color us = pos_.side_to_move();
  update_quiet_history(ss, us, pos_.piece_on(best.from()), best, bonus);
  if ((ss - 1)->move.is_ok()) {
    const Square prev_to = (ss - 1)->move.to();
    tables_->counters[pos_.piece_on(prev_to)][prev_to] = best;
  }
  for (int i = 0; i < quiet_count; ++i) update_quiet_history(ss, us, pos_.piece_on(quiets[i].from()), quiets[i], -bonus);
}

void Worker::update_capture_stats(Move best, int bonus, const Move* captures, int capture_count) {
  const auto entry = [&](Move m) -> HistoryEntry<CAPTURE_HISTORY_LIMIT>& {
    return tables_->captures[pos_.piece_on(m.from())][m.to()][pos_.captured_type(m)];
  };
  if (best && pos_.is_capture(best)) entry(best).update(bonus);
  for (int i = 0; i < capture_count; ++i) entry(captures[i]).update(-bonus);
}

bool Worker::is_root_move(Move m, int from_index) const {
  for (int i = from_index; i < int(root_moves_.size()); ++i)
    if (root_moves_[i].move == m) return true;
  return false;
}

// The main thread watches the clock and the node limit, every 128 nodes (or exactly at
// the node limit when one thread searches): with a big net on a loaded machine 512 nodes
// could take several milliseconds, too coarse for `go movetime`.
void Worker::poll_limits() {
  if (--poll_countdown_ > 0) return;
  poll_countdown_ = POLL_INTERVAL;
  const SearchLimits& limits = shared_->limits;
  if (limits.nodes) {
    const uint64_t searched = shared_->total_nodes();
    if (searched >= limits.nodes) {
      shared_->stop = true;
      return;
    }
    poll_countdown_ = int(std::min<uint64_t>(POLL_INTERVAL, limits.nodes - searched));
  }
  if (!shared_->pondering.load(std::memory_order_relaxed) && shared_->time.hard_limit_reached()) shared_->stop = true;
}

int Worker::search(Frame* ss, int alpha, int beta, int depth, bool cut_node, bool pv_node) {
  if (depth <= 0) return qsearch(ss, alpha, beta, pv_node);
  const int ply = ss->ply;
  const bool root = ply == 0;
  tables_->pv_length[ply] = ply;
  if (is_main()) poll_limits();
  if (stopped()) return 0;
  if (pv_node && sel_depth_ < ply + 1) sel_depth_ = ply + 1;

  const bool in_check = pos_.in_check();
  ss->in_check = in_check;
  ss->move_count = 0;
  if (!root) {
    if (is_draw(ply)) return VALUE_DRAW;
    // The side to move can go back to a position of this line: a draw at least.
    if (alpha < VALUE_DRAW && pos_.has_upcoming_repetition(ply)) {
      alpha = VALUE_DRAW;
      if (alpha >= beta) return alpha;
    }
    if (ply >= MAX_PLY) return in_check ? VALUE_DRAW : evaluate();
    // No line from here can beat a mate already found nearer the root.
    alpha = std::max(mated_in(ply), alpha);
    beta = std::min(mate_in(ply + 1), beta);
    if (alpha >= beta) return alpha;
  }
  (ss + 1)->excluded = Move::none();
  (ss + 2)->killers[0] = (ss + 2)->killers[1] = Move::none();
  (ss + 2)->cutoff_count = 0;

  // Transposition table. A singular search (one move excluded) reads the node's own
  // entry, for its move and evaluation, but takes no cut-off from it and stores nothing.
  const Move excluded = ss->excluded;
  const Key key = pos_.key();
  TTData tte;
  const bool tt_hit = shared_->tt->probe(key, tte);
  const int tt_value = tt_hit ? value_from_tt(tte.value, ply, pos_.rule50()) : VALUE_NONE;
  const Move tt_move = root ? root_moves_[pv_index_].move : tt_hit ? tte.move : Move::none();
  const bool tt_capture = tt_move && pos_.is_capture(tt_move);
  // On a principal variation now or when stored: such nodes are reduced and pruned less.
  if (!excluded) ss->tt_pv = pv_node || (tt_hit && tte.pv);
  if (!pv_node && !excluded && tt_hit && tte.depth >= depth && tt_value != VALUE_NONE &&
      (tte.bound & (tt_value >= beta ? BOUND_LOWER : BOUND_UPPER))) {
    // The hash move's statistics learn from the cut-off (or the lack of one), and so does
    // the opponent's early quiet move that led into a position this good for us.
    if (tt_move && !tt_capture && pos_.is_legal(tt_move)) {
      if (tt_value >= beta)
        update_quiet_stats(ss, tt_move, history_bonus(depth), nullptr, 0);
      else
        update_quiet_history(ss, pos_.side_to_move(), pos_.piece_on(tt_move.from()), tt_move, -history_bonus(depth));
    }
    if (tt_move && tt_value >= beta && (ss - 1)->move.is_ok() && (ss - 1)->move_count <= 2 && !pos_.captured_piece()) {
      const Square prev_to = (ss - 1)->move.to();
      update_continuations(ss - 1, pos_.piece_on(prev_to), prev_to, -history_bonus(depth + 1));
    }
    // Near the 50-move rule a stored score may be one the rule has since made a draw.
    if (pos_.rule50() < 90) return tt_value;
  }

  int tb_floor = -VALUE_INFINITE, tb_ceiling = VALUE_INFINITE;  // TB bounds on a PV node's result
  // Tablebases: right after a zeroing move (50-move counter 0) without castling rights,
  // the WDL is exact. A win or loss cuts when it is outside the window, a draw always.
  if (!root && !excluded && pos_.rule50() == 0 && !pos_.castling_rights() &&
      depth >= shared_->options.syzygy_probe_depth &&
      pos_.piece_count() <= std::min(shared_->options.syzygy_probe_limit, tb::largest())) {
    if (const std::optional<tb::Wdl> wdl = tb::probe_wdl(pos_)) {
      const bool rule = shared_->options.syzygy_50_move_rule;
      const int w = int(*wdl) - int(tb::Wdl::Draw);  // -2 loss .. +2 win
      const int value = w == 2 || (w == 1 && !rule)     ? VALUE_TB - ply
                        : w == -2 || (w == -1 && !rule) ? -VALUE_TB + ply
                                                        : VALUE_DRAW + w;  // cursed / blessed: a nudge
      const Bound bound = value > 1 ? BOUND_LOWER : value < -1 ? BOUND_UPPER : BOUND_EXACT;
      if (bound == BOUND_EXACT || (bound == BOUND_LOWER ? value >= beta : value <= alpha)) {
        shared_->tt->store(key, TTData{Move::none(), int16_t(value), int16_t(VALUE_NONE),
                                       int8_t(std::min(depth + 6, 127)), bound, ss->tt_pv});
        return value;
      }
      // Inside the window of a PV node: search on, the result held to the TB bound.
      if (pv_node && bound == BOUND_LOWER) {
        tb_floor = value;
        alpha = std::max(alpha, value);
      } else if (pv_node) {
        tb_ceiling = value;
      }
    }
  }

  // Static evaluation, and whether it improved on ours two plies ago. The table keeps the
  // net's own figure (raw_eval); the search uses it corrected by the histories.
  int eval = VALUE_NONE, raw_eval = VALUE_NONE;
  bool improving = false;
  if (in_check) {
    ss->static_eval = VALUE_NONE;
  } else {
    if (excluded) {
      eval = ss->static_eval;  // the same node, searched without one move
    } else if (tt_hit && tte.eval != VALUE_NONE) {
      raw_eval = tte.eval;
      eval = ss->static_eval = corrected_eval(ss, raw_eval);
    } else {
      raw_eval = evaluate();
      eval = ss->static_eval = corrected_eval(ss, raw_eval);
      if (!tt_hit)
        shared_->tt->store(key, TTData{Move::none(), int16_t(VALUE_NONE), int16_t(raw_eval), DEPTH_EVAL_ONLY, BOUND_NONE,
                                         ss->tt_pv});
    }
    // A stored search score is a better guess than the static one when its bound allows.
    // (Not without the excluded move: the stored score is most likely that move's.)
    if (!excluded && tt_value != VALUE_NONE && (tte.bound & (tt_value > eval ? BOUND_LOWER : BOUND_UPPER))) eval = tt_value;
    const int earlier = (ss - 2)->static_eval != VALUE_NONE ? (ss - 2)->static_eval : (ss - 4)->static_eval;
    improving = earlier == VALUE_NONE || ss->static_eval > earlier;
    // The opponent's quiet move is judged by how the static evaluation moved across it
    // (both figures from the mover's side: their sum is what we lost by it).
    if (!excluded && (ss - 1)->move.is_ok() && (ss - 1)->static_eval != VALUE_NONE && !pos_.captured_piece()) {
      const int bonus = std::clamp(-tune::eval_diff_history_scale * ((ss - 1)->static_eval + ss->static_eval),
                                   -tune::eval_diff_history_max, tune::eval_diff_history_max);
      tables_->butterfly[~pos_.side_to_move()][butterfly_index((ss - 1)->move)].update(bonus);
    }
  }

  const Color us = pos_.side_to_move();
  if (!pv_node && !in_check && !excluded) {
    // Razoring: far below alpha, only captures could help; see whether they do.
    if (eval < alpha - tune::razor_base - tune::razor_depth * depth * depth && alpha < VALUE_MATE_IN_MAX_PLY) {
      const int v = qsearch(ss, alpha - 1, alpha, false);
      if (v < alpha) return v;
    }
    // Reverse futility: far enough above beta that one ply cannot bring it back; the margin
    // is larger after an opponent's move the histories like (it tends to be a good one).
    // (Not against a mate bound: a static score proves nothing about mates.)
    if (!ss->tt_pv && depth < tune::rfp_max_depth && eval >= beta &&
        eval - tune::rfp_margin * (depth - improving) - (ss - 1)->stat_score / tune::rfp_stat_divisor >= beta &&
        eval < VALUE_MATE_IN_MAX_PLY && beta > VALUE_MATED_IN_MAX_PLY)
      return eval;
    // Null move: if passing still fails high, a real move will too. Not with a lone minor
    // piece or less, where zugzwang is common.
    if ((ss - 1)->move != Move::null() && (ss - 1)->stat_score < tune::nmp_max_parent_stat && eval >= beta &&
        eval >= ss->static_eval &&
        ss->static_eval >= beta - tune::nmp_eval_depth * depth + tune::nmp_eval_base &&
        enough_material_for_null_move(pos_, us) && ply >= nmp_min_ply_ &&
        beta > VALUE_MATED_IN_MAX_PLY) {
      const int r = std::min((eval - beta) / tune::nmp_eval_divisor, tune::nmp_eval_max) + depth / tune::nmp_depth_divisor +
                    tune::nmp_base;
      make_null_move(ss);
      int v = -search(ss + 1, -beta, -beta + 1, depth - r, !cut_node, false);
      unmake_null_move();
      if (stopped()) return 0;
      if (v >= beta) {
        if (v >= VALUE_MATE_IN_MAX_PLY) v = beta;  // a null-move mate is not a proven mate
        if (nmp_min_ply_ || depth < tune::nmp_verify_depth) return v;
        // Deep: verify with null moves off for our side for a while.
        nmp_min_ply_ = ply + 3 * (depth - r) / 4;
        const int verified = search(ss, beta - 1, beta, depth - r, false, false);
        nmp_min_ply_ = 0;
        if (verified >= beta) return v;
      }
    }
  }

  OrderingTables ordering{&tables_->butterfly, &tables_->captures,
                          {(ss - 1)->continuation, (ss - 2)->continuation, (ss - 4)->continuation}};

  // ProbCut: a good capture whose reduced search clears beta by a margin would very likely
  // clear beta at full depth too. Skipped when the table already says the margin is not
  // reached at nearly this depth.
  const int probcut_beta = beta + tune::probcut_margin - tune::probcut_improving * improving;
  if (!pv_node && !in_check && !excluded && depth >= tune::probcut_min_depth && std::abs(beta) < VALUE_TB_WIN_IN_MAX_PLY &&
      !(tt_value != VALUE_NONE && tte.depth >= depth - 3 && tt_value < probcut_beta)) {
    MovePicker captures(pos_, tt_capture ? tt_move : Move::none(), ordering, false);
    for (Move m; (m = captures.next());) {
      if (!see_ge(pos_, m, probcut_beta - ss->static_eval)) continue;
      make_move(ss, m);
      int v = -qsearch(ss + 1, -probcut_beta, -probcut_beta + 1, false);
      if (v >= probcut_beta) v = -search(ss + 1, -probcut_beta, -probcut_beta + 1, depth - 4, !cut_node, false);
      unmake_move(m);
      if (stopped()) return 0;
      if (v >= probcut_beta) {
        shared_->tt->store(key, TTData{m, int16_t(value_to_tt(v, ply)), int16_t(raw_eval), int8_t(depth - 3), BOUND_LOWER,
                                         ss->tt_pv});
        return std::abs(v) < VALUE_TB_WIN_IN_MAX_PLY ? v - (probcut_beta - beta) : v;
      }
    }
  }

  // Internal iterative reduction: with no hash move this node is likely less important
  // (Stockfish 15.1's amounts: a PV node three plies, a deep cut node two).
  if (!root && !tt_move && !excluded) {
    if (pv_node) {
      depth -= tune::iir_pv;
      if (depth <= 0) return qsearch(ss, alpha, beta, true);
    } else if (cut_node && depth >= tune::iir_cut_min_depth) {
      depth -= tune::iir_cut;
    }
  }

  // In check (so none of the above ran): a hash capture that cleared beta by a wide margin
  // at nearly this depth is trusted to do so again.
  if (in_check && !pv_node && depth >= 2 && tt_capture && (tte.bound & BOUND_LOWER) && tte.depth >= depth - 3 &&
      tt_value != VALUE_NONE && tt_value >= beta + tune::probcut_check_margin && std::abs(tt_value) <= VALUE_KNOWN_WIN &&
      std::abs(beta) <= VALUE_KNOWN_WIN)
    return beta + tune::probcut_check_margin;

  Move counter;
  if ((ss - 1)->move.is_ok()) {
    const Square prev_to = (ss - 1)->move.to();
    counter = tables_->counters[pos_.piece_on(prev_to)][prev_to];
  }
  MovePicker picker(pos_, tt_move, ordering, ss->killers[0], ss->killers[1], counter, depth);

  bool singular_quiet = false;  // the hash move, quiet, was extended as singular
  // A PV node whose entry, as deep as this search, says it failed low: reduced as others are.
  const bool likely_fail_low = pv_node && tt_move && tt_hit && (tte.bound & BOUND_UPPER) && tte.depth >= depth;
  Move quiets_tried[64], captures_tried[32];
  int quiet_count = 0, capture_count = 0, move_count = 0;
  int best_value = -VALUE_INFINITE;
  Move best_move;
  for (Move m; (m = picker.next());) {
    if (m == excluded) continue;
    if (root && !is_root_move(m, pv_index_)) continue;
    ss->move_count = ++move_count;
    if (root && is_main() && shared_->listener.on_currmove && shared_->time.elapsed_ms() > 3000)
      shared_->listener.on_currmove(CurrMove{root_depth_, m, move_count + pv_index_});

    const bool capture = pos_.is_capture(m);
    const bool gives_check = pos_.gives_check(m);
    const Piece moved = pos_.piece_on(m.from());
    int new_depth = depth - 1;
    // The late-move reduction this move would get: shallow pruning judges by it too.
    const int base_reduction = reduction(depth, move_count, beta - alpha, root_delta_, improving);

    // Shallow pruning of moves unlikely to matter, once a non-losing line is known.
    if (!root && best_value > VALUE_MATED_IN_MAX_PLY && pos_.has_non_pawn_material(us)) {
      const int lmr_depth = std::max(new_depth - base_reduction, 0);
      // Looking for a shorter mate than one in hand, no quiet move may be skipped on statistics.
      const bool mating = alpha >= VALUE_MATE_IN_MAX_PLY;
      if (move_count >= late_move_count(depth, improving) && !mating) picker.skip_quiets();
      if (capture || gives_check) {
        // Futility: even winning the victim and a margin stays below alpha.
        if (!gives_check && !pv_node && !in_check && lmr_depth < tune::capture_futility_max_depth) {
          const PieceType victim = pos_.captured_type(m);
          const int history = tables_->captures[moved][m.to()][victim];
          if (ss->static_eval + tune::capture_futility_base + tune::capture_futility_depth * lmr_depth + CAPTURE_GAIN[victim] +
                  history / tune::capture_futility_history_divisor <
              alpha)
            continue;
        }
        if (!see_ge(pos_, m, -tune::see_capture_margin * depth)) continue;
      } else {
        const int continuation = (*(ss - 1)->continuation)[moved][m.to()] + (*(ss - 2)->continuation)[moved][m.to()] +
                                 (*(ss - 4)->continuation)[moved][m.to()];
        if (!mating && lmr_depth < tune::history_prune_max_depth && continuation < -tune::history_prune_margin * (depth - 1))
          continue;
        // Futility: even a good margin, more for a move with a good history, stays below alpha.
        if (!mating && !in_check && lmr_depth < tune::futility_max_depth &&
            ss->static_eval + tune::futility_base + tune::futility_depth * lmr_depth +
                    quiet_history(ordering, pos_, m) / tune::futility_history_divisor <=
                alpha)
          continue;
        if (!see_ge(pos_, m, -tune::see_quiet_quadratic * lmr_depth * lmr_depth - tune::see_quiet_linear * lmr_depth)) continue;
      }
    }

    // Extensions: a hash move much better than every alternative (singular), and checks.
    int extension = 0;
    if (!root && ply < 2 * root_depth_) {
      if (depth >= tune::se_min_depth + 2 * (pv_node && tt_hit && tte.pv) && m == tt_move && !excluded &&
          tt_value != VALUE_NONE && std::abs(tt_value) < VALUE_MATE_IN_MAX_PLY && (tte.bound & BOUND_LOWER) &&
          tte.depth >= depth - tune::se_tt_depth_margin) {
        const int singular_beta =
            tt_value - (tune::se_beta_margin + tune::se_beta_margin_tt_pv * (ss->tt_pv && !pv_node)) * depth;
        ss->excluded = m;
        const int v = search(ss, singular_beta - 1, singular_beta, (depth - 1) / 2, cut_node, false);
        ss->excluded = Move::none();
        ss->move_count = move_count;
        if (stopped()) return 0;
        if (v < singular_beta) {
          extension =
              !pv_node && v < singular_beta - tune::se_double_margin && (ss - 1)->double_extensions < tune::se_double_max ? 2 : 1;
          singular_quiet = !tt_capture;
        } else if (singular_beta >= beta) {
          return singular_beta;  // several moves beat beta: cut here
        } else if (tt_value >= beta) {
          extension = -2;  // others nearly as good: the hash move need not be searched as deep
        } else if (tt_value <= alpha && tt_value <= v) {
          extension = -1;
        }
      } else if (gives_check && depth > tune::check_ext_min_depth && std::abs(ss->static_eval) > tune::check_ext_eval_margin &&
                 see_ge(pos_, m, 0)) {
        // Checks deep in the tree and away from level positions: extending every check
        // swells the tree for little (a check in a balanced position seldom changes much).
        extension = 1;
      }
    }
    new_depth += extension;
    ss->double_extensions = (ss - 1)->double_extensions + (extension >= 2);

    ss->stat_score = capture ? 0 : quiet_history(ordering, pos_, m) - tune::lmr_history_offset;
    const uint64_t nodes_before = nodes();
    make_move(ss, m);
    int value = 0;
    // Late moves are searched shallower with a null window first, and again if they surprise.
    // Not a capture at a node on a principal variation, unless it is an expected cut node
    // reached by a late move.
    if (depth >= 2 && move_count > 1 + root && (!ss->tt_pv || !capture || (cut_node && (ss - 1)->move_count > 1))) {
      int r = base_reduction;
      r += cut_node ? tune::lmr_cut_node : 0;
      r -= (ss->tt_pv && !likely_fail_low) * tune::lmr_tt_pv + (pv_node ? 1 + tune::lmr_pv_shallow / (3 + depth) : 0);
      r -= (ss - 1)->move_count > tune::lmr_parent_move_count;  // the opponent's move was a late one
      r -= singular_quiet;
      r += tt_capture && !capture;
      r -= m == ss->killers[0] || m == ss->killers[1] || m == counter;
      r -= capture;
      r += (ss + 1)->cutoff_count > tune::lmr_cutoff_count;
      // History moves the reduction by up to lmr_history_max plies, and at the root not up at all.
      r -= std::clamp(ss->stat_score / tune::lmr_history_divisor, root ? 0 : -tune::lmr_history_max, tune::lmr_history_max);
      const int reduced = std::clamp(new_depth - r, 1, new_depth + 1);
      value = -search(ss + 1, -(alpha + 1), -alpha, reduced, true, false);
      if (value > alpha && reduced < new_depth) {
        // The reduced search surprised. Far above alpha, the more so the more it was
        // reduced: one ply deeper than planned; barely above the best so far: one shallower.
        new_depth += (value > alpha + tune::lmr_deeper_margin + tune::lmr_deeper_per_ply * (new_depth - reduced)) -
                     (value < best_value + new_depth);
        if (reduced < new_depth) value = -search(ss + 1, -(alpha + 1), -alpha, new_depth, !cut_node, false);
        // What the full-depth search found teaches the move's continuation histories.
        if (!capture) {
          update_continuations(ss, moved, m.to(), value > alpha ? history_bonus(new_depth) : -history_bonus(new_depth));
        }
      }
    } else if (!pv_node || move_count > 1) {
      value = -search(ss + 1, -(alpha + 1), -alpha, new_depth, !cut_node, false);
    }
    if (pv_node && (move_count == 1 || (value > alpha && (root || value < beta))))
      value = -search(ss + 1, -beta, -alpha, new_depth, false, true);
    unmake_move(m);
    if (stopped()) return 0;

    if (root) record_root_move(m, value, alpha, beta, move_count, nodes() - nodes_before);

    if (value > best_value) {
      best_value = value;
      if (value > alpha) {
        best_move = m;
        if (pv_node) update_pv(ply, m);
        if (value >= beta) {
          ss->cutoff_count += 1 + !tt_move;  // a cut-off the table did not predict counts twice
          break;
        }
        alpha = value;
      }
    }
    if (m != best_move) {
      if (capture && capture_count < 32) captures_tried[capture_count++] = m;
      else if (!capture && quiet_count < 64) quiets_tried[quiet_count++] = m;
    }
  }

  if (move_count == 0) {
    best_value = excluded ? alpha : in_check ? mated_in(ply) : VALUE_DRAW;
  } else if (best_move) {
    const int bonus = history_bonus(depth + (best_value > beta + tune::history_bonus_beta_margin));
    if (!pos_.is_capture(best_move)) update_quiet_stats(ss, best_move, bonus, quiets_tried, quiet_count);
    update_capture_stats(best_move, bonus, captures_tried, capture_count);
  } else if ((ss - 1)->move.is_ok() && !pos_.captured_piece() && !excluded) {
    // Every move failed low: the opponent's quiet move that led here was a good one, the
    // more so when found late among its siblings or when it refuted us by much.
    const Square prev_to = (ss - 1)->move.to();
    const int weight = 1 + (depth > 5) + ((ss - 1)->move_count > tune::prior_bonus_late_move) +
                       (best_value < alpha - tune::prior_bonus_margin);
    const int bonus = history_bonus(depth) * weight / 2;
    update_quiet_history(ss - 1, ~us, pos_.piece_on(prev_to), (ss - 1)->move, bonus);
  }
  // A fail-high's score is pulled towards beta: the margin above it is the least reliable part.
  if (best_value >= beta && !is_decisive(best_value) && std::abs(best_value) < VALUE_TB_WIN_IN_MAX_PLY &&
      std::abs(beta) < VALUE_TB_WIN_IN_MAX_PLY)
    best_value = (best_value * depth + beta) / (depth + 1);

  if (pv_node) best_value = std::clamp(best_value, std::min(tb_floor, tb_ceiling), tb_ceiling);

  // A fail-low below a node that was on a principal variation: this one may be where the
  // line goes next, keep it marked.
  if (!best_move && !excluded && depth > 3) ss->tt_pv = ss->tt_pv || (ss - 1)->tt_pv;

  if (!excluded && !(root && pv_index_ > 0)) {
    const Bound bound = best_value >= beta ? BOUND_LOWER : pv_node && best_move ? BOUND_EXACT : BOUND_UPPER;
    shared_->tt->store(key, TTData{best_move, int16_t(value_to_tt(best_value, ply)), int16_t(raw_eval),
                                   int8_t(std::min(depth, 127)), bound, ss->tt_pv});
    if (!stopped()) update_correction(ss, raw_eval, best_value, best_move, depth, beta);
  }
  return best_value;
}

void Worker::record_root_move(Move m, int value, int alpha, int beta, int move_count, uint64_t move_nodes) {
  RootMove& rm = *std::find_if(root_moves_.begin(), root_moves_.end(), [m](const RootMove& r) { return r.move == m; });
  rm.nodes += move_nodes;
  if (move_count == 1 || value > alpha) {
    rm.score = value;
    rm.average_score = rm.average_score == -VALUE_INFINITE ? value : (2 * value + rm.average_score) / 3;
    rm.sel_depth = sel_depth_;
    rm.depth = root_depth_;
    rm.bound_lower = value >= beta;
    rm.bound_upper = value <= alpha;
    rm.pv.assign(1, m);
    for (int i = 1; i < tables_->pv_length[1]; ++i) rm.pv.push_back(tables_->pv[1][i]);
    if (move_count > 1 && pv_index_ == 0) best_move_changes_ += 1;
  } else {
    rm.score = -VALUE_INFINITE;  // only known to be worse: sorts after the others
  }
}

int Worker::qsearch(Frame* ss, int alpha, int beta, bool pv_node, int depth) {
  const int ply = ss->ply;
  tables_->pv_length[ply] = ply;
  if (is_main()) poll_limits();
  if (stopped()) return 0;
  if (pv_node && sel_depth_ < ply + 1) sel_depth_ = ply + 1;
  if (is_draw(ply)) return VALUE_DRAW;
  if (alpha < VALUE_DRAW && pos_.has_upcoming_repetition(ply)) {
    alpha = VALUE_DRAW;
    if (alpha >= beta) return alpha;
  }
  const bool in_check = pos_.in_check();
  ss->in_check = in_check;
  if (ply >= MAX_PLY) return in_check ? VALUE_DRAW : evaluate();

  const Key key = pos_.key();
  TTData tte;
  const bool tt_hit = shared_->tt->probe(key, tte);
  const int tt_value = tt_hit ? value_from_tt(tte.value, ply, pos_.rule50()) : VALUE_NONE;
  const bool tt_pv = tt_hit && tte.pv;  // kept: quiescence does not know the line's kind itself
  // Entries from the first quiescence ply (which tries checks) serve the later ones too.
  const int tt_depth = depth >= 0 ? 0 : -1;
  if (!pv_node && tt_hit && tte.depth >= tt_depth && tt_value != VALUE_NONE &&
      (tte.bound & (tt_value >= beta ? BOUND_LOWER : BOUND_UPPER)))
    return tt_value;

  // Standing pat: the side to move may decline every capture (not when in check).
  int best_value = -VALUE_INFINITE, futility_base = -VALUE_INFINITE;
  int raw_eval = VALUE_NONE;  // the net's figure, for the table
  if (in_check) {
    ss->static_eval = VALUE_NONE;
  } else {
    raw_eval = tt_hit && tte.eval != VALUE_NONE ? tte.eval : evaluate();
    ss->static_eval = best_value = corrected_eval(ss, raw_eval);
    // A stored bound may stand in for the static evaluation, but not a mate: that is a
    // claim about a forced line which this node has not searched.
    if (tt_value != VALUE_NONE && !is_decisive(tt_value) &&
        (tte.bound & (tt_value > best_value ? BOUND_LOWER : BOUND_UPPER)))
      best_value = tt_value;
    if (best_value >= beta) {
      if (!tt_hit)
        shared_->tt->store(key, TTData{Move::none(), int16_t(value_to_tt(best_value, ply)), int16_t(raw_eval),
                                       DEPTH_EVAL_ONLY, BOUND_LOWER, tt_pv});
      return best_value;
    }
    alpha = std::max(alpha, best_value);
    futility_base = best_value + tune::qs_futility_margin;
  }

  OrderingTables ordering{&tables_->butterfly, &tables_->captures, {(ss - 1)->continuation, (ss - 2)->continuation, nullptr}};
  // Quiet checks at the first ply find the mates a capture-only horizon hides.
  MovePicker picker(pos_, tt_hit ? tte.move : Move::none(), ordering, depth >= 0 && !in_check);
  Move best_move;
  int quiet_evasions = 0, move_count = 0;
  const Square recapture_square = (ss - 1)->move.is_ok() ? (ss - 1)->move.to() : SQ_NONE;
  for (Move m; (m = picker.next());) {
    const bool capture = pos_.is_capture(m);
    ++move_count;
    if (best_value > VALUE_MATED_IN_MAX_PLY) {
      const bool gives_check = pos_.gives_check(m);
      // A recapture is always searched: it is usually what the exchange hinges on.
      if (!in_check && !gives_check && m.kind() != PROMOTION && m.to() != recapture_square) {
        // Past the first few, only recaptures: the ordering put the likely ones first.
        if (move_count > tune::qs_move_count) continue;
        // Even winning the captured piece outright would not reach alpha.
        const int futility_value = futility_base + CAPTURE_GAIN[pos_.captured_type(m)];
        if (futility_value <= alpha) {
          best_value = std::max(best_value, futility_value);
          continue;
        }
        if (futility_base <= alpha && !see_ge(pos_, m, 1)) {
          best_value = std::max(best_value, futility_base);
          continue;
        }
      }
      if (in_check && !capture && quiet_evasions++ >= tune::qs_quiet_evasions) continue;
      if (!see_ge(pos_, m, -tune::qs_see_margin)) continue;
      // A quiet check or evasion that followed both previous moves badly before.
      if (!capture) {
        const Piece moved = pos_.piece_on(m.from());
        if ((*(ss - 1)->continuation)[moved][m.to()] < 0 && (*(ss - 2)->continuation)[moved][m.to()] < 0) continue;
      }
    }
    make_move(ss, m);
    const int value = -qsearch(ss + 1, -beta, -alpha, pv_node, depth - 1);
    unmake_move(m);
    if (stopped()) return 0;
    if (value > best_value) {
      best_value = value;
      if (value > alpha) {
        best_move = m;
        if (pv_node) update_pv(ply, m);
        if (value >= beta) break;
        alpha = value;
      }
    }
  }
  if (in_check && best_value == -VALUE_INFINITE) return mated_in(ply);

  shared_->tt->store(key, TTData{best_move, int16_t(value_to_tt(best_value, ply)), int16_t(raw_eval),
                                 int8_t(tt_depth), best_value >= beta ? BOUND_LOWER : BOUND_UPPER, tt_pv});
  return best_value;
}

void Worker::aspiration(int depth) {
  Frame* ss = &tables_->frames[FRAME_OFFSET];
  const RootMove& rm = root_moves_[pv_index_];
  int alpha = -VALUE_INFINITE, beta = VALUE_INFINITE, delta = VALUE_INFINITE;
  // Optimism for the side to move at the root, from its best move's average score (every
  // net generation's evaluation formula blends it in).
  const int average = rm.average_score == -VALUE_INFINITE ? 0 : rm.average_score;
  const Color us = pos_.side_to_move();
  optimism_[us] = tune::optimism_scale * average / (std::abs(average) + tune::optimism_offset);
  optimism_[~us] = -optimism_[us];
  if (depth >= tune::asp_min_depth && rm.average_score != -VALUE_INFINITE) {
    delta = tune::asp_delta + std::abs(rm.average_score) / tune::asp_score_divisor;
    alpha = std::max(rm.average_score - delta, -VALUE_INFINITE);
    beta = std::min(rm.average_score + delta, VALUE_INFINITE);
  }
  int fail_highs = 0;
  for (;;) {
    // After fail-highs a shallower re-search usually settles the score sooner.
    root_delta_ = beta - alpha;
    const int value = search(ss, alpha, beta, std::max(depth - fail_highs, (depth + 1) / 2), false, true);
    std::stable_sort(root_moves_.begin() + pv_index_, root_moves_.end(),
                     [](const RootMove& a, const RootMove& b) { return a.score > b.score; });
    if (stopped()) break;
    if (value <= alpha) {
      beta = (alpha + beta) / 2;
      alpha = std::max(value - delta, -VALUE_INFINITE);
      fail_highs = 0;
    } else if (value >= beta) {
      beta = std::min(value + delta, VALUE_INFINITE);
      ++fail_highs;
    } else {
      break;
    }
    if (is_main() && pv_index_ < shared_->options.reported_lines() && shared_->time.elapsed_ms() > 3000)
      report_line(pv_index_);
    delta += delta / tune::asp_growth_divisor;
  }
  std::stable_sort(root_moves_.begin(), root_moves_.begin() + pv_index_ + 1,
                   [](const RootMove& a, const RootMove& b) { return a.score > b.score; });
}

void Worker::iterative_deepening() {
  const int multipv = std::min<int>(shared_->options.multipv, int(root_moves_.size()));
  const int max_depth = shared_->limits.depth ? std::min(shared_->limits.depth, MAX_DEPTH) : MAX_DEPTH;
  int previous_score = VALUE_NONE;
  Move previous_best;
  for (root_depth_ = 1; root_depth_ <= max_depth; ++root_depth_) {
    if (stopped()) break;
    if (skips_iteration(root_depth_)) continue;
    best_move_changes_ /= 2;
    // Scores are only compared within one iteration: a move not searched yet at this
    // depth keeps its last result as previous_score and sorts after those that were.
    // (Left in place, an older score could outrank this iteration's fail-low result
    // when the search stops part-way, and be reported at the depth it came from.)
    for (RootMove& rm : root_moves_) {
      rm.previous_score = rm.score;
      rm.previous_depth = rm.depth;
      rm.score = -VALUE_INFINITE;
    }
    for (pv_index_ = 0; pv_index_ < multipv && !stopped(); ++pv_index_) {
      sel_depth_ = 0;
      aspiration(root_depth_);
    }
    pv_index_ = 0;
    if (stopped()) break;
    completed_depth_ = root_depth_;
    if (!is_main()) continue;

    for (int i = 0; i < std::min(multipv, shared_->options.reported_lines()); ++i) report_line(i);
    // As Stockfish does, a weakened search chooses at depth 1 + level and then searches on
    // to its limits: what it leaves in the table makes the next move's shallow choice
    // better informed, which is part of what the Elo model was fitted on.
    if (shared_->weakened() && !shared_->weakened_choice && root_depth_ >= skill_depth(shared_->options.skill_level))
      choose_weakened_move();
    const int score = root_moves_[0].score;
    const SearchLimits& limits = shared_->limits;
    if (limits.mate && score >= mate_in(2 * limits.mate)) shared_->stop = true;
    if (!shared_->pondering.load(std::memory_order_relaxed) && iteration_used_enough_time(previous_score, previous_best))
      shared_->stop = true;
    previous_score = score;
    previous_best = root_moves_[0].move;
  }
}

void Worker::report_line(int index) { shared_->report(root_moves_[size_t(index)].line(index + 1)); }

// Lazy SMP diversity: helper threads skip some iterations, each on its own pattern, so
// that at any moment the threads are spread over two or three depths and fill the table
// with different parts of the tree instead of all repeating the main thread's work.
// Helper i works in runs of `span` iterations (1 for the first helper, 2 for the next
// two, 3 for the four after them ...), searching one run and skipping the next, with the
// runs of neighbouring helpers offset. The first iteration is never skipped, so every
// thread has a result.
bool Worker::skips_iteration(int depth) const {
  if (is_main() || depth <= 1) return false;
  const int span = std::bit_width(unsigned(index_));  // 1, 2, 2, 3, 3, 3, 3, 4 ...
  return ((depth + index_) / span) % 2 == 1;
}

// After an iteration: stop when the soft limit is spent, sooner when the best move has
// held for several iterations, later when it keeps changing or the score is falling.
bool Worker::iteration_used_enough_time(int previous_score, Move previous_best) {
  if (!shared_->time.is_timed() || shared_->time.is_fixed()) return false;
  const RootMove& best = root_moves_[0];
  iterations_with_same_best_ = best.move == previous_best ? iterations_with_same_best_ + 1 : 0;
  if (root_moves_.size() == 1) return true;  // one legal move: nothing to think about
  const double instability = 1.0 + best_move_changes_;
  const double falling = previous_score == VALUE_NONE
                            ? 1.0
                            : std::clamp(1.0 + (previous_score - best.score) / double(tune::tm_falling_divisor),
                                         tune::tm_falling_min_percent / 100.0, tune::tm_falling_max_percent / 100.0);
  const double settled = iterations_with_same_best_ >= tune::tm_settled_iterations ? tune::tm_settled_percent / 100.0 : 1.0;
  // The share of this thread's nodes spent under the best move: near all of it, the
  // alternatives were refuted cheaply and the move is clear; a small share, they were hard.
  const double effort = double(best.nodes) / double(std::max<uint64_t>(1, nodes()));
  const double contested = (tune::tm_effort_base / 100.0 - effort) * tune::tm_effort_scale / 100.0;
  return shared_->time.soft_limit_reached(std::clamp(instability * falling * settled * contested, tune::tm_stability_min_percent / 100.0,
                                                     tune::tm_stability_max_percent / 100.0));
}

}  // namespace corvid::search
