#include "chess/perft.h"

#include "chess/movegen.h"

namespace corvid {

uint64_t perft(Position& pos, int depth, const std::atomic<bool>* stop) {
  if (depth <= 0) return 1;
  if (depth == 1) return count_legal_moves(pos);  // bulk counting: no make at the last ply
  // Polled above the last two plies only: a few thousand leaves between looks.
  if (stop && depth >= 3 && stop->load(std::memory_order_relaxed)) return 0;
  MoveList moves;
  generate<LEGAL>(pos, moves);
  uint64_t nodes = 0;
  for (Move m : moves) {
    pos.make_move(m);
    nodes += depth == 2 ? count_legal_moves(pos) : perft(pos, depth - 1, stop);
    pos.unmake_move(m);
  }
  return nodes;
}

std::vector<std::pair<Move, uint64_t>> perft_divide(Position& pos, int depth, const std::atomic<bool>* stop) {
  std::vector<std::pair<Move, uint64_t>> result;
  if (depth <= 0) return result;
  MoveList moves;
  generate<LEGAL>(pos, moves);
  for (Move m : moves) {
    pos.make_move(m);
    result.emplace_back(m, perft(pos, depth - 1, stop));
    pos.unmake_move(m);
  }
  return result;
}

}  // namespace corvid
