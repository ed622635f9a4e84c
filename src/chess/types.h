// Basic chess vocabulary: colours, pieces, squares, moves.
#pragma once

#include <cstdint>

namespace corvid {

using Bitboard = uint64_t;
using Key = uint64_t;

enum Color : uint8_t { WHITE, BLACK, COLOR_NB = 2 };
constexpr Color operator~(Color c) { return Color(c ^ 1); }

enum PieceType : uint8_t { NO_PIECE_TYPE, PAWN, KNIGHT, BISHOP, ROOK, QUEEN, KING, PIECE_TYPE_NB = 7 };

// Piece = colour * 8 + type, so the colour is bit 3 and the type the low three bits.
enum Piece : uint8_t {
  NO_PIECE,
  W_PAWN = 1, W_KNIGHT, W_BISHOP, W_ROOK, W_QUEEN, W_KING,
  B_PAWN = 9, B_KNIGHT, B_BISHOP, B_ROOK, B_QUEEN, B_KING,
  PIECE_NB = 16
};
constexpr Piece make_piece(Color c, PieceType pt) { return Piece(c * 8 + pt); }
constexpr PieceType type_of(Piece p) { return PieceType(p & 7); }
constexpr Color color_of(Piece p) { return Color(p >> 3); }

enum Square : uint8_t {
  SQ_A1, SQ_B1, SQ_C1, SQ_D1, SQ_E1, SQ_F1, SQ_G1, SQ_H1,
  SQ_A2, SQ_B2, SQ_C2, SQ_D2, SQ_E2, SQ_F2, SQ_G2, SQ_H2,
  SQ_A3, SQ_B3, SQ_C3, SQ_D3, SQ_E3, SQ_F3, SQ_G3, SQ_H3,
  SQ_A4, SQ_B4, SQ_C4, SQ_D4, SQ_E4, SQ_F4, SQ_G4, SQ_H4,
  SQ_A5, SQ_B5, SQ_C5, SQ_D5, SQ_E5, SQ_F5, SQ_G5, SQ_H5,
  SQ_A6, SQ_B6, SQ_C6, SQ_D6, SQ_E6, SQ_F6, SQ_G6, SQ_H6,
  SQ_A7, SQ_B7, SQ_C7, SQ_D7, SQ_E7, SQ_F7, SQ_G7, SQ_H7,
  SQ_A8, SQ_B8, SQ_C8, SQ_D8, SQ_E8, SQ_F8, SQ_G8, SQ_H8,
  SQ_NONE, SQUARE_NB = 64
};

constexpr int file_of(Square s) { return s & 7; }
constexpr int rank_of(Square s) { return s >> 3; }
constexpr Square make_square(int file, int rank) { return Square(rank * 8 + file); }
constexpr bool is_ok(Square s) { return s < SQUARE_NB; }
// Rank seen from c's side: relative_rank(BLACK, rank 8) == 0.
constexpr int relative_rank(Color c, int rank) { return c == WHITE ? rank : 7 - rank; }
constexpr Square relative_square(Color c, Square s) { return Square(s ^ (c * 56)); }
constexpr Square operator+(Square s, int d) { return Square(int(s) + d); }
constexpr Square operator-(Square s, int d) { return Square(int(s) - d); }
inline Square& operator++(Square& s) { return s = Square(s + 1); }

constexpr int NORTH = 8, SOUTH = -8, EAST = 1, WEST = -1;
constexpr int pawn_push(Color c) { return c == WHITE ? NORTH : SOUTH; }

// Castling rights: one bit per colour and side.
enum CastlingRights : uint8_t {
  NO_CASTLING = 0,
  WHITE_OO = 1, WHITE_OOO = 2, BLACK_OO = 4, BLACK_OOO = 8,
  KING_SIDE = WHITE_OO | BLACK_OO, QUEEN_SIDE = WHITE_OOO | BLACK_OOO,
  WHITE_CASTLING = WHITE_OO | WHITE_OOO, BLACK_CASTLING = BLACK_OO | BLACK_OOO,
  ANY_CASTLING = 15, CASTLING_RIGHT_NB = 16
};
constexpr CastlingRights castling_right(Color c, bool king_side) {
  return CastlingRights((king_side ? WHITE_OO : WHITE_OOO) << (2 * c));
}

// A move in 16 bits: from (6), to (6), kind (2), promotion piece type - KNIGHT (2).
// Castling is stored as "king takes own rook" so Chess960 needs no special case.
enum MoveKind : uint16_t { NORMAL = 0, PROMOTION = 1 << 12, EN_PASSANT = 2 << 12, CASTLING = 3 << 12 };

class Move {
 public:
  constexpr Move() = default;
  constexpr explicit Move(uint16_t raw) : data_(raw) {}
  constexpr Move(Square from, Square to) : data_(uint16_t(from | (to << 6))) {}
  static constexpr Move make(MoveKind kind, Square from, Square to, PieceType promo = KNIGHT) {
    return Move(uint16_t(from | (to << 6) | kind | ((promo - KNIGHT) << 14)));
  }
  static constexpr Move none() { return Move(); }
  static constexpr Move null() { return Move(uint16_t(65)); }  // from == to == b1: never legal

  constexpr Square from() const { return Square(data_ & 63); }
  constexpr Square to() const { return Square((data_ >> 6) & 63); }
  constexpr MoveKind kind() const { return MoveKind(data_ & (3 << 12)); }
  constexpr PieceType promotion() const { return PieceType(((data_ >> 14) & 3) + KNIGHT); }
  constexpr uint16_t raw() const { return data_; }
  constexpr bool is_ok() const { return from() != to(); }
  constexpr explicit operator bool() const { return data_ != 0; }
  constexpr bool operator==(const Move&) const = default;

 private:
  uint16_t data_ = 0;
};

}  // namespace corvid
