#include "book/polyglot.h"

#include <filesystem>
#include <fstream>

#include "book/polyglot_random.h"
#include "chess/movegen.h"
#include "util/paths.h"

namespace corvid::book {

namespace {

constexpr int ENTRY_BYTES = 16;

// Polyglot's piece kinds: black pawn 0, white pawn 1, black knight 2, ... white king 11.
int polyglot_kind(Piece p) { return 2 * (type_of(p) - PAWN) + (color_of(p) == WHITE); }

uint64_t read_be(const unsigned char* bytes, int count) {
  uint64_t v = 0;
  for (int i = 0; i < count; ++i) v = (v << 8) | bytes[i];
  return v;
}

struct RawEntry {
  uint64_t key;
  uint16_t move;
  uint16_t weight;
};

bool read_entry(std::ifstream& in, uint64_t index, RawEntry& e) {
  unsigned char bytes[ENTRY_BYTES];
  in.seekg(std::streamoff(index * ENTRY_BYTES));
  if (!in.read(reinterpret_cast<char*>(bytes), ENTRY_BYTES)) return false;
  e.key = read_be(bytes, 8);
  e.move = uint16_t(read_be(bytes + 8, 2));
  e.weight = uint16_t(read_be(bytes + 10, 2));
  return true;
}

// A Polyglot move (to file, to row, from file, from row, promotion: 3 bits each) as the
// legal move it names. Castling is written king-takes-rook, as Corvid stores it.
Move to_legal_move(const Position& pos, uint16_t raw) {
  const Square to = Square((raw & 7) + 8 * ((raw >> 3) & 7));
  const Square from = Square(((raw >> 6) & 7) + 8 * ((raw >> 9) & 7));
  static constexpr PieceType PROMOTIONS[] = {NO_PIECE_TYPE, KNIGHT, BISHOP, ROOK, QUEEN};
  const int promo_index = (raw >> 12) & 7;
  const PieceType promo = promo_index <= 4 ? PROMOTIONS[promo_index] : NO_PIECE_TYPE;
  MoveList legal;
  generate<LEGAL>(pos, legal);
  for (Move m : legal) {
    if (m.from() != from || m.to() != to) continue;
    if (m.kind() == PROMOTION ? m.promotion() == promo : promo == NO_PIECE_TYPE) return m;
  }
  return Move::none();
}

}  // namespace

uint64_t polyglot_key(const Position& pos) {
  uint64_t key = 0;
  for (Bitboard b = pos.pieces(); b;) {
    const Square s = pop_lsb(b);
    key ^= POLYGLOT_RANDOM[64 * polyglot_kind(pos.piece_on(s)) + s];
  }
  const uint8_t rights = pos.castling_rights();
  if (rights & WHITE_OO) key ^= POLYGLOT_RANDOM[POLYGLOT_CASTLING + 0];
  if (rights & WHITE_OOO) key ^= POLYGLOT_RANDOM[POLYGLOT_CASTLING + 1];
  if (rights & BLACK_OO) key ^= POLYGLOT_RANDOM[POLYGLOT_CASTLING + 2];
  if (rights & BLACK_OOO) key ^= POLYGLOT_RANDOM[POLYGLOT_CASTLING + 3];
  // The en passant file counts only when a pawn of the side to move stands beside the
  // pawn that just made its double step.
  if (const Square ep = pos.en_passant_square(); ep != SQ_NONE) {
    const Color us = pos.side_to_move();
    const int file = ep % 8;
    const int pawn_rank = us == WHITE ? 4 : 3;
    bool capturable = false;
    for (int df : {-1, 1}) {
      const int f = file + df;
      if (f < 0 || f > 7) continue;
      const Piece p = pos.piece_on(Square(pawn_rank * 8 + f));
      capturable = capturable || (p != NO_PIECE && type_of(p) == PAWN && color_of(p) == us);
    }
    if (capturable) key ^= POLYGLOT_RANDOM[POLYGLOT_EN_PASSANT + file];
  }
  if (pos.side_to_move() == WHITE) key ^= POLYGLOT_RANDOM[POLYGLOT_TURN];
  return key;
}

bool PolyglotBook::open(const std::string& path, std::string& error) {
  close();
  std::string tried;
  const std::string resolved = resolve_user_path(path, &tried);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(resolved, ec)) {
    error = "BookFile: '" + path + "' is not a file (tried " + tried + ")";
    return false;
  }
  const uint64_t size = std::filesystem::file_size(resolved, ec);
  if (ec || size == 0 || size % ENTRY_BYTES != 0) {
    error = "BookFile: '" + resolved + "' is not a Polyglot book (" + std::to_string(size) +
            " bytes, not a whole number of 16-byte entries)";
    return false;
  }
  std::ifstream in(resolved, std::ios::binary);
  // Entries must be sorted by key for the binary search: check the first and last few.
  RawEntry a{}, b{};
  const uint64_t n = size / ENTRY_BYTES;
  if (!in || !read_entry(in, 0, a) || !read_entry(in, n - 1, b) || a.key > b.key) {
    error = "BookFile: '" + resolved + "' is not a Polyglot book (entries not sorted by key)";
    return false;
  }
  path_ = resolved;
  entries_ = n;
  return true;
}

std::vector<BookEntry> PolyglotBook::moves(const Position& pos) const {
  std::vector<BookEntry> found;
  if (!is_open()) return found;
  std::ifstream in(path_, std::ios::binary);
  const uint64_t key = polyglot_key(pos);
  uint64_t lo = 0, hi = entries_;  // first entry with entry.key >= key
  RawEntry e{};
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (!read_entry(in, mid, e)) return found;
    if (e.key < key) lo = mid + 1;
    else hi = mid;
  }
  for (uint64_t i = lo; i < entries_ && read_entry(in, i, e) && e.key == key; ++i) {
    const Move m = to_legal_move(pos, e.move);
    if (m) found.push_back({m, e.weight});
  }
  return found;
}

std::optional<Move> PolyglotBook::pick(const Position& pos, bool best, std::mt19937_64& rng) const {
  const std::vector<BookEntry> entries = moves(pos);
  if (entries.empty()) return std::nullopt;
  uint64_t total = 0;
  const BookEntry* heaviest = &entries[0];
  for (const BookEntry& e : entries) {
    total += e.weight;
    if (e.weight > heaviest->weight) heaviest = &e;
  }
  if (best || total == 0) return heaviest->move;
  uint64_t ticket = rng() % total;
  for (const BookEntry& e : entries) {
    if (ticket < e.weight) return e.move;
    ticket -= e.weight;
  }
  return heaviest->move;
}

}  // namespace corvid::book
