// The board, its state stack, and make/unmake. Knows nothing of search or evaluation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "chess/attacks.h"

namespace corvid {

// What a move changes and unmake must restore; one entry per ply on the state stack.
struct StateInfo {
  Key key = 0;
  Key pawn_key = 0;
  Key non_pawn_key[COLOR_NB] = {0, 0};  // each side's pieces other than pawns, king included
  Bitboard checkers = 0;
  Square en_passant = SQ_NONE;  // only set when a pawn of the side to move attacks it
  uint8_t castling = NO_CASTLING;
  Piece captured = NO_PIECE;
  int rule50 = 0;
  int plies_from_null = 0;
  Move move;  // the move that led to this state
  // What gives_check needs, computed the first time it is asked in this state.
  mutable bool check_info_ready = false;
  mutable Bitboard check_squares[PIECE_TYPE_NB];  // where each of our piece types would check
  mutable Bitboard discoverers;                   // ours, alone between our slider and their king
};

// The standard starting position.
inline constexpr std::string_view START_FEN = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1";

class Position {
 public:
  Position();  // the starting position

  // Strictly validated FEN. On failure returns false with a message naming the field
  // and the problem in *error, and leaves this position unchanged.
  bool set_fen(std::string_view fen, bool chess960, std::string* error);
  std::string fen() const;
  std::string to_string() const;  // board picture, FEN and key, for the `d` command

  void make_move(Move m);
  void unmake_move(Move m);
  void make_null_move();
  void unmake_null_move();

  bool gives_check(Move m) const;
  // The key after m, close enough to prefetch its hash entry: exact but for castling,
  // en passant captures, and changes of castling rights or of the en passant square.
  Key key_after(Move m) const;
  // Whether m takes a piece (en passant included; castling, stored as king takes rook, not).
  bool is_capture(Move m) const { return m.kind() == EN_PASSANT || (m.kind() != CASTLING && !empty(m.to())); }
  // The type of the piece m takes, NO_PIECE_TYPE for none.
  PieceType captured_type(Move m) const {
    return m.kind() == EN_PASSANT ? PAWN : m.kind() == CASTLING ? NO_PIECE_TYPE : type_of(piece_on(m.to()));
  }
  // Whether m is among the legal moves here (for moves from outside: UCI, hash table).
  bool is_legal(Move m) const;

  // Accessors
  Color side_to_move() const { return side_; }
  Piece piece_on(Square s) const { return board_[s]; }
  bool empty(Square s) const { return board_[s] == NO_PIECE; }
  Bitboard pieces() const { return by_type_[NO_PIECE_TYPE]; }
  Bitboard pieces(PieceType pt) const { return by_type_[pt]; }
  Bitboard pieces(PieceType a, PieceType b) const { return by_type_[a] | by_type_[b]; }
  Bitboard pieces(Color c) const { return by_color_[c]; }
  Bitboard pieces(Color c, PieceType pt) const { return by_color_[c] & by_type_[pt]; }
  Bitboard pieces(Color c, PieceType a, PieceType b) const { return by_color_[c] & (by_type_[a] | by_type_[b]); }
  Square king_square(Color c) const { return lsb(pieces(c, KING)); }
  int piece_count() const { return popcount(pieces()); }

  const StateInfo& state() const { return states_.back(); }
  Key key() const { return state().key; }
  Key pawn_key() const { return state().pawn_key; }
  Key non_pawn_key(Color c) const { return state().non_pawn_key[c]; }
  Bitboard checkers() const { return state().checkers; }
  bool in_check() const { return state().checkers != 0; }
  Square en_passant_square() const { return state().en_passant; }
  uint8_t castling_rights() const { return state().castling; }
  int rule50() const { return state().rule50; }
  int game_ply() const { return game_ply_; }
  bool is_chess960() const { return chess960_; }
  Piece captured_piece() const { return state().captured; }

  // Castling geometry of one right (valid while the right is held).
  Square castling_rook_square(CastlingRights cr) const { return castling_rook_square_[cr]; }
  Bitboard castling_path(CastlingRights cr) const { return castling_path_[cr]; }            // must be empty
  Bitboard castling_king_path(CastlingRights cr) const { return castling_king_path_[cr]; }  // must be safe

  // Where king and rook end up when c castles.
  static Square castling_king_target(Color c, bool king_side);
  static Square castling_rook_target(Color c, bool king_side);

  Bitboard attackers_to(Square s, Bitboard occupied) const;
  Bitboard attackers_to(Square s) const { return attackers_to(s, pieces()); }
  bool attacked_by(Color c, Square s, Bitboard occupied) const;
  // Squares from which a piece of type pt of the side to move would give direct check.
  Bitboard check_squares(PieceType pt) const {
    if (!state().check_info_ready) compute_check_info();
    return state().check_squares[pt];
  }
  // Pieces of either colour standing alone between c's king and an enemy slider.
  Bitboard blockers_for_king(Color c) const;

  // The position's key computed from scratch (tests compare it with the incremental one).
  Key compute_key() const;
  Key compute_pawn_key() const;
  Key compute_non_pawn_key(Color c) const;

  // Repetition: whether the current position occurred before, counting back over
  // reversible moves only (including positions before the search root).
  bool is_repetition() const;
  // Repetition as a draw for a search `ply` plies below its root: a repeat of a position
  // inside the search counts at once; one of a position from before the root only when
  // it makes the third occurrence.
  bool is_repetition_draw(int ply) const;
  // Whether the side to move has a reversible move back to a position of the current
  // search line (one less than `ply` plies back, since the last irreversible move): the
  // search can then count on at least a draw here.
  bool has_upcoming_repetition(int ply) const;
  // No mating material for either side: bare kings, a lone minor piece, or bishops all
  // on squares of one colour.
  bool has_insufficient_material() const;
  bool has_non_pawn_material(Color c) const { return pieces(c) != pieces(c, PAWN, KING); }

 private:
  friend class FenParser;
  void clear();
  void put_piece(Piece p, Square s);
  void remove_piece(Square s);
  void move_piece(Square from, Square to);
  void add_castling_right(Color c, Square rook_square);
  void finish_setup();  // keys, checkers and en passant after pieces and rights are set
  void do_castling(Color us, Square king_from, Square rook_from, bool undo);
  void compute_check_info() const;
  bool gives_check_slow(Move m) const;
  bool is_legal_simple(Move m) const;
  bool is_legal_king_step(Move m) const;

  Piece board_[SQUARE_NB];
  Bitboard by_type_[PIECE_TYPE_NB];  // [NO_PIECE_TYPE] holds all pieces
  Bitboard by_color_[COLOR_NB];
  Color side_ = WHITE;
  int game_ply_ = 0;
  bool chess960_ = false;
  uint8_t castling_rights_mask_[SQUARE_NB];  // rights lost when a piece leaves or lands on the square
  Square castling_rook_square_[CASTLING_RIGHT_NB];
  Bitboard castling_path_[CASTLING_RIGHT_NB];
  Bitboard castling_king_path_[CASTLING_RIGHT_NB];
  std::vector<StateInfo> states_;
};

namespace chess {
// Builds the attack tables and hash keys once; call before creating positions.
void init();
}  // namespace chess

}  // namespace corvid
