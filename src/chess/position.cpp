#include "chess/position.h"

#include <sstream>

#include "chess/cuckoo.h"
#include "chess/movegen.h"
#include "chess/zobrist.h"

namespace corvid {

namespace chess {
void init() {
  init_attacks();
  zobrist::init();
  cuckoo::init();
}
}  // namespace chess

Position::Position() {
  chess::init();
  std::string error;
  set_fen(START_FEN, false, &error);
}

void Position::clear() {
  for (Piece& p : board_) p = NO_PIECE;
  for (Bitboard& b : by_type_) b = 0;
  for (Bitboard& b : by_color_) b = 0;
  for (uint8_t& m : castling_rights_mask_) m = 0;
  for (Square& s : castling_rook_square_) s = SQ_NONE;
  for (Bitboard& b : castling_path_) b = 0;
  for (Bitboard& b : castling_king_path_) b = 0;
  side_ = WHITE;
  game_ply_ = 0;
  chess960_ = false;
  states_.clear();
  states_.reserve(256);
  states_.emplace_back();
}

void Position::put_piece(Piece p, Square s) {
  const Bitboard b = square_bb(s);
  board_[s] = p;
  by_type_[NO_PIECE_TYPE] |= b;
  by_type_[type_of(p)] |= b;
  by_color_[color_of(p)] |= b;
}

void Position::remove_piece(Square s) {
  const Piece p = board_[s];
  const Bitboard b = square_bb(s);
  by_type_[NO_PIECE_TYPE] ^= b;
  by_type_[type_of(p)] ^= b;
  by_color_[color_of(p)] ^= b;
  board_[s] = NO_PIECE;
}

void Position::move_piece(Square from, Square to) {
  const Piece p = board_[from];
  const Bitboard b = square_bb(from) | square_bb(to);
  by_type_[NO_PIECE_TYPE] ^= b;
  by_type_[type_of(p)] ^= b;
  by_color_[color_of(p)] ^= b;
  board_[to] = p;
  board_[from] = NO_PIECE;
}

Square Position::castling_king_target(Color c, bool king_side) {
  return relative_square(c, king_side ? SQ_G1 : SQ_C1);
}

Square Position::castling_rook_target(Color c, bool king_side) {
  return relative_square(c, king_side ? SQ_F1 : SQ_D1);
}

void Position::add_castling_right(Color c, Square rook_square) {
  const Square king = king_square(c);
  const bool king_side = rook_square > king;
  const CastlingRights cr = castling_right(c, king_side);
  const Square king_to = castling_king_target(c, king_side);
  const Square rook_to = castling_rook_target(c, king_side);
  states_.back().castling |= cr;
  castling_rights_mask_[king] |= c == WHITE ? WHITE_CASTLING : BLACK_CASTLING;
  castling_rights_mask_[rook_square] |= cr;
  castling_rook_square_[cr] = rook_square;
  castling_path_[cr] = (between_bb(rook_square, rook_to) | between_bb(king, king_to)) &
                       ~(square_bb(king) | square_bb(rook_square));
  castling_king_path_[cr] = between_bb(king, king_to);
}

Bitboard Position::attackers_to(Square s, Bitboard occupied) const {
  return (pawn_attacks(BLACK, s) & pieces(WHITE, PAWN)) | (pawn_attacks(WHITE, s) & pieces(BLACK, PAWN)) |
         (knight_attacks(s) & pieces(KNIGHT)) | (rook_attacks(s, occupied) & pieces(ROOK, QUEEN)) |
         (bishop_attacks(s, occupied) & pieces(BISHOP, QUEEN)) | (king_attacks(s) & pieces(KING));
}

bool Position::attacked_by(Color c, Square s, Bitboard occupied) const {
  return (pawn_attacks(~c, s) & pieces(c, PAWN)) || (knight_attacks(s) & pieces(c, KNIGHT)) ||
         (king_attacks(s) & pieces(c, KING)) || (rook_attacks(s, occupied) & pieces(c, ROOK, QUEEN)) ||
         (bishop_attacks(s, occupied) & pieces(c, BISHOP, QUEEN));
}

Bitboard Position::blockers_for_king(Color c) const {
  const Square king = king_square(c);
  Bitboard snipers = ((rook_attacks(king, 0) & pieces(ROOK, QUEEN)) | (bishop_attacks(king, 0) & pieces(BISHOP, QUEEN))) &
                     pieces(~c);
  Bitboard blockers = 0;
  while (snipers) {
    const Square sniper = pop_lsb(snipers);
    const Bitboard between = between_bb(king, sniper) & pieces() & ~square_bb(sniper);
    if (between && !more_than_one(between)) blockers |= between;
  }
  return blockers;
}

Key Position::compute_key() const {
  Key k = 0;
  for (Bitboard b = pieces(); b;) {
    const Square s = pop_lsb(b);
    k ^= zobrist::piece_square[board_[s]][s];
  }
  k ^= zobrist::castling[state().castling];
  if (state().en_passant != SQ_NONE) k ^= zobrist::en_passant_file[file_of(state().en_passant)];
  if (side_ == BLACK) k ^= zobrist::side_to_move;
  return k;
}

Key Position::compute_pawn_key() const {
  Key k = 0;
  for (Bitboard b = pieces(PAWN); b;) {
    const Square s = pop_lsb(b);
    k ^= zobrist::piece_square[board_[s]][s];
  }
  return k;
}

Key Position::compute_non_pawn_key(Color c) const {
  Key k = 0;
  for (Bitboard b = pieces(c) & ~pieces(PAWN); b;) {
    const Square s = pop_lsb(b);
    k ^= zobrist::piece_square[board_[s]][s];
  }
  return k;
}

void Position::finish_setup() {
  StateInfo& st = states_.back();
  const Color us = side_;
  // Keep the en passant square only when a pawn of the side to move could capture there.
  if (st.en_passant != SQ_NONE && !(pawn_attacks(~us, st.en_passant) & pieces(us, PAWN))) st.en_passant = SQ_NONE;
  st.checkers = attackers_to(king_square(us)) & pieces(~us);
  st.key = compute_key();
  st.pawn_key = compute_pawn_key();
  st.non_pawn_key[WHITE] = compute_non_pawn_key(WHITE);
  st.non_pawn_key[BLACK] = compute_non_pawn_key(BLACK);
}

void Position::do_castling(Color us, Square king_from, Square rook_from, bool undo) {
  const bool king_side = rook_from > king_from;
  const Square king_to = castling_king_target(us, king_side);
  const Square rook_to = castling_rook_target(us, king_side);
  const Piece king = make_piece(us, KING), rook = make_piece(us, ROOK);
  // Remove both first: in Chess960 the targets may be each other's squares.
  remove_piece(undo ? king_to : king_from);
  remove_piece(undo ? rook_to : rook_from);
  put_piece(king, undo ? king_from : king_to);
  put_piece(rook, undo ? rook_from : rook_to);
}

void Position::make_move(Move m) {
  if (states_.size() == states_.capacity()) states_.reserve(states_.size() * 2);
  states_.push_back(states_.back());
  StateInfo& st = states_.back();
  st.check_info_ready = false;

  const Color us = side_, them = ~us;
  const Square from = m.from(), to = m.to();
  const Piece piece = board_[from];
  Key key = st.key ^ zobrist::side_to_move;

  st.move = m;
  st.captured = NO_PIECE;
  ++st.rule50;
  ++st.plies_from_null;
  ++game_ply_;
  if (st.en_passant != SQ_NONE) {
    key ^= zobrist::en_passant_file[file_of(st.en_passant)];
    st.en_passant = SQ_NONE;
  }

  if (m.kind() == CASTLING) {
    const bool king_side = to > from;
    const Square king_to = castling_king_target(us, king_side);
    const Square rook_to = castling_rook_target(us, king_side);
    const Piece rook = make_piece(us, ROOK);
    do_castling(us, from, to, false);
    const Key moved = zobrist::piece_square[piece][from] ^ zobrist::piece_square[piece][king_to] ^
                      zobrist::piece_square[rook][to] ^ zobrist::piece_square[rook][rook_to];
    key ^= moved;
    st.non_pawn_key[us] ^= moved;
  } else {
    const Square capture_square = m.kind() == EN_PASSANT ? to - pawn_push(us) : to;
    const Piece captured = board_[capture_square];
    if (captured != NO_PIECE) {
      remove_piece(capture_square);
      key ^= zobrist::piece_square[captured][capture_square];
      if (type_of(captured) == PAWN) st.pawn_key ^= zobrist::piece_square[captured][capture_square];
      else st.non_pawn_key[them] ^= zobrist::piece_square[captured][capture_square];
      st.rule50 = 0;
      st.captured = captured;
    }
    move_piece(from, to);
    key ^= zobrist::piece_square[piece][from] ^ zobrist::piece_square[piece][to];

    if (type_of(piece) == PAWN) {
      st.rule50 = 0;
      st.pawn_key ^= zobrist::piece_square[piece][from];
      if (m.kind() == PROMOTION) {
        const Piece promoted = make_piece(us, m.promotion());
        remove_piece(to);
        put_piece(promoted, to);
        key ^= zobrist::piece_square[piece][to] ^ zobrist::piece_square[promoted][to];
        st.non_pawn_key[us] ^= zobrist::piece_square[promoted][to];
      } else {
        st.pawn_key ^= zobrist::piece_square[piece][to];
        if ((from ^ to) == 16) {
          const Square passed = from + pawn_push(us);
          if (pawn_attacks(us, passed) & pieces(them, PAWN)) {
            st.en_passant = passed;
            key ^= zobrist::en_passant_file[file_of(passed)];
          }
        }
      }
    } else {
      st.non_pawn_key[us] ^= zobrist::piece_square[piece][from] ^ zobrist::piece_square[piece][to];
    }
  }

  const uint8_t lost = castling_rights_mask_[from] | castling_rights_mask_[to];
  if (st.castling & lost) {
    key ^= zobrist::castling[st.castling];
    st.castling &= ~lost;
    key ^= zobrist::castling[st.castling];
  }

  st.key = key;
  side_ = them;
  st.checkers = attackers_to(king_square(them)) & pieces(us);
}

void Position::unmake_move(Move m) {
  side_ = ~side_;
  const Color us = side_;
  const StateInfo& st = states_.back();
  const Square from = m.from(), to = m.to();

  if (m.kind() == CASTLING) {
    do_castling(us, from, to, true);
  } else {
    if (m.kind() == PROMOTION) {
      remove_piece(to);
      put_piece(make_piece(us, PAWN), to);
    }
    move_piece(to, from);
    if (st.captured != NO_PIECE) put_piece(st.captured, m.kind() == EN_PASSANT ? to - pawn_push(us) : to);
  }
  states_.pop_back();
  --game_ply_;
}

void Position::make_null_move() {
  if (states_.size() == states_.capacity()) states_.reserve(states_.size() * 2);
  states_.push_back(states_.back());
  StateInfo& st = states_.back();
  st.check_info_ready = false;
  st.key ^= zobrist::side_to_move;
  if (st.en_passant != SQ_NONE) {
    st.key ^= zobrist::en_passant_file[file_of(st.en_passant)];
    st.en_passant = SQ_NONE;
  }
  st.move = Move::null();
  st.captured = NO_PIECE;
  // A pass is no move of the game: the 50-move count stays, and repetitions are not
  // looked for across it (plies_from_null bounds their reach).
  st.plies_from_null = 0;
  st.checkers = 0;  // only made when not in check, and the mover's king was safe
  side_ = ~side_;
  ++game_ply_;
}

void Position::unmake_null_move() {
  states_.pop_back();
  side_ = ~side_;
  --game_ply_;
}

void Position::compute_check_info() const {
  const StateInfo& st = state();
  const Color them = ~side_;
  const Square king = king_square(them);
  const Bitboard occupied = pieces();
  st.check_squares[NO_PIECE_TYPE] = 0;
  st.check_squares[PAWN] = pawn_attacks(them, king);
  st.check_squares[KNIGHT] = knight_attacks(king);
  st.check_squares[BISHOP] = bishop_attacks(king, occupied);
  st.check_squares[ROOK] = rook_attacks(king, occupied);
  st.check_squares[QUEEN] = st.check_squares[BISHOP] | st.check_squares[ROOK];
  st.check_squares[KING] = 0;
  st.discoverers = blockers_for_king(them) & pieces(side_);
  st.check_info_ready = true;
}

bool Position::gives_check(Move m) const {
  if (m.kind() != NORMAL) return gives_check_slow(m);
  if (!state().check_info_ready) compute_check_info();
  const StateInfo& st = state();
  const Square from = m.from(), to = m.to();
  if (st.check_squares[type_of(board_[from])] & square_bb(to)) return true;
  // A blocker that leaves the line to the king uncovers our slider.
  return (st.discoverers & square_bb(from)) && !(line_bb(from, king_square(~side_)) & square_bb(to));
}

Key Position::key_after(Move m) const {
  const Square from = m.from(), to = m.to();
  const Piece piece = board_[from], captured = board_[to];
  const Piece placed = m.kind() == PROMOTION ? make_piece(side_, m.promotion()) : piece;
  Key k = key() ^ zobrist::side_to_move ^ zobrist::piece_square[piece][from] ^ zobrist::piece_square[placed][to];
  if (captured != NO_PIECE && m.kind() != CASTLING) k ^= zobrist::piece_square[captured][to];
  return k;
}

// Every kind of move, by playing it on the occupancy: the reference for the fast path.
bool Position::gives_check_slow(Move m) const {
  const Color us = side_;
  const Square target = king_square(~us);
  const Square from = m.from(), to = m.to();
  Bitboard occupied = pieces() ^ square_bb(from);
  Bitboard rooks = pieces(us, ROOK, QUEEN) & ~square_bb(from);
  Bitboard bishops = pieces(us, BISHOP, QUEEN) & ~square_bb(from);

  if (m.kind() == CASTLING) {
    const bool king_side = to > from;
    const Square rook_to = castling_rook_target(us, king_side);
    occupied = (occupied ^ square_bb(to)) | square_bb(castling_king_target(us, king_side)) | square_bb(rook_to);
    rooks = (rooks & ~square_bb(to)) | square_bb(rook_to);
  } else {
    occupied |= square_bb(to);
    if (m.kind() == EN_PASSANT) occupied ^= square_bb(to - pawn_push(us));
    const PieceType moved = m.kind() == PROMOTION ? m.promotion() : type_of(board_[from]);
    const Bitboard direct = moved == PAWN ? pawn_attacks(us, to) : attacks_of(moved, to, occupied);
    if (direct & square_bb(target)) return true;
    rooks &= ~square_bb(to);  // a captured piece on `to` is not ours; the mover is handled above
    bishops &= ~square_bb(to);
  }
  // Any slider of ours that now sees the king: a discovered check (or the castling rook).
  return (rook_attacks(target, occupied) & rooks) || (bishop_attacks(target, occupied) & bishops);
}

bool Position::is_legal(Move m) const {
  const Piece moved = piece_on(m.from());
  if (moved == NO_PIECE || color_of(moved) != side_) return false;
  const MoveKind kind = m.kind();
  if (!in_check() && type_of(moved) != KING && (kind == NORMAL || kind == PROMOTION)) return is_legal_simple(m);
  if (type_of(moved) == KING && kind == NORMAL) return is_legal_king_step(m);
  // Only the part of the generator that could produce m: captures and quiets split the
  // legal moves exactly, so this is as exact as generating them all.
  MoveList moves;
  if (in_check()) generate<EVASIONS>(*this, moves);
  else if (is_capture(m) || m.kind() == PROMOTION)
    generate<CAPTURES>(*this, moves);
  else
    generate<QUIETS>(*this, moves);
  return moves.contains(m);
}

// A normal king move, in check or not: one step onto a square that is not ours and that
// no enemy piece attacks once the king has left its square (a slider behind it counts).
bool Position::is_legal_king_step(Move m) const {
  const Square from = m.from(), to = m.to();
  if (m != Move(from, to) || !(king_attacks(from) & square_bb(to)) || (pieces(side_) & square_bb(to))) return false;
  return !attacked_by(~side_, to, pieces() ^ square_bb(from));
}

// A normal move or promotion of a piece other than the king, not in check: the piece
// must reach `to` by its own rules, and a pinned piece must stay on its pin line.
bool Position::is_legal_simple(Move m) const {
  const Color us = side_;
  const Square from = m.from(), to = m.to();
  const PieceType type = type_of(board_[from]);
  if (pieces(us) & square_bb(to)) return false;
  if (m.kind() == NORMAL && m != Move(from, to)) return false;  // stray promotion bits
  if (type == PAWN) {
    const bool promotes = relative_rank(us, rank_of(to)) == 7;
    if (promotes != (m.kind() == PROMOTION)) return false;
    const Square one = from + pawn_push(us);
    const bool push = to == one && empty(to);
    const bool double_push = relative_rank(us, rank_of(from)) == 1 && to == one + pawn_push(us) && empty(one) &&
                             empty(to);
    const bool capture = pawn_attacks(us, from) & pieces(~us) & square_bb(to);
    if (!push && !double_push && !capture) return false;
  } else if (m.kind() == PROMOTION || !(attacks_of(type, from, pieces()) & square_bb(to))) {
    return false;
  }
  return !(blockers_for_king(us) & square_bb(from)) || (line_bb(king_square(us), from) & square_bb(to));
}

bool Position::is_repetition() const {
  const StateInfo& st = state();
  const int reach = std::min(st.rule50, st.plies_from_null);
  const int last = int(states_.size()) - 1;
  for (int back = 4; back <= reach && last - back >= 0; back += 2)
    if (states_[last - back].key == st.key) return true;
  return false;
}

bool Position::is_repetition_draw(int ply) const {
  const StateInfo& st = state();
  const int reach = std::min(st.rule50, st.plies_from_null);
  const int last = int(states_.size()) - 1;
  bool seen_before_root = false;
  for (int back = 4; back <= reach && last - back >= 0; back += 2) {
    if (states_[last - back].key != st.key) continue;
    if (back < ply || seen_before_root) return true;
    seen_before_root = true;
  }
  return false;
}

bool Position::has_upcoming_repetition(int ply) const {
  const StateInfo& st = state();
  const int reach = std::min(st.rule50, st.plies_from_null);
  const int last = int(states_.size()) - 1;
  const Bitboard occupied = pieces();
  // Positions an odd number of plies back have the other side to move, as after our move.
  for (int back = 3; back <= reach && back < ply && last - back >= 0; back += 2) {
    const int slot = cuckoo::find(st.key ^ states_[last - back].key);
    if (slot < 0) continue;
    // The keys differ by one piece between two squares: it is on one of them, the other is
    // empty. The move must be ours and its path clear.
    const Move m = cuckoo::moves[slot];
    const Square from = board_[m.from()] != NO_PIECE ? m.from() : m.to(), to = from == m.from() ? m.to() : m.from();
    if (color_of(board_[from]) != side_) continue;
    if ((between_bb(from, to) ^ square_bb(to)) & occupied) continue;
    return true;
  }
  return false;
}

bool Position::has_insufficient_material() const {
  if (pieces(PAWN, ROOK) | pieces(QUEEN)) return false;
  const Bitboard minors = pieces(KNIGHT, BISHOP);
  if (popcount(minors) <= 1) return true;
  // Only bishops, all on one square colour: no mate is possible.
  constexpr Bitboard DARK_SQUARES = 0xAA55AA55AA55AA55ULL;
  const Bitboard bishops = pieces(BISHOP);
  return bishops == minors && ((bishops & DARK_SQUARES) == 0 || (bishops & ~DARK_SQUARES) == 0);
}

std::string Position::to_string() const {
  static constexpr std::string_view piece_chars = " PNBRQK  pnbrqk";
  std::ostringstream out;
  out << "\n +---+---+---+---+---+---+---+---+\n";
  for (int rank = 7; rank >= 0; --rank) {
    for (int file = 0; file < 8; ++file) out << " | " << piece_chars[board_[make_square(file, rank)]];
    out << " | " << rank + 1 << "\n +---+---+---+---+---+---+---+---+\n";
  }
  out << "   a   b   c   d   e   f   g   h\n\n";
  out << "Fen: " << fen() << "\n";
  out << "Key: " << std::hex << std::uppercase;
  out.width(16);
  out.fill('0');
  out << key() << std::dec << "\n";
  out << "Checkers:";
  for (Bitboard b = checkers(); b;) {
    const Square s = pop_lsb(b);
    out << ' ' << char('a' + file_of(s)) << char('1' + rank_of(s));
  }
  out << "\n";
  return out.str();
}

}  // namespace corvid
