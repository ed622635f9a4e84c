#include "uci/genfens.h"

#include <random>
#include <sstream>

#include "chess/movegen.h"
#include "search/engine.h"
#include "uci/score_model.h"
#include "uci/text.h"
#include "util/regular_file.h"

namespace corvid {

namespace {

// Random plies played after the start position or a book line. From the start position
// eight or nine plies give openings that differ; book lines are varied already.
constexpr int START_PLIES = 8;
constexpr int BOOK_PLIES = 2;
// A position whose shallow search is beyond this (centipawns) is decided already.
constexpr int DECIDED_CP = 400;
constexpr int FILTER_DEPTH = 6;
constexpr int MAX_TRIES_PER_FEN = 1000;

// std::uniform_int_distribution differs between standard libraries; this does not.
uint64_t below(std::mt19937_64& rng, uint64_t n) { return rng() % n; }

// Books of the size OpenBench uses are a few MB; the cap only keeps /dev/zero-like files
// from filling the memory.
constexpr std::size_t MAX_BOOK_BYTES = std::size_t(1) << 30;

std::vector<std::string> read_book(const std::string& path, std::string& error) {
  // A regular file only, opened without blocking: a FIFO would block the UCI loop, and
  // /dev/zero would never end (one endless line).
  std::vector<uint8_t> bytes;
  std::string why;
  if (!read_regular_file(path, MAX_BOOK_BYTES, bytes, why)) {
    const std::string reason = why.rfind(path + ": ", 0) == 0 ? why.substr(path.size() + 2) : why;
    error = "genfens: cannot open book '" + printable(path) + "' (" + printable(reason) + ")";
    return {};
  }
  std::istringstream in(std::string(bytes.begin(), bytes.end()));
  std::vector<std::string> fens;
  std::string line;
  while (std::getline(in, line)) {
    // EPD lines have four fields and operations; FEN lines six. Keep the board fields.
    std::istringstream words(line);
    std::string field, fen;
    for (int i = 0; i < 4 && words >> field; ++i) fen += (i ? " " : "") + field;
    Position pos;
    std::string ignored;
    if (pos.set_fen(fen + " 0 1", false, &ignored)) fens.push_back(pos.fen());
  }
  if (fens.empty()) error = "genfens: book '" + printable(path) + "' has no legal FEN or EPD line";
  return fens;
}

}  // namespace

bool parse_genfens(const std::string& args, GenfensRequest& request, std::string& error) {
  std::istringstream in(args);
  std::string count, seed_word, seed, book_word, book;
  in >> count >> seed_word >> seed >> book_word >> book;
  int64_t n = 0, s = 0;
  if (!parse_int(count, n) || n < 0 || n > 100000000 || seed_word != "seed" || !parse_int(seed, s) ||
      book_word != "book" || book.empty()) {
    error = "genfens: usage 'genfens <N> seed <S> book <None|FILE> [extra]', found '" + printable(args) + "'";
    return false;
  }
  request.count = int(n);
  request.seed = uint64_t(s);
  request.book = (book == "None" || book == "none") ? std::string() : book;
  return true;
}

GenfensResult generate_fens(const GenfensRequest& request, const nnue::Networks& nets) {
  GenfensResult result;
  std::vector<std::string> book;
  if (!request.book.empty()) {
    book = read_book(request.book, result.error);
    if (book.empty()) return result;
  }
  // A private one-thread engine: the filter must not depend on the user's Threads or Hash.
  search::Engine engine;
  engine.set_networks(nets);
  search::SearchLimits limits;
  limits.depth = FILTER_DEPTH;

  std::mt19937_64 rng(request.seed);
  // In 64 bits: N may be up to 10^8.
  const int64_t max_tries = int64_t(request.count) * MAX_TRIES_PER_FEN;
  for (int64_t tries = 0; int(result.fens.size()) < request.count && tries < max_tries; ++tries) {
    Position pos;
    std::string ignored;
    int plies = START_PLIES;
    if (!book.empty()) {
      pos.set_fen(book[below(rng, book.size())], false, &ignored);
      plies = BOOK_PLIES;
    }
    plies += int(below(rng, 2));
    bool alive = true;
    for (int i = 0; i < plies && alive; ++i) {
      MoveList moves;
      generate<LEGAL>(pos, moves);
      alive = !moves.empty();
      if (alive) pos.make_move(moves[int(below(rng, uint64_t(moves.size())))]);
    }
    MoveList replies;
    generate<LEGAL>(pos, replies);
    if (!alive || replies.empty() || pos.has_insufficient_material()) continue;

    Position root;
    root.set_fen(pos.fen(), false, &ignored);
    engine.start(root, limits, search::SearchOptions{});
    engine.wait();
    const int cp = uci::to_centipawns(engine.last_result().score);
    if (cp > DECIDED_CP || cp < -DECIDED_CP) continue;
    result.fens.push_back(root.fen());
  }
  if (int(result.fens.size()) < request.count)
    result.error = "genfens: found only " + std::to_string(result.fens.size()) + " undecided positions";
  return result;
}

}  // namespace corvid
