#include "nnue/threat_delta.h"

#include "chess/attacks.h"

namespace corvid::nnue {

namespace {

using full_threats::Threat;

// One side of the move: the position itself, or the position with the move's pieces
// moved (a few squares overridden, bitboards adjusted). Only what threats need.
class BoardView {
 public:
  explicit BoardView(const Position& pos) : pos_(pos) {
    for (Color c : {WHITE, BLACK})
      for (int pt = PAWN; pt <= KING; ++pt) by_piece_[make_piece(c, PieceType(pt))] = pos.pieces(c, PieceType(pt));
    occupied_ = pos.pieces();
  }

  // Removals first, so moves onto a square another moving piece left (Chess960 castling)
  // come out right.
  void apply(const BoardDelta& d) {
    for (int k = 0; k < d.count; ++k)
      if (d.pieces[k].from != SQ_NONE) set(d.pieces[k].from, NO_PIECE);
    for (int k = 0; k < d.count; ++k)
      if (d.pieces[k].to != SQ_NONE) set(d.pieces[k].to, d.pieces[k].piece);
  }

  Piece piece_on(Square s) const {
    for (int k = override_count_ - 1; k >= 0; --k)
      if (override_square_[k] == s) return override_piece_[k];
    return pos_.piece_on(s);
  }
  Bitboard occupied() const { return occupied_; }
  Bitboard pieces(Color c, PieceType pt) const { return by_piece_[make_piece(c, pt)]; }
  Bitboard pieces(PieceType pt) const { return pieces(WHITE, pt) | pieces(BLACK, pt); }

  Bitboard attackers_to(Square s) const {
    const Bitboard rooks = pieces(ROOK) | pieces(QUEEN), bishops = pieces(BISHOP) | pieces(QUEEN);
    return (pawn_attacks(BLACK, s) & pieces(WHITE, PAWN)) | (pawn_attacks(WHITE, s) & pieces(BLACK, PAWN)) |
           (knight_attacks(s) & pieces(KNIGHT)) | (king_attacks(s) & pieces(KING)) |
           (rook_attacks(s, occupied_) & rooks) | (bishop_attacks(s, occupied_) & bishops);
  }

  Bitboard attacks_from(Piece pc, Square s) const {
    const PieceType pt = type_of(pc);
    return pt == PAWN ? pawn_attacks(color_of(pc), s) : attacks_of(pt, s, occupied_);
  }

 private:
  void set(Square s, Piece pc) {
    const Piece old = piece_on(s);
    if (old != NO_PIECE) by_piece_[old] &= ~square_bb(s);
    if (pc != NO_PIECE) by_piece_[pc] |= square_bb(s);
    occupied_ = pc != NO_PIECE ? occupied_ | square_bb(s) : occupied_ & ~square_bb(s);
    override_square_[override_count_] = s;
    override_piece_[override_count_++] = pc;
  }

  const Position& pos_;
  Bitboard by_piece_[PIECE_NB] = {};
  Bitboard occupied_ = 0;
  Square override_square_[8];
  Piece override_piece_[8];
  int override_count_ = 0;
};

class ThreatList {
 public:
  ThreatList(Threat* items, int& count, bool& overflow) : items_(items), count_(count), overflow_(overflow) {}
  void add(Piece attacker, Square from, Piece attacked, Square to) {
    if (count_ == ThreatDelta::CAPACITY) {
      overflow_ = true;
      return;
    }
    items_[count_++] = {attacker, from, attacked, to};
  }

 private:
  Threat* items_;
  int& count_;
  bool& overflow_;
};

// The threats of `board` that can differ on the other board: those from or onto a square
// in `changed` (its contents differ), and slider threats through a square in `toggled`
// (occupied on one board only) that is empty here.
void collect(const BoardView& board, Bitboard changed, Bitboard toggled, ThreatList& out) {
  const Bitboard occupied = board.occupied();
  for (Bitboard b = changed & occupied; b;) {
    const Square x = pop_lsb(b);
    const Piece pc = board.piece_on(x);
    for (Bitboard t = board.attacks_from(pc, x) & occupied; t;) {
      const Square to = pop_lsb(t);
      out.add(pc, x, board.piece_on(to), to);
    }
    for (Bitboard s = board.attackers_to(x) & ~changed; s;) {
      const Square from = pop_lsb(s);
      out.add(board.piece_on(from), from, pc, x);
    }
  }
  const Bitboard rook_sliders = (board.pieces(ROOK) | board.pieces(QUEEN)) & ~changed;
  const Bitboard bishop_sliders = (board.pieces(BISHOP) | board.pieces(QUEEN)) & ~changed;
  for (Bitboard b = toggled & ~occupied; b;) {
    const Square x = pop_lsb(b);
    const Bitboard rook_view = rook_attacks(x, occupied), bishop_view = bishop_attacks(x, occupied);
    const Bitboard sliders = (rook_view & rook_sliders) | (bishop_view & bishop_sliders);
    for (Bitboard s = sliders; s;) {
      const Square from = pop_lsb(s);
      // A nearer emptied square on the same ray lists this threat already.
      if (between_bb(from, x) & ~square_bb(x) & toggled) continue;
      const Bitboard view = (rook_view & rook_sliders & square_bb(from)) ? rook_view : bishop_view;
      const Bitboard beyond = view & line_bb(from, x) & ~between_bb(x, from) & occupied;
      // A changed square beyond is listed with the threats onto it.
      if (!beyond || (beyond & changed)) continue;
      const Square to = lsb(beyond);
      out.add(board.piece_on(from), from, board.piece_on(to), to);
    }
  }
}

}  // namespace

void threat_delta(const Position& before, const BoardDelta& delta, ThreatDelta& out) {
  out.clear();
  BoardView old_board(before), new_board(before);
  new_board.apply(delta);
  Bitboard changed = 0, toggled = 0;
  for (int k = 0; k < delta.count; ++k)
    for (Square s : {delta.pieces[k].from, delta.pieces[k].to})
      if (s != SQ_NONE && old_board.piece_on(s) != new_board.piece_on(s)) {
        changed |= square_bb(s);
        if ((old_board.piece_on(s) == NO_PIECE) != (new_board.piece_on(s) == NO_PIECE)) toggled |= square_bb(s);
      }
  ThreatList removed(out.removed, out.removed_count, out.overflow);
  ThreatList added(out.added, out.added_count, out.overflow);
  collect(old_board, changed, toggled, removed);
  collect(new_board, changed, toggled, added);
}

}  // namespace corvid::nnue
