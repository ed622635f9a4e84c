// Every constant of the search in one table: name, default, min, max and SPSA step. A
// normal build compiles each as a constexpr int; a tuning build (cmake -DCORVID_TUNE=ON,
// `make TUNE=1`) makes them variables the UCI layer exposes as spin options, so that
// SPSA runners (OpenBench, fastchess scripts) can tune them with `setoption`.
// Fractions are integers over a stated denominator (percent, hundredths), chosen so the
// defaults give exactly the values the search was written with.
#pragma once

#include <span>
#include <string_view>

// X(name, default, min, max, step)
#define CORVID_SEARCH_TUNABLES(X)                                                          \
  /* late-move reductions: lmr_base/100 + ln(depth) ln(moves) / (lmr_divisor/100) - window / root window, */ \
  /* one more when not improving and the logarithm term exceeds lmr_not_improving/100 */   \
  X(lmr_base, 160, 0, 300, 10)                                                             \
  X(lmr_divisor, 250, 150, 400, 15)                                                        \
  X(lmr_not_improving, 89, 0, 200, 10)                                                     \
  X(lmr_tt_pv, 2, 0, 3, 1) /* less on a (former) PV node not likely to fail low */          \
  X(lmr_cut_node, 2, 0, 4, 1)                                                              \
  X(lmr_pv_shallow, 11, 0, 24, 2) /* a PV node's reduction is 1 + lmr_pv_shallow / (3 + depth) less */ \
  X(lmr_parent_move_count, 7, 3, 16, 1) /* one less after the parent's move number this */ \
  X(lmr_history_offset, 4000, 0, 8000, 400)                                                \
  X(lmr_history_divisor, 8000, 4000, 16000, 500)                                           \
  X(lmr_history_max, 8, 1, 12, 1)                                                          \
  X(lmr_cutoff_count, 3, 1, 8, 1) /* one ply more when the children failed high more often */ \
  /* after a reduced search beat alpha: deeper above alpha + margin + per ply of reduction */ \
  X(lmr_deeper_margin, 64, 10, 120, 6)                                                     \
  X(lmr_deeper_per_ply, 11, 0, 30, 2)                                                      \
  /* late-move pruning: (lmp_base + depth^2) / (2 - improving) moves */                    \
  X(lmp_base, 3, 1, 8, 1)                                                                  \
  /* razoring below alpha - razor_base - razor_depth * depth^2 */                          \
  X(razor_base, 450, 200, 800, 30)                                                         \
  X(razor_depth, 250, 100, 400, 20)                                                        \
  /* reverse futility: depth < rfp_max_depth, margin rfp_margin per (depth - improving) */ \
  X(rfp_max_depth, 9, 5, 14, 1)                                                            \
  X(rfp_margin, 170, 60, 300, 10)                                                          \
  X(rfp_stat_divisor, 250, 100, 600, 25) /* minus the parent move's statistics over this */ \
  /* null move: static eval >= beta - nmp_eval_depth * depth + nmp_eval_base; reduction */ \
  /* min((eval - beta) / nmp_eval_divisor, nmp_eval_max) + depth / nmp_depth_divisor + nmp_base */ \
  X(nmp_eval_depth, 20, 0, 50, 3)                                                          \
  X(nmp_eval_base, 180, 0, 400, 20)                                                        \
  X(nmp_eval_divisor, 170, 80, 400, 15)                                                    \
  X(nmp_eval_max, 6, 2, 10, 1)                                                             \
  X(nmp_depth_divisor, 3, 2, 6, 1)                                                         \
  X(nmp_base, 4, 2, 6, 1)                                                                  \
  X(nmp_verify_depth, 14, 8, 20, 1)                                                        \
  X(nmp_max_parent_stat, 10000, 4000, 20000, 1000) /* not after an opponent's move this well-liked */ \
  /* ProbCut: from probcut_min_depth, beta + probcut_margin - probcut_improving * improving */ \
  X(probcut_min_depth, 5, 3, 8, 1)                                                         \
  X(probcut_margin, 200, 100, 350, 15)                                                     \
  X(probcut_improving, 50, 0, 120, 8)                                                      \
  X(probcut_check_margin, 417, 200, 700, 30) /* in check: a deep hash capture this far above beta */ \
  /* internal iterative reduction without a hash move: PV nodes, cut nodes from a depth */ \
  X(iir_pv, 3, 1, 4, 1)                                                                    \
  X(iir_cut_min_depth, 9, 4, 12, 1)                                                        \
  X(iir_cut, 2, 1, 3, 1)                                                                   \
  /* shallow pruning of moves */                                                           \
  X(see_capture_margin, 200, 50, 400, 20)                                                  \
  /* captures: static eval + base + depth * lmr depth + victim + history / divisor below alpha */ \
  X(capture_futility_max_depth, 7, 3, 12, 1)                                               \
  X(capture_futility_base, 180, 60, 350, 15)                                               \
  X(capture_futility_depth, 201, 80, 350, 15)                                              \
  X(capture_futility_history_divisor, 6, 2, 16, 1)                                         \
  X(history_prune_max_depth, 5, 2, 8, 1)                                                   \
  X(history_prune_margin, 2400, 1000, 6000, 250)                                           \
  X(futility_max_depth, 13, 6, 16, 1)                                                      \
  X(futility_base, 106, 40, 250, 10)                                                       \
  X(futility_depth, 145, 60, 300, 10)                                                      \
  X(futility_history_divisor, 40, 15, 120, 5)                                              \
  X(see_quiet_quadratic, 25, 5, 60, 3)                                                     \
  X(see_quiet_linear, 20, 0, 60, 3)                                                        \
  /* singular extensions */                                                                \
  X(se_min_depth, 4, 3, 10, 1) /* two more at a PV node whose entry was a PV node's */     \
  X(se_tt_depth_margin, 3, 1, 5, 1)                                                        \
  X(se_beta_margin, 3, 1, 6, 1)                                                            \
  X(se_beta_margin_tt_pv, 1, 0, 3, 1) /* more at a non-PV node that was on a PV */          \
  X(se_double_margin, 25, 5, 60, 4)                                                        \
  X(se_double_max, 8, 2, 16, 1)                                                            \
  /* checks are extended above check_ext_min_depth, away from level positions */          \
  X(check_ext_min_depth, 9, 0, 14, 1)                                                      \
  X(check_ext_eval_margin, 82, 0, 200, 10)                                                 \
  /* history bonus: min(quadratic * d^2 + linear * d - offset, max) */                    \
  X(history_bonus_quadratic, 16, 4, 32, 2)                                                 \
  X(history_bonus_linear, 160, 40, 320, 15)                                                \
  X(history_bonus_offset, 120, 0, 300, 20)                                                 \
  X(history_bonus_max, 2000, 1000, 4000, 150)                                              \
  X(history_bonus_beta_margin, 150, 50, 300, 15)                                           \
  /* all moves failed low: the opponent's prior quiet move gets a bonus, heavier when it */ \
  /* came after prior_bonus_late_move moves or left us below alpha - prior_bonus_margin */ \
  X(prior_bonus_late_move, 10, 3, 20, 1)                                                   \
  X(prior_bonus_margin, 300, 100, 600, 30)                                                 \
  /* the opponent's quiet move: -scale * (its static eval + ours), clamped to +-max */     \
  X(eval_diff_history_scale, 19, 5, 40, 2)                                                 \
  X(eval_diff_history_max, 1914, 500, 4000, 150)                                           \
  /* move ordering: quiets below -mp_quiet_sort_limit * depth stay unsorted */             \
  X(mp_quiet_sort_limit, 3000, 1000, 6000, 250)                                            \
  X(mp_victim_weight, 16, 4, 32, 2)                                                        \
  /* a capture is tried early when it loses at most score * mp_good_capture_see / 1024 */ \
  X(mp_good_capture_see, 26, 0, 64, 4)                                                     \
  /* quiet ordering bonuses: moving a threatened queen / rook / minor to safety, checking */ \
  /* (Stockfish 15.1's, halved: Corvid's history tables span about half its range) */    \
  X(mp_escape_queen, 25000, 5000, 50000, 2000)                                             \
  X(mp_escape_rook, 12500, 2500, 25000, 1200)                                              \
  X(mp_escape_minor, 7500, 1500, 15000, 700)                                               \
  X(mp_check_bonus, 8192, 0, 16000, 1000)                                                  \
  /* correction histories: eval += sum of entry * weight / 1024; bonus (score - eval) * depth / corr_bonus_divisor */ \
  X(corr_pawn_weight, 96, 0, 256, 8)                                                       \
  X(corr_non_pawn_weight, 64, 0, 256, 8) /* for each side's table */                      \
  X(corr_continuation_weight, 48, 0, 256, 8)                                               \
  X(corr_bonus_divisor, 8, 4, 16, 1)                                                       \
  /* quiescence */                                                                         \
  X(qs_futility_margin, 153, 50, 400, 15)                                                  \
  X(qs_see_margin, 0, 0, 200, 10) /* captures losing more than this are skipped */          \
  X(qs_move_count, 2, 1, 8, 1) /* then only recaptures, checks and promotions */             \
  X(qs_quiet_evasions, 2, 0, 6, 1)                                                         \
  /* optimism from the root score: optimism_scale * s / (|s| + optimism_offset) */         \
  X(optimism_scale, 142, 50, 250, 10)                                                      \
  X(optimism_offset, 91, 30, 200, 8)                                                       \
  /* aspiration windows: from asp_min_depth, delta asp_delta + |score| / asp_score_divisor */ \
  X(asp_min_depth, 4, 2, 8, 1)                                                             \
  X(asp_delta, 20, 5, 50, 3)                                                               \
  X(asp_score_divisor, 40, 10, 100, 5)                                                     \
  X(asp_growth_divisor, 3, 1, 6, 1)                                                        \
  /* time: moves left max(tm_moves_left_min, tm_moves_left_base - ply / tm_ply_divisor) */ \
  X(tm_movetime_margin, 15, 0, 19, 2) /* ms kept back from movetime beyond the overhead */ \
  X(tm_movestogo_max, 50, 20, 80, 5)                                                       \
  X(tm_moves_left_base, 45, 25, 70, 3)                                                     \
  X(tm_ply_divisor, 4, 2, 8, 1)                                                            \
  X(tm_moves_left_min, 20, 10, 35, 2)                                                      \
  /* percentages: of the increment, of the clock (ceiling), of the share (soft, hard) */  \
  X(tm_increment_percent, 75, 40, 100, 5)                                                  \
  X(tm_ceiling_percent, 50, 30, 80, 5)                                                     \
  X(tm_ceiling_last_percent, 80, 50, 95, 5)                                                \
  X(tm_soft_percent, 80, 40, 150, 8)                                                       \
  X(tm_hard_percent, 400, 200, 800, 30)                                                    \
  /* soft-limit scaling: falling score over tm_falling_divisor, clamped (percent) */       \
  X(tm_falling_divisor, 200, 100, 400, 20)                                                 \
  X(tm_falling_min_percent, 80, 50, 100, 5)                                                \
  X(tm_falling_max_percent, 160, 100, 250, 10)                                             \
  X(tm_settled_iterations, 6, 3, 12, 1)                                                    \
  X(tm_settled_percent, 70, 40, 100, 5)                                                    \
  /* node effort: soft limit times (tm_effort_base - best move's node share) * tm_effort_scale (percent) */ \
  X(tm_effort_base, 150, 110, 200, 5)                                                      \
  X(tm_effort_scale, 130, 80, 200, 8)                                                      \
  X(tm_stability_min_percent, 40, 20, 100, 5)                                              \
  X(tm_stability_max_percent, 250, 120, 400, 15)

namespace corvid::search::tunables {

#ifdef CORVID_TUNE
inline constexpr bool ENABLED = true;
#define CORVID_DECLARE_TUNABLE(name, value, min, max, step) inline int name = value;
#else
inline constexpr bool ENABLED = false;
#define CORVID_DECLARE_TUNABLE(name, value, min, max, step) inline constexpr int name = value;
#endif
CORVID_SEARCH_TUNABLES(CORVID_DECLARE_TUNABLE)
#undef CORVID_DECLARE_TUNABLE

struct Tunable {
  std::string_view name;
  int default_value, min, max, step;
  int* value;  // the variable in a tuning build; null in a normal build
};

// The whole table, in the order above.
std::span<const Tunable> all();
// The tunable of that name (case-insensitive, as UCI option names are), or null.
const Tunable* find(std::string_view name);

}  // namespace corvid::search::tunables
