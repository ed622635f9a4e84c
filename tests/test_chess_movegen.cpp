// Move generation: the generation kinds against each other and against a slow independent
// generator; the attack tables against ray walking; UCI move notation.
#include <algorithm>
#include <set>

#include "chess/notation.h"
#include "chess/perft.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid_test;

namespace {

template <GenType T>
MoveList generated(const Position& pos) {
  MoveList list;
  generate<T>(pos, list);
  return list;
}

std::set<uint16_t> raw_set(const MoveList& list) {
  std::set<uint16_t> set;
  for (Move m : list) set.insert(m.raw());
  return set;
}

std::string move_names(const Position& pos, const std::set<uint16_t>& moves) {
  std::string out;
  for (uint16_t raw : moves) out += move_to_uci(Move(raw), pos.is_chess960()) + " ";
  return out;
}

// Positions to look at: every suite position, and every position along random games.
template <class F>
void for_many_positions(uint64_t seed, int games, F&& visit) {
  for (const SuiteFen& f : all_suite_fens()) {
    const Position pos = position_from(f.fen, f.chess960);
    visit(pos);
  }
  const auto starts = game_start_fens();
  std::mt19937_64 rng(seed);
  for (int game = 0; game < games; ++game) {
    const SuiteFen& start = starts[game % starts.size()];
    Position pos = position_from(start.fen, start.chess960);
    for (int ply = 0; ply < 300; ++ply) {
      visit(pos);
      if (!play_random_move(pos, rng)) break;
    }
  }
}

// ---- A slow, independent legal move generator: mailbox walking, then make and test. ----

bool on_board(int file, int rank) { return file >= 0 && file < 8 && rank >= 0 && rank < 8; }

Square find_king(const Position& pos, Color c) {
  for (int s = 0; s < 64; ++s)
    if (pos.piece_on(Square(s)) == make_piece(c, KING)) return Square(s);
  return SQ_NONE;
}

void add_pseudo_legal_castling(const Position& pos, std::vector<Move>& out) {
  const Color us = pos.side_to_move(), them = ~us;
  const Square king = find_king(pos, us);
  if (attacked_independently(pos, king, them)) return;
  for (const bool king_side : {true, false}) {
    const CastlingRights cr = castling_right(us, king_side);
    if (!(pos.castling_rights() & cr)) continue;
    const Square rook = pos.castling_rook_square(cr);
    REQUIRE(pos.piece_on(rook) == make_piece(us, ROOK));
    const int rank = rank_of(king);
    const int king_to = king_side ? 6 : 2, rook_to = king_side ? 5 : 3;
    // Every square the king or the rook crosses or lands on is empty, but for those two.
    bool clear = true;
    for (const auto& [a, b] : {std::pair{file_of(king), king_to}, std::pair{file_of(rook), rook_to}})
      for (int f = std::min(a, b); f <= std::max(a, b); ++f) {
        const Square s = make_square(f, rank);
        if (s != king && s != rook && !pos.empty(s)) clear = false;
      }
    if (!clear) continue;
    // No square the king passes over or lands on is attacked. (Whether the king is safe
    // once the rook has moved is checked for every move after making it.)
    bool safe = true;
    const int step = king_to > file_of(king) ? 1 : -1;
    for (int f = file_of(king); f != king_to;) {
      f += step;
      if (attacked_independently(pos, make_square(f, rank), them)) safe = false;
    }
    if (safe) out.push_back(Move::make(CASTLING, king, rook));
  }
}

std::vector<Move> pseudo_legal_moves(const Position& pos) {
  const Color us = pos.side_to_move(), them = ~us;
  std::vector<Move> out;
  const auto enemy_or_empty = [&](Square s) { return pos.empty(s) || color_of(pos.piece_on(s)) == them; };
  for (int from_index = 0; from_index < 64; ++from_index) {
    const Square from = Square(from_index);
    const Piece piece = pos.piece_on(from);
    if (piece == NO_PIECE || color_of(piece) != us) continue;
    const int file = file_of(from), rank = rank_of(from);
    switch (type_of(piece)) {
      case PAWN: {
        const int dir = us == WHITE ? 1 : -1, last = us == WHITE ? 7 : 0, start = us == WHITE ? 1 : 6;
        const auto add = [&](Square to, MoveKind kind) {
          if (rank_of(to) == last)
            for (PieceType pt : {QUEEN, ROOK, BISHOP, KNIGHT}) out.push_back(Move::make(PROMOTION, from, to, pt));
          else out.push_back(Move::make(kind, from, to));
        };
        const Square one = make_square(file, rank + dir);
        if (pos.empty(one)) {
          add(one, NORMAL);
          const Square two = make_square(file, rank + 2 * dir);
          if (rank == start && pos.empty(two)) add(two, NORMAL);
        }
        for (int df : {-1, 1}) {
          if (!on_board(file + df, rank + dir)) continue;
          const Square to = make_square(file + df, rank + dir);
          if (!pos.empty(to) && color_of(pos.piece_on(to)) == them) add(to, NORMAL);
          else if (to == pos.en_passant_square()) add(to, EN_PASSANT);
        }
        break;
      }
      case KNIGHT:
      case KING: {
        constexpr int knight[8][2] = {{1, 2}, {2, 1}, {2, -1}, {1, -2}, {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}};
        constexpr int king[8][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}, {-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
        for (const auto& step : type_of(piece) == KNIGHT ? knight : king)
          if (on_board(file + step[0], rank + step[1])) {
            const Square to = make_square(file + step[0], rank + step[1]);
            if (enemy_or_empty(to)) out.push_back(Move(from, to));
          }
        break;
      }
      default: {  // sliders
        const PieceType pt = type_of(piece);
        for (int df = -1; df <= 1; ++df)
          for (int dr = -1; dr <= 1; ++dr) {
            const bool straight = df == 0 || dr == 0;
            if ((df == 0 && dr == 0) || (pt == ROOK && !straight) || (pt == BISHOP && straight)) continue;
            for (int f = file + df, r = rank + dr; on_board(f, r); f += df, r += dr) {
              const Square to = make_square(f, r);
              if (enemy_or_empty(to)) out.push_back(Move(from, to));
              if (!pos.empty(to)) break;
            }
          }
      }
    }
  }
  add_pseudo_legal_castling(pos, out);
  return out;
}

std::set<uint16_t> independent_legal_moves(Position& pos) {
  const Color us = pos.side_to_move();
  std::set<uint16_t> legal;
  for (Move m : pseudo_legal_moves(pos)) {
    pos.make_move(m);
    if (!attacked_independently(pos, find_king(pos, us), ~us)) legal.insert(m.raw());
    pos.unmake_move(m);
  }
  return legal;
}

bool is_capture(const Position& pos, Move m) {
  if (m.kind() == EN_PASSANT) return true;
  if (m.kind() == CASTLING) return false;
  return !pos.empty(m.to()) && color_of(pos.piece_on(m.to())) != pos.side_to_move();
}

}  // namespace

TEST_CASE("movegen: CAPTURES + QUIETS = LEGAL = EVASIONS in check", "[chess][movegen]") {
  chess::init();
  int positions = 0, in_check = 0, failures = 0;
  for_many_positions(1234, 120, [&](const Position& pos) {
    if (failures > 10) return;
    ++positions;
    const MoveList captures = generated<CAPTURES>(pos), quiets = generated<QUIETS>(pos);
    const MoveList legal = generated<LEGAL>(pos);
    const auto capture_set = raw_set(captures), quiet_set = raw_set(quiets), legal_set = raw_set(legal);
    INFO(pos.fen());
    bool ok = true;
    // No duplicates within a list.
    ok &= int(capture_set.size()) == captures.size() && int(quiet_set.size()) == quiets.size() &&
          int(legal_set.size()) == legal.size();
    // Disjoint, and together exactly the legal moves.
    std::set<uint16_t> both;
    std::set_union(capture_set.begin(), capture_set.end(), quiet_set.begin(), quiet_set.end(),
                   std::inserter(both, both.end()));
    ok &= both.size() == capture_set.size() + quiet_set.size();
    ok &= both == legal_set;
    ok &= count_legal_moves(pos) == uint64_t(legal.size());
    // The split: captures (en passant included) and all promotions, the rest quiet.
    for (Move m : captures) ok &= is_capture(pos, m) || m.kind() == PROMOTION;
    for (Move m : quiets) ok &= !is_capture(pos, m) && m.kind() != PROMOTION;
    for (Move m : legal) {
      const Piece p = pos.piece_on(m.from());
      ok &= p != NO_PIECE && color_of(p) == pos.side_to_move();
      ok &= m.is_ok() && m != Move::none() && m != Move::null();
      ok &= !(m.kind() == CASTLING && pos.in_check());
    }
    if (pos.in_check()) {
      ++in_check;
      ok &= raw_set(generated<EVASIONS>(pos)) == legal_set;
    }
    if (!ok) {
      ++failures;
      FAIL_CHECK("captures: " << move_names(pos, capture_set) << "\nquiets: " << move_names(pos, quiet_set)
                              << "\nlegal: " << move_names(pos, legal_set));
    }
  });
  CHECK(failures == 0);
  INFO(positions << " positions, " << in_check << " in check");
  CHECK(positions > 20000);
  CHECK(in_check > 500);
}

TEST_CASE("movegen: LEGAL equals a slow independent generator", "[chess][movegen]") {
  chess::init();
  int positions = 0, failures = 0;
  for_many_positions(98765, 120, [&](const Position& const_pos) {
    if (failures > 10) return;
    ++positions;
    Position pos = const_pos;
    const auto expected = independent_legal_moves(pos);
    const auto actual = raw_set(generated<LEGAL>(pos));
    if (expected != actual) {
      ++failures;
      std::set<uint16_t> missing, extra;
      std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                          std::inserter(missing, missing.end()));
      std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                          std::inserter(extra, extra.end()));
      FAIL_CHECK(pos.fen() << "\nmissing: " << move_names(pos, missing) << "\nextra: " << move_names(pos, extra));
    }
  });
  CHECK(failures == 0);
  CHECK(positions > 20000);
}

TEST_CASE("movegen: hand-picked move counts", "[chess][movegen]") {
  chess::init();
  struct Case {
    const char* fen;
    bool chess960;
    int moves;
  };
  const Case cases[] = {
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", false, 20},
      {"R6R/3Q4/1Q4Q1/4Q3/2Q4Q/Q4Q2/pp1Q4/kBNN1KB1 w - - 0 1", false, 218},  // the known maximum
      {"7k/5Q2/6K1/8/8/8/8/8 b - - 0 1", false, 0},                         // stalemate
      {"7k/8/8/8/8/8/8/K7 w - - 0 1", false, 3},
      {"rnb1kbnr/pppp1ppp/8/4p3/6Pq/5P2/PPPPP2P/RNBQKBNR w KQkq - 1 3", false, 0},  // fool's mate
  };
  for (const Case& c : cases) {
    INFO(c.fen);
    const Position pos = position_from(c.fen, c.chess960);
    CHECK(generated<LEGAL>(pos).size() == c.moves);
    CHECK(count_legal_moves(pos) == uint64_t(c.moves));
  }
}

TEST_CASE("attacks: magic and PEXT slider tables equal ray walking", "[chess][attacks]") {
  chess::init();
#if defined(CORVID_HAS_PEXT)
  INFO("PEXT tables are in this build and are checked too");
  constexpr bool has_pext = true;
#else
  WARN("this build has no PEXT (no BMI2): only the magic tables are checked");
  constexpr bool has_pext = false;
#endif
  CHECK(std::string(slider_backend_name()) == (has_pext ? "pext" : "magic"));

  const auto check_all = [](Slider slider, Square s, Bitboard occupied, int& failures) {
    const Bitboard expected = ray_attacks(slider, s, occupied);
    bool ok = magic::attacks(slider, s, occupied) == expected;
#if defined(CORVID_HAS_PEXT)
    ok &= pext::attacks(slider, s, occupied) == expected;
#endif
    ok &= slider_attacks(slider, s, occupied) == expected;
    if (!ok && ++failures <= 5)
      FAIL_CHECK((slider == ROOK_SLIDER ? "rook" : "bishop") << " on " << square_to_string(s) << ", occupancy\n"
                                                              << bitboard_to_string(occupied));
  };

  int failures = 0;
  // Every subset of the squares on the piece's rays (edges included), for every square:
  // this covers every occupancy that can matter.
  for (Slider slider : {BISHOP_SLIDER, ROOK_SLIDER})
    for (Square s = SQ_A1; s < SQUARE_NB; ++s) {
      const Bitboard rays = ray_attacks(slider, s, 0);
      Bitboard subset = 0;
      do {
        check_all(slider, s, subset, failures);
        subset = (subset - rays) & rays;
      } while (subset);
    }
  // Random full-board occupancies, sparse and dense, with the slider's own square set or not.
  std::mt19937_64 rng(42);
  for (int i = 0; i < 200000; ++i) {
    Bitboard occupied = rng();
    if (i % 3 == 1) occupied &= rng();
    if (i % 3 == 2) occupied &= rng() & rng();
    const Square s = Square(rng() % 64);
    check_all(Slider(i & 1), s, occupied, failures);
  }
  CHECK(failures == 0);
}

TEST_CASE("attacks: reference rays and leaper tables against known facts", "[chess][attacks]") {
  chess::init();
  // Rook on a1, empty board: the a-file and the first rank.
  CHECK(ray_attacks(ROOK_SLIDER, SQ_A1, 0) == ((FILE_A_BB | RANK_1_BB) & ~square_bb(SQ_A1)));
  // Bishop on d4 with blockers on f6 and b2: stops on them.
  const Bitboard d4 = ray_attacks(BISHOP_SLIDER, SQ_D4, square_bb(SQ_F6) | square_bb(SQ_B2));
  CHECK(d4 == (square_bb(SQ_E5) | square_bb(SQ_F6) | square_bb(SQ_C3) | square_bb(SQ_B2) | square_bb(SQ_C5) |
               square_bb(SQ_B6) | square_bb(SQ_A7) | square_bb(SQ_E3) | square_bb(SQ_F2) | square_bb(SQ_G1)));
  CHECK(popcount(ray_attacks(ROOK_SLIDER, SQ_E4, 0)) == 14);
  CHECK(popcount(ray_attacks(BISHOP_SLIDER, SQ_E4, 0)) == 13);
  CHECK(popcount(relevant_occupancy_mask(ROOK_SLIDER, SQ_A1)) == 12);
  CHECK(popcount(relevant_occupancy_mask(ROOK_SLIDER, SQ_E4)) == 10);
  CHECK(popcount(relevant_occupancy_mask(BISHOP_SLIDER, SQ_E4)) == 9);
  CHECK(popcount(relevant_occupancy_mask(BISHOP_SLIDER, SQ_A1)) == 6);

  int knight_total = 0, king_total = 0, rook_total = 0, bishop_total = 0;
  for (Square s = SQ_A1; s < SQUARE_NB; ++s) {
    knight_total += popcount(knight_attacks(s));
    king_total += popcount(king_attacks(s));
    rook_total += popcount(rook_attacks(s, 0));
    bishop_total += popcount(bishop_attacks(s, 0));
    CHECK(queen_attacks(s, 0) == (rook_attacks(s, 0) | bishop_attacks(s, 0)));
  }
  // The well-known totals of moves on an empty board.
  CHECK(knight_total == 336);
  CHECK(king_total == 420);
  CHECK(rook_total == 64 * 14);
  CHECK(bishop_total == 560);

  CHECK(knight_attacks(SQ_A1) == (square_bb(SQ_B3) | square_bb(SQ_C2)));
  CHECK(king_attacks(SQ_H8) == (square_bb(SQ_G8) | square_bb(SQ_G7) | square_bb(SQ_H7)));
  CHECK(pawn_attacks(WHITE, SQ_E4) == (square_bb(SQ_D5) | square_bb(SQ_F5)));
  CHECK(pawn_attacks(BLACK, SQ_E4) == (square_bb(SQ_D3) | square_bb(SQ_F3)));
  CHECK(pawn_attacks(WHITE, SQ_A2) == square_bb(SQ_B3));
  CHECK(pawn_attacks(BLACK, SQ_H7) == square_bb(SQ_G6));
  CHECK(pawn_attacks(WHITE, SQ_H8) == 0);

  // between: the squares strictly between plus the second square; line: the whole line.
  CHECK(between_bb(SQ_A1, SQ_D4) == (square_bb(SQ_B2) | square_bb(SQ_C3) | square_bb(SQ_D4)));
  CHECK(between_bb(SQ_E1, SQ_E8) == ((file_bb(4) & ~square_bb(SQ_E1))));
  CHECK(between_bb(SQ_A1, SQ_B3) == square_bb(SQ_B3));  // not aligned
  CHECK(line_bb(SQ_C3, SQ_E5) == (square_bb(SQ_A1) | square_bb(SQ_B2) | square_bb(SQ_C3) | square_bb(SQ_D4) |
                                  square_bb(SQ_E5) | square_bb(SQ_F6) | square_bb(SQ_G7) | square_bb(SQ_H8)));
  CHECK(line_bb(SQ_A1, SQ_B3) == 0);
  CHECK(aligned(SQ_B1, SQ_E1, SQ_H1));
  CHECK_FALSE(aligned(SQ_B1, SQ_E1, SQ_H2));
}

TEST_CASE("notation: every legal move survives move_to_uci and parse_uci_move", "[chess][notation]") {
  chess::init();
  int moves = 0, failures = 0;
  for_many_positions(555, 60, [&](const Position& pos) {
    for (Move m : generated<LEGAL>(pos)) {
      ++moves;
      const std::string text = move_to_uci(m, pos.is_chess960());
      const bool shape = (text.size() == 4 || (text.size() == 5 && m.kind() == PROMOTION)) &&
                         text.substr(0, 2) == square_to_string(m.from());
      if (parse_uci_move(pos, text) != m || !shape) {
        if (++failures <= 5) FAIL_CHECK(pos.fen() << ": " << text);
      }
    }
  });
  CHECK(failures == 0);
  CHECK(moves > 200000);
}

TEST_CASE("notation: castling and promotions and bad input", "[chess][notation]") {
  chess::init();
  CHECK(square_to_string(SQ_A1) == "a1");
  CHECK(square_to_string(SQ_H8) == "h8");
  CHECK(square_to_string(SQ_E4) == "e4");
  CHECK(move_to_uci(Move::none(), false) == "0000");
  CHECK(move_to_uci(Move(SQ_E2, SQ_E4), false) == "e2e4");
  CHECK(move_to_uci(Move::make(PROMOTION, SQ_B7, SQ_A8, KNIGHT), false) == "b7a8n");
  CHECK(move_to_uci(Move::make(PROMOTION, SQ_B2, SQ_B1, QUEEN), true) == "b2b1q");

  const auto castling_names = [](const Position& pos) {
    std::set<std::string> names;
    for (Move m : generated<LEGAL>(pos))
      if (m.kind() == CASTLING) names.insert(move_to_uci(m, pos.is_chess960()));
    return names;
  };

  SECTION("standard chess: the king's two-square move; king takes rook accepted too") {
    Position pos = position_from("r3k2r/8/8/8/8/8/8/R3K2R w KQkq - 0 1", false);
    CHECK(castling_names(pos) == std::set<std::string>{"e1g1", "e1c1"});
    const Move short_castle = parse_uci_move(pos, "e1g1");
    REQUIRE(short_castle != Move::none());
    CHECK(short_castle.kind() == CASTLING);
    CHECK(parse_uci_move(pos, "e1h1") == short_castle);
    CHECK(parse_uci_move(pos, "e1c1") == parse_uci_move(pos, "e1a1"));
    CHECK(parse_uci_move(pos, "e1c1").kind() == CASTLING);
    pos.make_move(short_castle);
    CHECK(pos.fen() == "r3k2r/8/8/8/8/8/8/R4RK1 b kq - 1 1");
    CHECK(castling_names(pos) == std::set<std::string>{"e8c8"});  // the rook on f1 covers f8
    CHECK(parse_uci_move(pos, "e8a8").kind() == CASTLING);
  }

  SECTION("standard chess, king off the e-file: castling is king takes rook, never a king step's name") {
    // Found by the fen fuzzer (issue 16): with the king on f1 both castling and the step
    // to g1 were written "f1g1", so the castling move did not read back.
    Position pos = position_from("r3k2r/8/8/8/8/8/8/R4K1R w KQkq - 0 1", false);
    CHECK(castling_names(pos) == std::set<std::string>{"f1h1", "f1a1"});
    CHECK(parse_uci_move(pos, "f1h1").kind() == CASTLING);
    CHECK(parse_uci_move(pos, "f1g1").kind() == NORMAL);
    for (Move m : generated<LEGAL>(pos)) CHECK(parse_uci_move(pos, move_to_uci(m, false)) == m);
  }

  SECTION("Chess960: king takes rook, and only that") {
    Position pos = position_from("r3k2r/8/8/8/8/8/8/R3K2R w HAha - 0 1", true);
    CHECK(castling_names(pos) == std::set<std::string>{"e1h1", "e1a1"});
    CHECK(parse_uci_move(pos, "e1h1").kind() == CASTLING);
    CHECK(parse_uci_move(pos, "e1g1") == Move::none());  // not a legal king move
    pos = position_from("rk5r/8/8/8/8/8/8/RK5R w HAha - 0 1", true);
    CHECK(castling_names(pos) == std::set<std::string>{"b1h1", "b1a1"});
    // The king already stands on its target square: only the rook moves.
    pos = position_from("1r4kr/8/8/8/8/8/8/1R4KR w HBhb - 0 1", true);
    CHECK(castling_names(pos) == std::set<std::string>{"g1h1", "g1b1"});
    const Move m = parse_uci_move(pos, "g1h1");
    REQUIRE(m != Move::none());
    pos.make_move(m);
    CHECK(pos.fen() == "1r4kr/8/8/8/8/8/8/1R3RK1 b hb - 1 1");
  }

  SECTION("promotions need their piece letter") {
    const Position pos = position_from("1n2k3/P7/8/8/8/8/8/4K3 w - - 0 1", false);
    for (const char* text : {"a7a8q", "a7a8r", "a7a8b", "a7a8n", "a7b8q", "a7b8n"}) {
      INFO(text);
      const Move m = parse_uci_move(pos, text);
      CHECK(m.kind() == PROMOTION);
      CHECK(move_to_uci(m, false) == text);
    }
    CHECK(parse_uci_move(pos, "a7a8q").promotion() == QUEEN);
    CHECK(parse_uci_move(pos, "a7b8n").promotion() == KNIGHT);
    for (const char* text : {"a7a8", "a7a8k", "a7a8p", "a7a8x", "a7b8"}) {
      INFO(text);
      CHECK(parse_uci_move(pos, text) == Move::none());
    }
  }

  SECTION("garbage and illegal moves give Move::none()") {
    const Position pos;
    CHECK(parse_uci_move(pos, "e2e4") == Move(SQ_E2, SQ_E4));
    CHECK(parse_uci_move(pos, "g1f3") == Move(SQ_G1, SQ_F3));
    for (const char* text : {"", "e2", "e2e", "e2e9", "e7e8x", "e2e5", "e7e5", "e1g1", "e1h1", "a1a1", "0000",
                             "e2e4q", "i2i4", "e2-e4", "O-O", "nonsense"}) {
      INFO("'" << text << "'");
      CHECK(parse_uci_move(pos, text) == Move::none());
    }
  }
}
