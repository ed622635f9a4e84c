// Shared helpers for the chess-core tests: reading the perft vector files and playing
// random games. Expected values always come from the vector files, never from Corvid.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "chess/movegen.h"
#include "chess/position.h"
#include "test_files.h"

namespace corvid_test {

using corvid::test::data_path;

inline std::string trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const size_t last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// Splits on ';' and trims each part.
inline std::vector<std::string> split_semicolons(const std::string& line) {
  std::vector<std::string> parts;
  std::stringstream in(line);
  std::string part;
  while (std::getline(in, part, ';')) parts.push_back(trim(part));
  return parts;
}

// The non-comment, non-blank lines of a data file, with their line numbers.
inline std::vector<std::pair<int, std::string>> data_lines(const std::string& relative) {
  std::ifstream in(data_path(relative));
  INFO("data file " << data_path(relative));
  REQUIRE(in.good());
  std::vector<std::pair<int, std::string>> lines;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    lines.emplace_back(number, line);
  }
  return lines;
}

inline uint64_t parse_count(const std::string& text) {
  INFO("count '" << text << "'");
  REQUIRE(!text.empty());
  REQUIRE(text.find_first_not_of("0123456789") == std::string::npos);
  return std::stoull(text);
}

// The third FEN field.
inline std::string castling_field(const std::string& fen) {
  std::istringstream in(fen);
  std::string placement, side, castling;
  in >> placement >> side >> castling;
  return castling;
}

// A Shredder-FEN castling field ("HAha", "Dgd") marks a Chess960 position; KQkq and '-' do not.
inline bool castling_field_is_chess960(const std::string& fen) {
  return castling_field(fen).find_first_not_of("KQkq-") != std::string::npos;
}

// One line of standard.epd / chess960.epd: counts[k - 1] is perft(k).
struct EpdEntry {
  int line = 0;
  std::string fen;
  std::vector<uint64_t> counts;
};

inline std::vector<EpdEntry> load_epd(const std::string& relative) {
  std::vector<EpdEntry> entries;
  for (const auto& [number, line] : data_lines(relative)) {
    INFO(relative << ":" << number << ": " << line);
    const auto parts = split_semicolons(line);
    REQUIRE(parts.size() >= 2);
    EpdEntry entry{number, parts[0], {}};
    for (size_t i = 1; i < parts.size(); ++i) {
      std::istringstream field(parts[i]);
      std::string tag, count;
      field >> tag >> count;
      REQUIRE(tag.size() >= 2);
      REQUIRE(tag[0] == 'D');
      REQUIRE(tag.substr(1) == std::to_string(i));  // depths are consecutive from 1
      entry.counts.push_back(parse_count(count));
    }
    entries.push_back(entry);
  }
  REQUIRE(!entries.empty());
  return entries;
}

// One line of divide.txt.
struct DivideEntry {
  int line = 0;
  std::string fen;
  int depth = 0;
  std::vector<std::pair<std::string, uint64_t>> moves;
};

inline std::vector<DivideEntry> load_divide(const std::string& relative) {
  std::vector<DivideEntry> entries;
  for (const auto& [number, line] : data_lines(relative)) {
    INFO(relative << ":" << number << ": " << line);
    const auto parts = split_semicolons(line);
    REQUIRE(parts.size() >= 2);
    DivideEntry entry{number, parts[0], 0, {}};
    std::istringstream depth_field(parts[1]);
    std::string tag, depth;
    depth_field >> tag >> depth;
    REQUIRE(tag == "depth");
    entry.depth = int(parse_count(depth));
    for (size_t i = 2; i < parts.size(); ++i) {
      std::istringstream field(parts[i]);
      std::string move, count;
      field >> move >> count;
      entry.moves.emplace_back(move, parse_count(count));
    }
    entries.push_back(entry);
  }
  REQUIRE(!entries.empty());
  return entries;
}

// A FEN with the mode it must be read in.
struct SuiteFen {
  std::string fen;
  bool chess960 = false;
};

inline std::vector<SuiteFen> all_suite_fens() {
  std::vector<SuiteFen> fens;
  for (const auto& e : load_epd("perft/standard.epd")) fens.push_back({e.fen, false});
  for (const auto& e : load_epd("perft/chess960.epd")) fens.push_back({e.fen, true});
  return fens;
}

inline corvid::Position position_from(const std::string& fen, bool chess960) {
  corvid::Position pos;
  std::string error;
  const bool ok = pos.set_fen(fen, chess960, &error);
  INFO("FEN " << fen << (chess960 ? " (Chess960)" : "") << ": " << error);
  REQUIRE(ok);
  return pos;
}

// position_from for tests that do not build the attack tables themselves: built once here.
inline corvid::Position position_after_init(const std::string& fen) {
  static const bool tables_ready = (corvid::chess::init(), true);
  (void)tables_ready;
  return position_from(fen, false);
}

inline corvid::MoveList legal_moves(const corvid::Position& pos) {
  corvid::MoveList list;
  corvid::generate<corvid::LEGAL>(pos, list);
  return list;
}

// Whether `by` attacks `target`, found by walking the board square by square with
// Position::piece_on only: independent of Corvid's attack tables and bitboards.
inline bool attacked_independently(const corvid::Position& pos, corvid::Square target, corvid::Color by) {
  using namespace corvid;
  const int file = file_of(target), rank = rank_of(target);
  const auto on_board = [](int f, int r) { return f >= 0 && f < 8 && r >= 0 && r < 8; };
  const auto piece_at = [&](int f, int r) { return on_board(f, r) ? pos.piece_on(make_square(f, r)) : NO_PIECE; };

  // A pawn attacks diagonally forward, so an attacking pawn stands one rank behind the target.
  const int pawn_rank = by == WHITE ? rank - 1 : rank + 1;
  if (piece_at(file - 1, pawn_rank) == make_piece(by, PAWN) || piece_at(file + 1, pawn_rank) == make_piece(by, PAWN))
    return true;
  constexpr int knight_steps[8][2] = {{1, 2}, {2, 1}, {2, -1}, {1, -2}, {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}};
  for (const auto& step : knight_steps)
    if (piece_at(file + step[0], rank + step[1]) == make_piece(by, KNIGHT)) return true;
  for (int df = -1; df <= 1; ++df)
    for (int dr = -1; dr <= 1; ++dr) {
      if (df == 0 && dr == 0) continue;
      if (piece_at(file + df, rank + dr) == make_piece(by, KING)) return true;
      // The first piece along the ray: a queen, or a rook (straight) / bishop (diagonal).
      const PieceType slider = (df == 0 || dr == 0) ? ROOK : BISHOP;
      for (int f = file + df, r = rank + dr; on_board(f, r); f += df, r += dr) {
        const Piece p = pos.piece_on(make_square(f, r));
        if (p == NO_PIECE) continue;
        if (p == make_piece(by, slider) || p == make_piece(by, QUEEN)) return true;
        break;
      }
    }
  return false;
}

// The side to move's king is attacked (independently computed).
inline bool in_check_independently(const corvid::Position& pos) {
  const corvid::Color us = pos.side_to_move();
  for (int s = 0; s < 64; ++s)
    if (pos.piece_on(corvid::Square(s)) == corvid::make_piece(us, corvid::KING))
      return attacked_independently(pos, corvid::Square(s), ~us);
  FAIL("no king for the side to move");
  return false;
}

// A uniformly random legal move, or Move::none() when there is none.
inline corvid::Move random_legal_move(const corvid::Position& pos, std::mt19937_64& rng) {
  const auto moves = legal_moves(pos);
  if (moves.empty()) return corvid::Move::none();
  return moves[std::uniform_int_distribution<int>(0, moves.size() - 1)(rng)];
}

// Plays a random legal move and returns it; Move::none() at the end of the game. Also
// Move::none(), with a failure and the move taken back, when the "legal" move left the
// mover's king attacked: going on from an illegal position would only pile up follow-up
// failures (or crash).
inline corvid::Move play_random_move(corvid::Position& pos, std::mt19937_64& rng) {
  const corvid::Move m = random_legal_move(pos, rng);
  if (!m) return m;
  const corvid::Color us = pos.side_to_move();
  pos.make_move(m);
  for (int s = 0; s < 64; ++s)
    if (pos.piece_on(corvid::Square(s)) == corvid::make_piece(us, corvid::KING)) {
      if (!attacked_independently(pos, corvid::Square(s), ~us)) return m;
      break;
    }
  pos.unmake_move(m);
  FAIL_CHECK("generated move " << m.raw() << " from " << pos.fen() << " leaves the king attacked");
  return corvid::Move::none();
}

// Start positions for random games: the standard start, and a spread of suite positions in
// both modes (Kiwipete and the other wiki positions, self-play middlegames, Chess960 starts).
inline std::vector<SuiteFen> game_start_fens() {
  std::vector<SuiteFen> starts;
  const auto standard = load_epd("perft/standard.epd");
  const auto chess960 = load_epd("perft/chess960.epd");
  for (size_t i = 0; i < standard.size(); i += 12) starts.push_back({standard[i].fen, false});
  for (size_t i = 0; i < chess960.size(); i += 8) starts.push_back({chess960[i].fen, true});
  return starts;
}

}  // namespace corvid_test
