// Polyglot books: keys against the examples of the Polyglot specification, lookup and
// choice in a small book written here, Debian's gnuchess-book, and OwnBook over UCI.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>

#include "book/polyglot.h"
#include "chess/notation.h"
#include "chess/position.h"
#include "process_support.h"
#include "test_files.h"

using corvid::Position;
using corvid::book::PolyglotBook;

namespace {

const std::string GNUCHESS_BOOK = "/usr/share/games/gnuchess/book.bin";

Position after(const std::vector<std::string>& moves, const std::string& fen = std::string(corvid::START_FEN)) {
  Position pos;
  std::string error;
  REQUIRE(pos.set_fen(fen, false, &error));
  for (const std::string& m : moves) {
    const corvid::Move move = corvid::parse_uci_move(pos, m);
    REQUIRE(move);
    pos.make_move(move);
  }
  return pos;
}

void put_be(std::vector<uint8_t>& out, uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(uint8_t(v >> (8 * i)));
}

// Polyglot's move field: to file, to row, from file, from row (3 bits each), promotion.
uint16_t poly_move(const std::string& uci) {
  const int ff = uci[0] - 'a', fr = uci[1] - '1', tf = uci[2] - 'a', tr = uci[3] - '1';
  int promo = 0;
  if (uci.size() == 5) promo = std::string("nbrq").find(uci[4]) + 1;
  return uint16_t(tf | (tr << 3) | (ff << 6) | (fr << 9) | (promo << 12));
}

struct Entry {
  uint64_t key;
  std::string move;
  uint16_t weight;
};

std::string write_book(const corvid::test::TempDir& dir, std::vector<Entry> entries) {
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.key < b.key; });
  std::vector<uint8_t> bytes;
  for (const Entry& e : entries) {
    put_be(bytes, e.key, 8);
    put_be(bytes, poly_move(e.move), 2);
    put_be(bytes, e.weight, 2);
    put_be(bytes, 0, 4);
  }
  return dir.write("book.bin", bytes);
}

}  // namespace

TEST_CASE("book: Polyglot keys are the specification's", "[book]") {
  corvid::chess::init();
  using corvid::book::polyglot_key;
  // The examples listed in the Polyglot book format specification.
  CHECK(polyglot_key(after({})) == 0x463b96181691fc9cULL);
  CHECK(polyglot_key(after({"e2e4"})) == 0x823c9b50fd114196ULL);
  CHECK(polyglot_key(after({"e2e4", "d7d5"})) == 0x0756b94461c50fb0ULL);
  CHECK(polyglot_key(after({"e2e4", "d7d5", "e4e5"})) == 0x662fafb965db29d4ULL);
  CHECK(polyglot_key(after({"e2e4", "d7d5", "e4e5", "f7f5"})) == 0x22a48b5a8e47ff78ULL);
  CHECK(polyglot_key(after({"e2e4", "d7d5", "e4e5", "f7f5", "e1e2"})) == 0x652a607ca3f242c1ULL);
  CHECK(polyglot_key(after({"e2e4", "d7d5", "e4e5", "f7f5", "e1e2", "e8f7"})) == 0x00fdd303c946bdd9ULL);
  CHECK(polyglot_key(after({"a2a4", "b7b5", "h2h4", "b5b4", "c2c4"})) == 0x3c8123ea7b067637ULL);
  CHECK(polyglot_key(after({"a2a4", "b7b5", "h2h4", "b5b4", "c2c4", "b4c3", "a1a3"})) == 0x5c3f9b829b279560ULL);
}

TEST_CASE("book: a small book: lookup, castling and promotion moves, best and weighted choice", "[book]") {
  corvid::chess::init();
  corvid::test::TempDir dir;
  using corvid::book::polyglot_key;
  const Position start = after({});
  const Position castle = after({}, "r3k2r/pppqpppp/8/8/8/8/PPPQPPPP/R3K2R w KQkq - 0 1");
  const Position promote = after({}, "8/4P3/8/8/8/2k5/8/4K3 w - - 0 1");
  const std::string path = write_book(dir, {{polyglot_key(start), "e2e4", 30},
                                            {polyglot_key(start), "d2d4", 10},
                                            {polyglot_key(start), "e2e5", 50},  // not legal: skipped
                                            {polyglot_key(castle), "e1h1", 5},  // O-O as king takes rook
                                            {polyglot_key(castle), "e1a1", 1},
                                            {polyglot_key(promote), "e7e8n", 1},
                                            {0x0123456789abcdefULL, "a2a3", 1}});
  PolyglotBook book;
  std::string error;
  REQUIRE(book.open(path, error));

  const auto moves = book.moves(start);
  REQUIRE(moves.size() == 2);
  CHECK(corvid::move_to_uci(moves[0].move, false) + corvid::move_to_uci(moves[1].move, false) == "e2e4d2d4");
  const auto castles = book.moves(castle);
  REQUIRE(castles.size() == 2);
  CHECK(corvid::move_to_uci(castles[0].move, false) == "e1g1");
  CHECK(corvid::move_to_uci(castles[1].move, false) == "e1c1");
  const auto promotions = book.moves(promote);
  REQUIRE(promotions.size() == 1);
  CHECK(corvid::move_to_uci(promotions[0].move, false) == "e7e8n");
  CHECK(book.moves(after({"e2e4"})).empty());

  std::mt19937_64 rng(1);
  CHECK(corvid::move_to_uci(*book.pick(start, true, rng), false) == "e2e4");
  std::map<std::string, int> drawn;
  for (int i = 0; i < 4000; ++i) ++drawn[corvid::move_to_uci(*book.pick(start, false, rng), false)];
  CHECK(drawn.size() == 2);
  CHECK(drawn["e2e4"] > 2700);  // 3/4 expected
  CHECK(drawn["e2e4"] < 3300);
  CHECK(!book.pick(after({"e2e4"}), false, rng).has_value());

  // Files that are not books.
  PolyglotBook bad;
  CHECK(!bad.open(dir / "missing.bin", error));
  CHECK(error.find("is not a file") != std::string::npos);
  CHECK(!bad.open(dir.write("odd.bin", std::vector<uint8_t>(17, 0)), error));
  CHECK(error.find("not a whole number of 16-byte entries") != std::string::npos);
  CHECK(!bad.is_open());
}

TEST_CASE("book: Debian's gnuchess-book answers the main openings with legal moves", "[book]") {
  if (!std::filesystem::exists(GNUCHESS_BOOK)) {
    WARN("no " << GNUCHESS_BOOK << " (Debian package gnuchess-book): skipped");
    return;
  }
  corvid::chess::init();
  PolyglotBook book;
  std::string error;
  REQUIRE(book.open(GNUCHESS_BOOK, error));
  std::vector<std::string> first;
  for (const auto& e : book.moves(after({}))) first.push_back(corvid::move_to_uci(e.move, false));
  CHECK(std::count(first.begin(), first.end(), "e2e4") == 1);
  CHECK(std::count(first.begin(), first.end(), "d2d4") == 1);
  CHECK(!book.moves(after({"e2e4", "c7c5", "g1f3"})).empty());  // the Sicilian goes on
  CHECK(book.moves(after({"h2h4", "a7a5", "h4h5", "a5a4", "h5h6"})).empty());
}

TEST_CASE("book: OwnBook over UCI plays book moves, honours BookDepth, says a bad file once", "[book][uci]") {
  if (!std::filesystem::exists(GNUCHESS_BOOK)) return;
  const std::string set = "setoption name OwnBook value true\nsetoption name BookFile value " + GNUCHESS_BOOK +
                          "\nsetoption name Best Book Move value true\n";
  auto lines = corvid::test::lines_of(corvid::test::run_corvid("", set + "position startpos\ngo movetime 50\n").output);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].rfind("info string book move ", 0) == 0);
  CHECK(lines[1] == "bestmove " + lines[0].substr(22));

  // Past BookDepth (one move), or with OwnBook off, the engine searches.
  for (const char* extra : {"setoption name BookDepth value 1\nposition startpos moves e2e4 e7e5\n",
                                   "setoption name OwnBook value false\nposition startpos\n"}) {
    lines = corvid::test::lines_of(corvid::test::run_corvid("", set + extra + "go depth 2\n").output);
    REQUIRE(!lines.empty());
    CHECK(lines.back().rfind("bestmove ", 0) == 0);
    CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& l) { return l.find("book move") != std::string::npos; }));
  }

  // A bad file is said once; the book in use stays.
  lines = corvid::test::lines_of(
      corvid::test::run_corvid("", set + "setoption name BookFile value /etc/hostname\nposition startpos\ngo depth 2\n").output);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].find("BookFile: '/etc/hostname' is not a Polyglot book") != std::string::npos);
  CHECK(lines[0].find("still using") != std::string::npos);
  CHECK(lines[1].rfind("info string book move ", 0) == 0);
}
