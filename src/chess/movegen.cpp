#include "chess/movegen.h"

namespace corvid {

namespace {

// Where generated moves go: into a list, or just counted (perft's last ply).
struct ListSink {
  MoveList& list;
  void add(Move m) { list.push(m); }
  void add_targets(Square from, Bitboard targets) {
    while (targets) list.push(Move(from, pop_lsb(targets)));
  }
  template <int Delta>
  void add_pawn_moves(Bitboard targets) {
    while (targets) {
      const Square to = pop_lsb(targets);
      list.push(Move(to - Delta, to));
    }
  }
  template <int Delta>
  void add_promotions(Bitboard targets) {
    while (targets) {
      const Square to = pop_lsb(targets);
      add_promotions_at(to - Delta, to);
    }
  }
  void add_promotions_at(Square from, Square to) {
    for (PieceType pt : {QUEEN, ROOK, BISHOP, KNIGHT}) list.push(Move::make(PROMOTION, from, to, pt));
  }
};

struct CountSink {
  uint64_t count = 0;
  void add(Move) { ++count; }
  void add_targets(Square, Bitboard targets) { count += popcount(targets); }
  template <int Delta>
  void add_pawn_moves(Bitboard targets) {
    count += popcount(targets);
  }
  template <int Delta>
  void add_promotions(Bitboard targets) {
    count += 4 * popcount(targets);
  }
  void add_promotions_at(Square, Square) { count += 4; }
};

template <Color Us>
constexpr Bitboard relative_rank_bb(int rank) {
  return rank_bb(relative_rank(Us, rank));
}

// One pinned pawn: it may only move along the line through its king.
template <Color Us, class Sink>
void generate_pinned_pawn(const Position& pos, Sink& sink, Square from, Bitboard capture_mask, Bitboard quiet_mask) {
  constexpr int Up = pawn_push(Us);
  const Bitboard along_pin = line_bb(pos.king_square(Us), from);
  const Bitboard occupied = pos.pieces();
  Bitboard targets = pawn_attacks(Us, from) & capture_mask;
  const Square one = from + Up;
  if (!(occupied & square_bb(one))) {
    targets |= square_bb(one) & quiet_mask;
    const Square two = one + Up;
    if (relative_rank(Us, rank_of(from)) == 1 && !(occupied & square_bb(two))) targets |= square_bb(two) & quiet_mask;
  }
  targets &= along_pin;
  while (targets) {
    const Square to = pop_lsb(targets);
    if (relative_rank(Us, rank_of(to)) == 7) sink.add_promotions_at(from, to);
    else sink.add(Move(from, to));
  }
}

template <Color Us, GenType T, class Sink>
void generate_pawn_moves(const Position& pos, Sink& sink, Bitboard pinned, Bitboard target) {
  constexpr Color Them = ~Us;
  constexpr int Up = pawn_push(Us);
  constexpr int UpWest = Up + WEST, UpEast = Up + EAST;
  constexpr bool Captures = T != QUIETS, Quiets = T != CAPTURES;
  const Bitboard occupied = pos.pieces(), enemies = pos.pieces(Them);
  const Bitboard pawns = pos.pieces(Us, PAWN);
  const Bitboard free_pawns = pawns & ~pinned;
  const Bitboard seventh = relative_rank_bb<Us>(6);
  const Bitboard normal = free_pawns & ~seventh, promoting = free_pawns & seventh;

  if constexpr (Quiets) {
    const Bitboard one = shift<Up>(normal) & ~occupied;
    const Bitboard two = shift<Up>(one & relative_rank_bb<Us>(2)) & ~occupied;
    sink.template add_pawn_moves<Up>(one & target);
    sink.template add_pawn_moves<Up + Up>(two & target);
  }
  if constexpr (Captures) {
    sink.template add_pawn_moves<UpWest>(shift<UpWest>(normal) & enemies & target);
    sink.template add_pawn_moves<UpEast>(shift<UpEast>(normal) & enemies & target);
    sink.template add_promotions<Up>(shift<Up>(promoting) & ~occupied & target);
    sink.template add_promotions<UpWest>(shift<UpWest>(promoting) & enemies & target);
    sink.template add_promotions<UpEast>(shift<UpEast>(promoting) & enemies & target);

    const Square ep = pos.en_passant_square();
    if (ep != SQ_NONE) {
      const Square king = pos.king_square(Us), captured = ep - Up;
      for (Bitboard capturers = pawn_attacks(Them, ep) & pawns; capturers;) {
        const Square from = pop_lsb(capturers);
        // Test the position after the capture directly: it covers pins along ranks and
        // diagonals and whether the capture answers a check.
        const Bitboard after = (occupied ^ square_bb(from) ^ square_bb(captured)) | square_bb(ep);
        if (!(pos.attackers_to(king, after) & enemies & ~square_bb(captured)))
          sink.add(Move::make(EN_PASSANT, from, ep));
      }
    }
  }

  const Bitboard capture_mask = Captures ? enemies & target : 0;
  const Bitboard quiet_mask = ~occupied & target;
  for (Bitboard b = pawns & pinned; b;) {
    const Square from = pop_lsb(b);
    const bool promotes = relative_rank(Us, rank_of(from)) == 6;
    // Promotions, quiet or not, belong to CAPTURES; other pushes to QUIETS.
    const Bitboard pushes = (promotes ? Captures : Quiets) ? quiet_mask : 0;
    generate_pinned_pawn<Us>(pos, sink, from, capture_mask, pushes);
  }
}

template <Color Us, class Sink>
void generate_castling(const Position& pos, Sink& sink) {
  const Square king = pos.king_square(Us);
  const Bitboard occupied = pos.pieces();
  for (bool king_side : {true, false}) {
    const CastlingRights cr = castling_right(Us, king_side);
    if (!(pos.castling_rights() & cr) || (pos.castling_path(cr) & occupied)) continue;
    const Square rook = pos.castling_rook_square(cr);
    // Without king and rook on the board: the rook may be what shields a square.
    const Bitboard without = occupied ^ square_bb(king) ^ square_bb(rook);
    bool safe = true;
    for (Bitboard path = pos.castling_king_path(cr); path && safe;)
      safe = !pos.attacked_by(~Us, pop_lsb(path), without);
    if (safe) sink.add(Move::make(CASTLING, king, rook));
  }
}

template <Color Us, GenType T, class Sink>
void generate_all(const Position& pos, Sink& sink) {
  constexpr Color Them = ~Us;
  constexpr bool Captures = T != QUIETS, Quiets = T != CAPTURES;
  const Square king = pos.king_square(Us);
  const Bitboard occupied = pos.pieces(), ours = pos.pieces(Us), enemies = pos.pieces(Them);
  const Bitboard checkers = pos.checkers();

  const Bitboard kinds = (Captures ? enemies : 0) | (Quiets ? ~occupied : 0);
  const Bitboard without_king = occupied ^ square_bb(king);
  for (Bitboard b = king_attacks(king) & kinds; b;) {
    const Square to = pop_lsb(b);
    if (!pos.attacked_by(Them, to, without_king)) sink.add(Move(king, to));
  }
  if (more_than_one(checkers)) return;

  const Bitboard target = checkers ? between_bb(king, lsb(checkers)) : ~0ULL;
  const Bitboard piece_target = kinds & target;
  const Bitboard pinned = pos.blockers_for_king(Us) & ours;

  for (Bitboard b = pos.pieces(Us, KNIGHT) & ~pinned; b;) {
    const Square from = pop_lsb(b);
    sink.add_targets(from, knight_attacks(from) & piece_target);
  }
  for (Bitboard b = pos.pieces(Us, BISHOP, QUEEN); b;) {
    const Square from = pop_lsb(b);
    Bitboard targets = bishop_attacks(from, occupied) & piece_target;
    if (pinned & square_bb(from)) targets &= line_bb(king, from);
    sink.add_targets(from, targets);
  }
  for (Bitboard b = pos.pieces(Us, ROOK, QUEEN); b;) {
    const Square from = pop_lsb(b);
    Bitboard targets = rook_attacks(from, occupied) & piece_target;
    if (pinned & square_bb(from)) targets &= line_bb(king, from);
    sink.add_targets(from, targets);
  }
  generate_pawn_moves<Us, T>(pos, sink, pinned, target);
  if constexpr (Quiets)
    if (!checkers) generate_castling<Us>(pos, sink);
}

template <GenType T, class Sink>
void generate_for_side(const Position& pos, Sink& sink) {
  if (pos.side_to_move() == WHITE) generate_all<WHITE, T>(pos, sink);
  else generate_all<BLACK, T>(pos, sink);
}

}  // namespace

template <GenType T>
void generate(const Position& pos, MoveList& list) {
  ListSink sink{list};
  generate_for_side<T == EVASIONS ? LEGAL : T>(pos, sink);
}

template void generate<CAPTURES>(const Position&, MoveList&);
template void generate<QUIETS>(const Position&, MoveList&);
template void generate<EVASIONS>(const Position&, MoveList&);
template void generate<LEGAL>(const Position&, MoveList&);

uint64_t count_legal_moves(const Position& pos) {
  CountSink sink;
  generate_for_side<LEGAL>(pos, sink);
  return sink.count;
}

}  // namespace corvid
