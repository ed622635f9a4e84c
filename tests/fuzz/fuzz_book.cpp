// Fuzz target `book`: the Polyglot book reader on any bytes written to a file, then a
// lookup and a pick in a few positions. With the first byte odd, the keys of the entries
// are first replaced by those of the test positions (chosen by the input) and the entries
// sorted, so that lookups find the input's moves and weights. Every move the book gives
// must be legal in its position, and a pick must be one of them.
#include <algorithm>
#include <array>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "book/polyglot.h"
#include "chess/movegen.h"
#include "chess/notation.h"
#include "chess/position.h"
#include "fuzz_support.h"

using namespace corvid;

namespace {

struct Start {
  const char* fen;
  bool chess960;
};
constexpr Start STARTS[] = {
    {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", false},
    {"rnbqkbnr/ppp1p1pp/8/3pPp2/8/8/PPPP1PPP/RNBQKBNR w KQkq f6 0 3", false},
    {"r3k2r/1P1p2P1/8/2pP4/5pP1/8/1p1P2p1/R3K2R w KQkq c6 0 1", false},
    {"r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R b KQkq - 0 1", false},
    {"bqnb1rkr/pp3ppp/3ppn2/2p5/5P2/P2P4/NPP1P1PP/BQ1BNRKR w HFhf - 2 9", true},
    {"7k/5Q2/6K1/8/8/8/8/8 b - - 0 1", false},  // stalemate: no legal move at all
};

std::vector<Position>& positions() {
  static std::vector<Position> all = [] {
    std::vector<Position> v;
    for (const Start& s : STARTS) {
      Position pos;
      std::string error;
      FUZZ_CHECK(pos.set_fen(s.fen, s.chess960, &error), error);
      v.push_back(pos);
    }
    return v;
  }();
  return all;
}

// Gives the entries keys of the test positions and sorts them by key, as a book is.
void aim_at_positions(std::string& bytes) {
  const size_t entries = bytes.size() / 16;
  std::vector<std::array<char, 16>> table(entries);
  for (size_t i = 0; i < entries; ++i) {
    std::copy_n(bytes.data() + 16 * i, 16, table[i].data());
    const uint64_t key = book::polyglot_key(positions()[uint8_t(table[i][0]) % positions().size()]);
    for (int b = 0; b < 8; ++b) table[i][b] = char(key >> (56 - 8 * b));
  }
  std::stable_sort(table.begin(), table.end(), [](const auto& a, const auto& b) {
    return std::lexicographical_compare(a.begin(), a.begin() + 8, b.begin(), b.begin() + 8,
                                        [](char x, char y) { return uint8_t(x) < uint8_t(y); });
  });
  for (size_t i = 0; i < entries; ++i) std::copy_n(table[i].data(), 16, bytes.data() + 16 * i);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  chess::init();
  positions();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > 16 * 4096) return 0;
  std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] & 1) aim_at_positions(bytes);
  const std::string path = (fuzz::scratch_dir() / "book.bin").string();
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));

  book::PolyglotBook book;
  std::string error;
  if (!book.open(path, error)) {
    FUZZ_CHECK(!error.empty() && !book.is_open(), "a refused book gave no reason or stays open");
    return 0;
  }
  std::mt19937_64 rng(data[0]);
  for (const Position& pos : positions()) {
    MoveList legal;
    generate<LEGAL>(pos, legal);
    const std::vector<book::BookEntry> moves = book.moves(pos);
    for (const book::BookEntry& e : moves)
      FUZZ_CHECK(legal.contains(e.move), "book move " + move_to_uci(e.move, pos.is_chess960()) + " is not legal in " +
                                             pos.fen());
    for (const bool best : {false, true}) {
      const std::optional<Move> m = book.pick(pos, best, rng);
      FUZZ_CHECK(m.has_value() == !moves.empty(), "pick and moves disagree on whether the book has a move");
      if (m)
        FUZZ_CHECK(std::any_of(moves.begin(), moves.end(), [&](const book::BookEntry& e) { return e.move == *m; }),
                   "picked a move the book does not list");
    }
  }
  return 0;
}
