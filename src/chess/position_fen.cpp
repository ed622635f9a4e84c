// FEN reading (strictly validated) and writing.
#include <algorithm>
#include <charconv>
#include <sstream>

#include "chess/position.h"

namespace corvid {

namespace {

constexpr std::string_view PIECE_LETTERS = " PNBRQK  pnbrqk";

std::string square_name(Square s) { return {char('a' + file_of(s)), char('1' + rank_of(s))}; }

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

bool parse_counter(std::string_view field, int min, int max, int& value) {
  if (field.empty() || field.size() > 9) return false;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  return ec == std::errc() && end == field.data() + field.size() && value >= min && value <= max;
}

}  // namespace

// Builds a position field by field; every check names the field and what was wrong.
class FenParser {
 public:
  static constexpr int MAX_HALFMOVE_CLOCK = 1000;
  static constexpr int MAX_FULLMOVE_NUMBER = 100000;

  explicit FenParser(Position& pos) : pos_(pos) {}

  std::string parse(std::string_view fen, bool chess960) {
    const auto fields = split_fields(fen);
    if (fields.size() != 6)
      return "expected 6 fields (placement, side, castling, en passant, halfmove clock, fullmove number), found " +
             std::to_string(fields.size());
    pos_.clear();
    pos_.chess960_ = chess960;
    if (auto e = parse_placement(fields[0]); !e.empty()) return "field 1 (piece placement): " + e;
    if (fields[1] != "w" && fields[1] != "b")
      return "field 2 (side to move): expected 'w' or 'b', found '" + std::string(fields[1]) + "'";
    pos_.side_ = fields[1] == "w" ? WHITE : BLACK;
    if (auto e = parse_castling(fields[2]); !e.empty()) return "field 3 (castling rights): " + e;
    if (auto e = parse_en_passant(fields[3]); !e.empty()) return "field 4 (en passant): " + e;
    int rule50 = 0, fullmove = 0;
    if (!parse_counter(fields[4], 0, MAX_HALFMOVE_CLOCK, rule50))
      return "field 5 (halfmove clock): expected a number from 0 to " + std::to_string(MAX_HALFMOVE_CLOCK) +
             ", found '" + std::string(fields[4]) + "'";
    if (!parse_counter(fields[5], 1, MAX_FULLMOVE_NUMBER, fullmove))
      return "field 6 (fullmove number): expected a number from 1 to " + std::to_string(MAX_FULLMOVE_NUMBER) +
             ", found '" + std::string(fields[5]) + "'";
    if (pos_.states_.back().en_passant != SQ_NONE && rule50 != 0)
      return "field 5 (halfmove clock): must be 0 right after a double pawn push (en passant square " +
             square_name(pos_.states_.back().en_passant) + "), found " + std::to_string(rule50);
    pos_.states_.back().rule50 = rule50;
    pos_.game_ply_ = 2 * (fullmove - 1) + (pos_.side_ == BLACK);

    const Color them = ~pos_.side_;
    if (pos_.attackers_to(pos_.king_square(them)) & pos_.pieces(pos_.side_))
      return std::string("field 2 (side to move): the side not to move (") + (them == WHITE ? "white" : "black") +
             ") is in check";
    pos_.finish_setup();
    return {};
  }

 private:
  std::string parse_placement(std::string_view placement) {
    int rank = 7, file = 0;
    for (size_t i = 0; i < placement.size(); ++i) {
      const char c = placement[i];
      if (c == '/') {
        if (file != 8) return "rank " + std::to_string(rank + 1) + " has " + std::to_string(file) + " squares, not 8";
        if (--rank < 0) return "more than 8 ranks";
        file = 0;
      } else if (c >= '1' && c <= '8') {
        file += c - '0';
        if (file > 8) return "rank " + std::to_string(rank + 1) + " has more than 8 squares";
      } else if (const size_t idx = PIECE_LETTERS.find(c); idx != std::string_view::npos && c != ' ') {
        if (file >= 8) return "rank " + std::to_string(rank + 1) + " has more than 8 squares";
        pos_.put_piece(Piece(idx), make_square(file++, rank));
      } else {
        return std::string("unexpected character '") + c + "' at position " + std::to_string(i + 1);
      }
    }
    if (rank != 0) return "expected 8 ranks, found " + std::to_string(8 - rank);
    if (file != 8) return "rank 1 has " + std::to_string(file) + " squares, not 8";
    for (Color c : {WHITE, BLACK}) {
      const int kings = popcount(pos_.pieces(c, KING));
      if (kings != 1)
        return std::string("expected exactly one ") + (c == WHITE ? "white" : "black") + " king, found " +
               std::to_string(kings);
    }
    if (const Bitboard bad = pos_.pieces(PAWN) & (RANK_1_BB | RANK_8_BB))
      return "pawn on the first or last rank (" + square_name(lsb(bad)) + ")";
    // Material a game can have: at most 16 pieces and 8 pawns a side, and no more pieces
    // beyond the initial ones (a second queen, a third rook...) than pawns have gone.
    // The rest of the engine relies on it: a position has at most 218 legal moves (move
    // lists hold 256), 32 pieces (the net's layer stack is chosen by (pieces - 1) / 4, 8
    // stacks; the overflow proof counts 32 piece-square features).
    for (Color c : {WHITE, BLACK}) {
      const std::string side = c == WHITE ? "white" : "black";
      const int pieces = popcount(pos_.pieces(c)), pawns = popcount(pos_.pieces(c, PAWN));
      if (pieces > 16) return side + " has " + std::to_string(pieces) + " pieces, at most 16 can be on the board";
      if (pawns > 8) return side + " has " + std::to_string(pawns) + " pawns, at most 8";
      int promoted = 0;
      for (const auto& [pt, initial] : {std::pair{QUEEN, 1}, {ROOK, 2}, {BISHOP, 2}, {KNIGHT, 2}})
        promoted += std::max(0, popcount(pos_.pieces(c, pt)) - initial);
      if (promoted > 8 - pawns)
        return side + " has " + std::to_string(promoted) +
               " extra pieces (beyond 1 queen, 2 rooks, 2 bishops, 2 knights) but only " +
               std::to_string(8 - pawns) + " of its pawns are gone to have promoted";
    }
    return {};
  }

  // KQkq (outermost rook, X-FEN) and Shredder file letters (AHah), mixed freely.
  std::string parse_castling(std::string_view field) {
    if (field == "-") return {};
    for (const char c : field) {
      const Color color = (c >= 'A' && c <= 'Z') ? WHITE : BLACK;
      const char upper = char(c & ~0x20);
      const Square king = pos_.king_square(color);
      const int back_rank = color == WHITE ? 0 : 7;
      const Piece rook = make_piece(color, ROOK);
      const std::string side_name = color == WHITE ? "white" : "black";
      if (upper != 'K' && upper != 'Q' && (upper < 'A' || upper > 'H'))
        return std::string("unexpected character '") + c + "'";
      if (rank_of(king) != back_rank)
        return std::string("right '") + c + "' but the " + side_name + " king is not on its back rank";
      Square rook_square = SQ_NONE;
      if (upper == 'K') {
        for (int f = 7; f > file_of(king) && rook_square == SQ_NONE; --f)
          if (pos_.piece_on(make_square(f, back_rank)) == rook) rook_square = make_square(f, back_rank);
      } else if (upper == 'Q') {
        for (int f = 0; f < file_of(king) && rook_square == SQ_NONE; ++f)
          if (pos_.piece_on(make_square(f, back_rank)) == rook) rook_square = make_square(f, back_rank);
      } else {
        const Square s = make_square(upper - 'A', back_rank);
        if (pos_.piece_on(s) == rook && s != king) rook_square = s;
      }
      if (rook_square == SQ_NONE)
        return std::string("right '") + c + "' but no " + side_name + " rook stands where it needs one";
      const CastlingRights cr = castling_right(color, rook_square > king);
      if (pos_.states_.back().castling & cr)
        return std::string("right '") + c + "' repeats a right already given for that side";
      pos_.add_castling_right(color, rook_square);
    }
    return {};
  }

  std::string parse_en_passant(std::string_view field) {
    if (field == "-") return {};
    if (field.size() != 2 || field[0] < 'a' || field[0] > 'h' || field[1] < '1' || field[1] > '8')
      return "expected '-' or a square, found '" + std::string(field) + "'";
    const Color us = pos_.side_, them = ~us;
    const Square s = make_square(field[0] - 'a', field[1] - '1');
    if (relative_rank(us, rank_of(s)) != 5)
      return "square " + std::string(field) + " is not on the rank a " + (them == WHITE ? "white" : "black") +
             " double push passes";
    const Square pushed = s - pawn_push(us), origin = s + pawn_push(us);
    if (pos_.piece_on(pushed) != make_piece(them, PAWN))
      return "no pawn on " + square_name(pushed) + " that could just have made a double push";
    if (!pos_.empty(s) || !pos_.empty(origin))
      return "squares " + std::string(field) + " and " + square_name(origin) +
             " must be empty after a double push";
    pos_.states_.back().en_passant = s;
    return {};
  }

  Position& pos_;
};

bool Position::set_fen(std::string_view fen, bool chess960, std::string* error) {
  Position candidate = *this;
  const std::string problem = FenParser(candidate).parse(fen, chess960);
  if (!problem.empty()) {
    if (error) *error = "invalid FEN: " + problem;
    return false;
  }
  *this = std::move(candidate);
  return true;
}

std::string Position::fen() const {
  std::ostringstream out;
  for (int rank = 7; rank >= 0; --rank) {
    int empty_run = 0;
    for (int file = 0; file < 8; ++file) {
      const Piece p = board_[make_square(file, rank)];
      if (p == NO_PIECE) {
        ++empty_run;
        continue;
      }
      if (empty_run) out << empty_run;
      empty_run = 0;
      out << PIECE_LETTERS[p];
    }
    if (empty_run) out << empty_run;
    if (rank) out << '/';
  }
  out << (side_ == WHITE ? " w " : " b ");
  const uint8_t rights = state().castling;
  constexpr CastlingRights order[4] = {WHITE_OO, WHITE_OOO, BLACK_OO, BLACK_OOO};
  for (CastlingRights cr : order) {
    if (!(rights & cr)) continue;
    const bool white = cr & WHITE_CASTLING;
    char letter = (cr & KING_SIDE) ? 'K' : 'Q';
    // Chess960 writes Shredder-FEN; standard chess X-FEN, where K and Q name the outermost
    // rook, so an inner castling rook keeps its file letter (else the FEN would read back
    // with another rook).
    const Square rook = castling_rook_square_[cr];
    const Bitboard beyond = (cr & KING_SIDE) ? ~((square_bb(rook) << 1) - 1) : (square_bb(rook) - 1);
    const Bitboard outer_rooks = beyond & pieces(white ? WHITE : BLACK, ROOK) & rank_bb(rank_of(rook));
    if (chess960_ || outer_rooks) letter = char('A' + file_of(rook));
    out << char(white ? letter : letter | 0x20);
  }
  if (!rights) out << '-';
  out << ' ' << (state().en_passant == SQ_NONE ? "-" : square_name(state().en_passant));
  // The counters are capped at what the parser accepts, so every FEN printed (by `d`, or
  // re-read when UCI_Chess960 changes) reads back; past 1000 plies the 50-move rule has
  // long been decided, so the cap changes no result.
  const int fullmove = 1 + (game_ply_ - (side_ == BLACK)) / 2;
  out << ' ' << std::min(state().rule50, FenParser::MAX_HALFMOVE_CLOCK) << ' '
      << std::min(fullmove, FenParser::MAX_FULLMOVE_NUMBER);
  return out.str();
}

}  // namespace corvid
