// Position: make/unmake, incremental keys, FEN reading and writing, gives_check, repetition.
#include <sstream>

#include "chess/notation.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid_test;

namespace {

constexpr const char* KIWIPETE = "r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1";

// Everything make/unmake must restore.
struct Snapshot {
  std::string fen;
  Key key = 0, pawn_key = 0;
  Bitboard checkers = 0;
  uint8_t castling = 0;
  Square en_passant = SQ_NONE;
  int rule50 = 0, game_ply = 0;
  Color side = WHITE;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const Position& pos) {
  return {pos.fen(),    pos.key(),     pos.pawn_key(), pos.checkers(), pos.castling_rights(), pos.en_passant_square(),
          pos.rule50(), pos.game_ply(), pos.side_to_move()};
}

std::string describe(const Snapshot& s) {
  std::ostringstream out;
  out << "fen '" << s.fen << "' key " << std::hex << s.key << " pawn_key " << s.pawn_key << " checkers " << s.checkers
      << std::dec << " castling " << int(s.castling) << " ep " << int(s.en_passant) << " rule50 " << s.rule50
      << " ply " << s.game_ply << " side " << int(s.side);
  return out.str();
}

// Counts a mismatch and reports it; comparing first keeps the assertion count small.
void expect_same(const Snapshot& expected, const Position& pos, const std::string& context, int& failures) {
  const Snapshot actual = snapshot(pos);
  if (actual == expected) return;
  ++failures;
  FAIL_CHECK(context << "\n  expected " << describe(expected) << "\n  actual   " << describe(actual));
}

// `context` is only called on a failure.
template <class Context>
void expect_keys_consistent(const Position& pos, Context&& context, int& failures) {
  if (pos.key() == pos.compute_key() && pos.pawn_key() == pos.compute_pawn_key() &&
      pos.non_pawn_key(WHITE) == pos.compute_non_pawn_key(WHITE) && pos.non_pawn_key(BLACK) == pos.compute_non_pawn_key(BLACK))
    return;
  ++failures;
  FAIL_CHECK(context() << ": incremental keys " << std::hex << pos.key() << " / " << pos.pawn_key() << " / "
                     << pos.non_pawn_key(WHITE) << " / " << pos.non_pawn_key(BLACK) << ", from scratch " << pos.compute_key()
                     << " / " << pos.compute_pawn_key() << " / " << pos.compute_non_pawn_key(WHITE) << " / "
                     << pos.compute_non_pawn_key(BLACK));
}

std::string where(const std::string& fen, Move m, bool chess960) { return fen + " move " + move_to_uci(m, chess960); }

}  // namespace

TEST_CASE("position: the start position and START_FEN", "[chess][position]") {
  chess::init();
  const Position pos;
  CHECK(pos.fen() == "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1");
  CHECK(std::string(START_FEN) == pos.fen());
  CHECK(pos.side_to_move() == WHITE);
  CHECK(pos.piece_count() == 32);
  CHECK(pos.piece_on(SQ_E1) == W_KING);
  CHECK(pos.piece_on(SQ_D8) == B_QUEEN);
  CHECK(pos.king_square(BLACK) == SQ_E8);
  CHECK(pos.castling_rights() == ANY_CASTLING);
  CHECK(pos.en_passant_square() == SQ_NONE);
  CHECK(!pos.in_check());
  CHECK(!pos.is_chess960());
  CHECK(pos.key() == pos.compute_key());
}

TEST_CASE("position: make/unmake restores the exact position over random games", "[chess][position]") {
  chess::init();
  const auto starts = game_start_fens();
  std::mt19937_64 rng(0xC0DF1D);
  int failures = 0, plies = 0, moves_tried = 0, null_moves = 0;
  for (int game = 0; game < 200; ++game) {
    const SuiteFen& start = starts[game % starts.size()];
    Position pos = position_from(start.fen, start.chess960);
    std::vector<Snapshot> history{snapshot(pos)};
    std::vector<Move> played;
    // Every legal move in every fourth game; the played move in all of them.
    const bool try_all = game % 4 == 0;
    for (int ply = 0; ply < 300 && failures < 10; ++ply) {
      const Snapshot before = history.back();
      if (try_all) {
        for (Move m : legal_moves(pos)) {
          pos.make_move(m);
          expect_keys_consistent(pos, [&] { return "after " + where(before.fen, m, start.chess960); }, failures);
          pos.unmake_move(m);
          expect_same(before, pos, "after make/unmake of " + move_to_uci(m, pos.is_chess960()), failures);
          ++moves_tried;
        }
      }
      if (!pos.in_check()) {
        pos.make_null_move();
        ++null_moves;
        CHECK_FALSE(pos.in_check());
        if (pos.side_to_move() == before.side || pos.en_passant_square() != SQ_NONE ||
            pos.rule50() != before.rule50 || pos.key() == before.key) {
          ++failures;
          FAIL_CHECK("null move from " << before.fen << " gave " << describe(snapshot(pos)));
        }
        expect_keys_consistent(pos, [&] { return "after a null move from " + before.fen; }, failures);
        pos.unmake_null_move();
        expect_same(before, pos, "after make/unmake of a null move", failures);
      }
      const Move m = play_random_move(pos, rng);
      if (!m) break;
      played.push_back(m);
      history.push_back(snapshot(pos));
      ++plies;
    }
    // Now all the way back, ply by ply.
    while (!played.empty()) {
      history.pop_back();
      pos.unmake_move(played.back());
      played.pop_back();
      expect_same(history.back(), pos, "unwinding game " + std::to_string(game), failures);
    }
    CHECK(pos.fen() == start.fen);
  }
  CHECK(failures == 0);
  INFO("plies " << plies << ", moves tried " << moves_tried << ", null moves " << null_moves);
  CHECK(plies > 20000);
  CHECK(null_moves > 10000);
}

TEST_CASE("position: incremental keys and FEN round trips along random games", "[chess][position][fen]") {
  chess::init();
  const auto starts = game_start_fens();
  std::mt19937_64 rng(20240611);
  int failures = 0, plies = 0;
  for (int game = 0; game < 200 && failures < 10; ++game) {
    const SuiteFen& start = starts[game % starts.size()];
    Position pos = position_from(start.fen, start.chess960);
    for (int ply = 0; ply < 300; ++ply) {
      const std::string context = "game " + std::to_string(game) + " ply " + std::to_string(ply) + ": " + pos.fen();
      expect_keys_consistent(pos, [&] { return context; }, failures);
      // fen -> set_fen -> the same position, the same keys, the same fen.
      Position copy;
      std::string error;
      if (!copy.set_fen(pos.fen(), pos.is_chess960(), &error)) {
        ++failures;
        FAIL_CHECK(context << ": Corvid's own FEN was refused: " << error);
      } else {
        expect_same(snapshot(pos), copy, context + " (re-read from its FEN)", failures);
      }
      // The checkers set agrees with a square-by-square look at the board.
      if (pos.in_check() != in_check_independently(pos)) {
        ++failures;
        FAIL_CHECK(context << ": in_check() " << pos.in_check());
      }
      if (!play_random_move(pos, rng)) break;
      ++plies;
    }
  }
  CHECK(failures == 0);
  CHECK(plies > 20000);
}

TEST_CASE("position: every suite FEN reads back to the same FEN", "[chess][position][fen]") {
  chess::init();
  std::vector<SuiteFen> fens = all_suite_fens();
  for (const DivideEntry& e : load_divide("perft/divide.txt")) fens.push_back({e.fen, castling_field_is_chess960(e.fen)});
  REQUIRE(fens.size() > 200);
  for (const SuiteFen& f : fens) {
    Position pos;
    std::string error;
    INFO(f.fen << (f.chess960 ? " (Chess960)" : ""));
    REQUIRE(pos.set_fen(f.fen, f.chess960, &error));
    CHECK(error.empty());
    CHECK(pos.fen() == f.fen);
    CHECK(pos.is_chess960() == f.chess960);
    CHECK(pos.key() == pos.compute_key());
    CHECK(pos.pawn_key() == pos.compute_pawn_key());
    CHECK(pos.non_pawn_key(WHITE) == pos.compute_non_pawn_key(WHITE));
    CHECK(pos.non_pawn_key(BLACK) == pos.compute_non_pawn_key(BLACK));
  }
}

TEST_CASE("position: FEN writing conventions", "[chess][position][fen]") {
  chess::init();
  // En passant is written only when a pawn of the side to move could capture there.
  Position pos = position_from("rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 1", false);
  CHECK(pos.fen() == "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1");
  CHECK(pos.en_passant_square() == SQ_NONE);
  pos = position_from("rnbqkbnr/ppp1pppp/8/8/3pP3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 3", false);
  CHECK(pos.fen() == "rnbqkbnr/ppp1pppp/8/8/3pP3/8/PPPP1PPP/RNBQKBNR b KQkq e3 0 3");
  CHECK(pos.en_passant_square() == SQ_E3);
  // After 1.e4 no black pawn can take en passant; after 1.e4 d5 2.e5 f5 a white one can.
  pos = Position();
  pos.make_move(parse_uci_move(pos, "e2e4"));
  CHECK(pos.fen() == "rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq - 0 1");
  for (const char* m : {"d7d5", "e4e5", "f7f5"}) pos.make_move(parse_uci_move(pos, m));
  CHECK(pos.fen() == "rnbqkbnr/ppp1p1pp/8/3pPp2/8/8/PPPP1PPP/RNBQKBNR w KQkq f6 0 3");

  // Chess960 mode writes Shredder letters, also for a position read with KQkq.
  pos = position_from(std::string(START_FEN), true);
  CHECK(pos.fen() == "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w HAha - 0 1");
  // Standard mode reads Shredder letters too and writes KQkq.
  pos = position_from("rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w HAha - 0 1", false);
  CHECK(pos.fen() == std::string(START_FEN));
  // KQkq means the outermost rook; an inner rook needs its file letter.
  pos = position_from("1r2k1r1/8/8/8/8/8/8/RR2K2R w KQkq - 0 1", true);
  CHECK(pos.fen() == "1r2k1r1/8/8/8/8/8/8/RR2K2R w HAgb - 0 1");
  pos = position_from("4k3/8/8/8/8/8/8/RR2K2R w B - 0 1", true);
  CHECK(pos.fen() == "4k3/8/8/8/8/8/8/RR2K2R w B - 0 1");
  // Standard mode too (X-FEN): an inner castling rook keeps its letter, so that the FEN
  // reads back with that rook. Found by the fen fuzzer (issue 16): the right of the b1
  // rook was written Q, which reads back as the a1 rook's.
  pos = position_from("4k3/8/8/8/8/8/8/RR2K2R w B - 0 1", false);
  CHECK(pos.fen() == "4k3/8/8/8/8/8/8/RR2K2R w B - 0 1");
  CHECK(position_from(pos.fen(), false).castling_rook_square(WHITE_OOO) == SQ_B1);
  pos = position_from("1r2k1r1/8/8/8/8/8/8/RR2K2R w KQkq - 0 1", false);
  CHECK(pos.fen() == "1r2k1r1/8/8/8/8/8/8/RR2K2R w KQkq - 0 1");
  // Clocks are kept.
  pos = position_from("4k3/8/8/8/8/8/8/4K3 b - - 57 123", false);
  CHECK(pos.fen() == "4k3/8/8/8/8/8/8/4K3 b - - 57 123");
  CHECK(pos.rule50() == 57);
  CHECK(pos.game_ply() == 245);
}

TEST_CASE("position: malformed FENs are refused with a message and change nothing", "[chess][position][fen]") {
  chess::init();
  struct Case {
    const char* fen;
    const char* message;  // a distinctive part of the expected error
  };
  const std::vector<Case> cases = {
      // field count
      {"", "found 0"},
      {"   \t ", "found 0"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR", "found 1"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0", "found 5"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1 extra", "found 7"},
      {"hello world", "found 2"},
      {"this is not a chess position", "unexpected character 't'"},
      // placement
      {"rnbqkbnr/pppppppp/8/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "more than 8 ranks"},
      {"rnbqkbnr/pppppppp/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "expected 8 ranks, found 7"},
      {"rnbqkbnr/ppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "rank 7 has 7 squares"},
      {"rnbqkbnr/ppppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "rank 7 has more than 8 squares"},
      {"rnbqkbnr/pppppppp/8/8/72/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "rank 4 has more than 8 squares"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBN w KQkq - 0 1", "rank 1 has 7 squares"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR/ w KQkq - 0 1", "more than 8 ranks"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBXKBNR w KQkq - 0 1", "unexpected character 'X'"},
      {"rnbqkbnr/pppppppp/9/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "unexpected character '9'"},
      {"rnbqkbnr/pppppppp/08/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "unexpected character '0'"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQ1BNR w kq - 0 1", "one white king, found 0"},
      {"rnbqkbnr/pppppppp/8/8/8/5k2/PPPPPPPP/RNBQKBNR w KQ - 0 1", "one black king, found 2"},
      {"4k3/8/8/8/8/8/8/P3K3 w - - 0 1", "pawn on the first or last rank (a1)"},
      {"4k2P/8/8/8/8/8/8/4K3 w - - 0 1", "pawn on the first or last rank (h8)"},
      // material no game can reach (found while fuzzing, issue 16): 271 legal moves would
      // overflow a move list, 33 pieces would pick a ninth layer stack of the net
      {"BQQQQQBk/Q5RB/Q6Q/Q6Q/Q6Q/Q6Q/Q6Q/KQQQQQQB w - - 0 1", "white has 28 pieces, at most 16"},
      {"rnbqkbnr/pppppppp/8/8/7n/8/PPPPPPPP/RNBQKBNR w - - 0 1", "black has 17 pieces"},
      {"4k3/pppppppp/p7/8/8/8/8/4K3 w - - 0 1", "black has 9 pawns, at most 8"},
      {"4k3/8/8/8/8/8/PPPPPPPP/QQ2K3 w - - 0 1", "white has 1 extra pieces"},
      {"4k3/8/8/8/8/8/PPPPPP2/RRRQKQQN w - - 0 1", "white has 3 extra pieces (beyond 1 queen, 2 rooks, 2 bishops, 2 knights) but only 2"},
      // side to move
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR x KQkq - 0 1", "field 2 (side to move): expected 'w' or 'b', found 'x'"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR W KQkq - 0 1", "found 'W'"},
      {"4k3/8/8/8/8/8/4R3/4K3 w - - 0 1", "the side not to move (black) is in check"},
      {"4k3/8/8/8/8/5n2/8/4K3 b - - 0 1", "the side not to move (white) is in check"},
      // castling
      {"rnbqkbn1/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1", "right 'k' but no black rook"},
      {"r3k2r/8/8/8/8/8/8/R3K3 w KQkq - 0 1", "right 'K' but no white rook"},
      {"r3k2r/8/8/8/8/8/4K3/R6R w K - 0 1", "right 'K' but the white king is not on its back rank"},
      {"r6r/4k3/8/8/8/8/8/R3K2R w q - 0 1", "right 'q' but the black king is not on its back rank"},
      {"r3k2r/8/8/8/8/8/8/R3K2R w KKkq - 0 1", "right 'K' repeats a right"},
      {"r3k2r/8/8/8/8/8/8/R3K2R w KHkq - 0 1", "right 'H' repeats a right"},
      {"r3k2r/8/8/8/8/8/8/R3K2R w KQkz - 0 1", "field 3 (castling rights): unexpected character 'z'"},
      {"r3k2r/8/8/8/8/8/8/R3K2R w KQ1 - 0 1", "unexpected character '1'"},
      {"r3k2r/8/8/8/8/8/8/R3K2R w K-Q - 0 1", "unexpected character '-'"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w BAha - 0 1", "right 'B' but no white rook"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w E - 0 1", "right 'E' but no white rook"},
      // en passant
      {"rnbqkbnr/pppppppp/8/8/4P3/8/PPPP1PPP/RNBQKBNR b KQkq e4 0 1", "square e4 is not on the rank a white double push"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e3 0 1", "square e3 is not on the rank a black double push"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR b KQkq e3 0 1", "no pawn on e4"},
      {"rnbqkbnr/ppp1pppp/8/8/3pN3/8/PPPP1PPP/RNBQKB1R b KQkq e3 0 1", "no pawn on e4"},
      {"rnbqkbnr/ppp1pppp/8/8/3pP3/4N3/PPPP1PPP/RNBQKB1R b KQkq e3 0 1", "squares e3 and e2 must be empty"},
      {"rnbqkbnr/ppp1pppp/8/8/3pP3/8/PPPPNPPP/RNBQKB1R b KQkq e3 0 1", "squares e3 and e2 must be empty"},
      {"rnbqkbnr/ppp1pppp/8/8/3pP3/8/PPPP1PPP/RNBQKBNR b KQkq e3 1 3", "must be 0 right after a double pawn push"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e9 0 1", "field 4 (en passant): expected '-' or a square"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq E6 0 1", "expected '-' or a square"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq e66 0 1", "expected '-' or a square"},
      // halfmove clock
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - -1 1", "field 5 (halfmove clock)"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - abc 1", "found 'abc'"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 1001 1", "field 5 (halfmove clock)"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 99999999999999999999 1", "field 5 (halfmove clock)"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 1.5 1", "field 5 (halfmove clock)"},
      // fullmove number
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 0", "field 6 (fullmove number)"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 x", "found 'x'"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 -3", "field 6 (fullmove number)"},
      {"rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 99999999999999999999", "field 6 (fullmove number)"},
  };
  REQUIRE(cases.size() >= 40);
  // What a game can reach is accepted: 9 queens and 2 of everything (the 218-move
  // position), or as many promotions as pawns are gone.
  for (const char* fen : {"3Q4/1Q4Q1/4Q3/2Q4R/Q4Q2/3Q4/1Q4Rp/1K1BBNNk w - - 0 1",
                          "4k3/8/8/8/8/8/PPPPPP2/RRRQK1NN w - - 0 1", "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w - - 0 1"}) {
    Position pos;
    std::string error;
    CHECK(pos.set_fen(fen, false, &error));
    CHECK(error.empty());
  }

  for (const bool chess960 : {false, true}) {
    // Start from a position that is not the default one, with two moves on the state stack,
    // so "unchanged" means something: a refused FEN must not even touch the move history.
    const std::string base = chess960 ? "bqnb1rkr/pp3ppp/3ppn2/2p5/5P2/P2P4/NPP1P1PP/BQ1BNRKR w HFhf - 2 9" : KIWIPETE;
    const char* moves[2] = {chess960 ? "e1f3" : "e2a6", chess960 ? "f6e4" : "b4c3"};
    for (const Case& c : cases) {
      Position pos = position_from(base, chess960);
      Move played[2];
      for (int i = 0; i < 2; ++i) {
        played[i] = parse_uci_move(pos, moves[i]);
        REQUIRE(played[i] != Move::none());
        pos.make_move(played[i]);
      }
      const std::string fen_before = pos.fen();
      const Key key_before = pos.key();

      INFO("FEN '" << c.fen << "'" << (chess960 ? " (Chess960)" : ""));
      std::string error;
      CHECK_FALSE(pos.set_fen(c.fen, chess960, &error));
      INFO("error: " << error);
      CHECK_FALSE(error.empty());
      CHECK(error.find(c.message) != std::string::npos);
      CHECK(pos.fen() == fen_before);
      CHECK(pos.key() == key_before);
      CHECK(pos.is_chess960() == chess960);
      CHECK(pos.game_ply() == 2 * (std::stoi(base.substr(base.rfind(' '))) - 1) + 2);
      pos.unmake_move(played[1]);
      pos.unmake_move(played[0]);
      CHECK(pos.fen() == base);
      // A null error pointer is allowed.
      CHECK_FALSE(pos.set_fen(c.fen, chess960, nullptr));
      CHECK(pos.fen() == base);
    }
  }
}

TEST_CASE("position: gives_check agrees with making the move", "[chess][position]") {
  chess::init();
  const auto starts = game_start_fens();
  std::mt19937_64 rng(77);
  int failures = 0, checks = 0, moves = 0;
  for (int game = 0; game < 200 && failures < 10; ++game) {
    const SuiteFen& start = starts[game % starts.size()];
    Position pos = position_from(start.fen, start.chess960);
    for (int ply = 0; ply < 300; ++ply) {
      for (Move m : legal_moves(pos)) {
        const bool predicted = pos.gives_check(m);
        pos.make_move(m);
        const bool actual = in_check_independently(pos);
        if (predicted != actual || pos.in_check() != actual) {
          ++failures;
          pos.unmake_move(m);
          const std::string context = where(pos.fen(), m, pos.is_chess960());
          pos.make_move(m);
          FAIL_CHECK(context << ": gives_check " << predicted << ", in_check() " << pos.in_check()
                             << ", king attacked " << actual);
        }
        checks += actual;
        ++moves;
        pos.unmake_move(m);
      }
      if (!play_random_move(pos, rng)) break;
    }
  }
  CHECK(failures == 0);
  INFO("moves " << moves << ", checking moves " << checks);
  CHECK(checks > 1000);  // the games must reach many checks for this to mean something
}

TEST_CASE("position: gives_check in hand-picked cases", "[chess][position]") {
  chess::init();
  struct Case {
    const char* fen;
    bool chess960;
    const char* move;
    bool check;
  };
  const Case cases[] = {
      {"4k3/8/8/8/8/8/8/4K2R w K - 0 1", false, "e1g1", false},    // the rook lands on f1, the king is on e8
      {"5k2/8/8/8/8/8/8/4K2R w K - 0 1", false, "e1g1", true},     // the castled rook checks along the f-file
      {"3k4/8/8/8/8/8/8/R3K3 w Q - 0 1", false, "e1c1", true},     // queen side: the rook on d1 checks
      {"k7/8/8/3pP3/8/8/8/7K w - d6 0 1", false, "e5d6", false},   // en passant, no check
      {"8/8/8/k2pP2R/8/8/8/7K w - d6 0 1", false, "e5d6", true},   // both pawns leave the rank: the rook sees a5
      {"k7/8/8/3pP3/8/5B2/8/7K w - d6 0 1", false, "e5d6", true},  // the captured pawn opened the bishop's diagonal
      {"k7/8/8/3pP3/8/5B2/8/7K w - d6 0 1", false, "e5e6", false},
      {"k7/4P3/8/8/8/8/8/7K w - - 0 1", false, "e7e8q", true},     // the new queen checks along the rank
      {"k7/4P3/8/8/8/8/8/7K w - - 0 1", false, "e7e8r", true},
      {"k7/4P3/8/8/8/8/8/7K w - - 0 1", false, "e7e8b", false},
      {"k7/4P3/8/8/8/8/8/7K w - - 0 1", false, "e7e8n", false},
      {"8/4P3/5k2/8/8/8/8/7K w - - 0 1", false, "e7e8n", true},    // knight check from e8 to f6
      {"8/4P3/5k2/8/8/8/8/7K w - - 0 1", false, "e7e8q", false},
      {"4k3/8/8/8/8/8/4N3/4R2K w - - 0 1", false, "e2c3", true},   // discovered check by the rook
      {"4k3/8/8/8/8/8/4N3/4R2K w - - 0 1", false, "e2d4", true},
      {"4k3/8/8/8/8/8/4N3/4R2K w - - 0 1", false, "e1d1", false},  // the rook leaves the file it was blocked on
      {"4k3/8/8/8/8/8/4N3/4R2K w - - 0 1", false, "e2d4", true},
      {"4k3/8/8/3N4/8/8/8/4K3 w - - 0 1", false, "d5b4", false},
      {"4k3/8/8/3N4/8/8/8/4K3 w - - 0 1", false, "d5c7", true},    // direct knight check
      {"4k3/8/8/8/8/8/5P2/4K3 w - - 0 1", false, "f2f4", false},
      {"4k3/8/8/5P2/8/8/8/4K3 w - - 0 1", false, "f5f6", false},
      {"4k3/8/5P2/8/8/8/8/4K3 w - - 0 1", false, "f6f7", true},    // the pawn on f7 attacks e8
      {"1k6/8/8/8/8/8/8/RK5R w HA - 0 1", true, "b1a1", false},    // Chess960 queen side: the rook ends on d1
      {"3k4/8/8/8/8/8/8/RK5R w HA - 0 1", true, "b1a1", true},     // the rook on d1 checks the king on d8
      {"5k2/8/8/8/8/8/8/RK5R w HA - 0 1", true, "b1h1", true},     // king side: the rook on f1 checks f8
      {"6k1/8/8/8/8/8/8/RK5R w HA - 0 1", true, "b1h1", false},
  };
  for (const Case& c : cases) {
    Position pos = position_from(c.fen, c.chess960);
    INFO(c.fen << " " << c.move);
    const Move m = parse_uci_move(pos, c.move);
    REQUIRE(m != Move::none());
    CHECK(pos.gives_check(m) == c.check);
    pos.make_move(m);
    CHECK(pos.in_check() == c.check);
  }
}

TEST_CASE("position: repetition detection", "[chess][position]") {
  chess::init();
  const auto play = [](Position& pos, const char* move) {
    const Move m = parse_uci_move(pos, move);
    INFO(pos.fen() << " " << move);
    REQUIRE(m != Move::none());
    pos.make_move(m);
  };

  SECTION("a knight shuffle from the start position repeats after four plies") {
    Position pos;
    CHECK_FALSE(pos.is_repetition());
    for (const char* m : {"g1f3", "g8f6", "f3g1"}) {
      play(pos, m);
      CHECK_FALSE(pos.is_repetition());
    }
    play(pos, "f6g8");
    CHECK(pos.fen() == "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 4 3");
    CHECK(pos.is_repetition());
    play(pos, "g1f3");
    CHECK(pos.is_repetition());  // the position after the first g1f3 again
    play(pos, "b8c6");
    CHECK_FALSE(pos.is_repetition());
  }

  SECTION("a capture resets the count: only positions after it can repeat") {
    Position pos;
    for (const char* m : {"g1f3", "g8f6", "f3g1", "f6g8", "e2e4", "d7d5", "e4d5"}) play(pos, m);
    CHECK(pos.rule50() == 0);
    CHECK_FALSE(pos.is_repetition());
    for (const char* m : {"g8f6", "g1f3", "f6g8"}) {
      play(pos, m);
      CHECK_FALSE(pos.is_repetition());
    }
    play(pos, "f3g1");
    CHECK(pos.is_repetition());  // back to the position right after the capture
  }

  SECTION("a shuffle that starts with a capture: the first position is gone for good") {
    Position pos = position_from("4k1n1/8/8/8/8/5p2/8/4K1N1 w - - 0 1", false);
    for (const char* m : {"g1f3", "g8f6", "f3g1", "f6g8"}) {  // g1f3 takes the pawn
      play(pos, m);
      CHECK_FALSE(pos.is_repetition());
    }
    CHECK(pos.fen() == "4k1n1/8/8/8/8/8/8/4K1N1 w - - 3 3");
    play(pos, "g1f3");
    CHECK(pos.is_repetition());  // the position right after the capture
  }

  SECTION("a high halfmove clock from the FEN does not reach before the FEN") {
    Position pos = position_from("4k3/8/8/8/8/8/8/4K1N1 w - - 99 80", false);
    CHECK_FALSE(pos.is_repetition());
    for (const char* m : {"g1f3", "e8d8", "f3g1"}) {
      play(pos, m);
      CHECK_FALSE(pos.is_repetition());  // the clock says 100+ plies, but only these are known
    }
    play(pos, "d8e8");
    CHECK(pos.rule50() == 103);
    CHECK(pos.is_repetition());
  }

  SECTION("the window does not reach back past a null move") {
    Position pos;
    const Key start_key = pos.key();
    for (const char* m : {"g1f3", "g8f6", "f3g1", "f6g8"}) play(pos, m);
    CHECK(pos.is_repetition());
    play(pos, "g1f3");
    pos.make_null_move();
    play(pos, "f3g1");
    pos.make_null_move();
    // The start position again, white to move, but only through null moves: the search
    // must not take it for a repetition.
    CHECK(pos.key() == start_key);
    CHECK_FALSE(pos.is_repetition());
    for (const char* m : {"g1f3", "g8f6", "f3g1"}) {
      play(pos, m);
      CHECK_FALSE(pos.is_repetition());
    }
    play(pos, "f6g8");
    CHECK(pos.key() == start_key);
    CHECK(pos.is_repetition());  // four real plies after the last null move
  }
}

TEST_CASE("position: is_legal accepts exactly the generated moves, of every 16-bit value", "[chess][position]") {
  chess::init();
  std::mt19937_64 rng(21);
  // Games from the perft suite's positions (pins, en passant, promotions, Chess960 castling).
  const auto starts = game_start_fens();
  int positions = 0;
  for (int game = 0; game < 40; ++game) {
    const SuiteFen& start = starts[game % starts.size()];
    Position pos = position_from(start.fen, start.chess960);
    for (int ply = 0; ply < 100 && positions < 600; ++ply) {
      MoveList legal;
      generate<LEGAL>(pos, legal);
      if (legal.empty()) break;
      if (ply % 10 == 0 || pos.in_check()) {
        ++positions;
        int accepted = 0;
        for (int raw = 0; raw < 65536; ++raw) {
          const Move m{uint16_t(raw)};
          const bool expected = legal.contains(m);
          if (pos.is_legal(m) != expected) FAIL_CHECK(pos.fen() << " move " << raw << " expected " << expected);
          accepted += expected;
        }
        CHECK(accepted == legal.size());
      }
      pos.make_move(legal[int(rng() % legal.size())]);
    }
  }
  CHECK(positions > 300);
}

TEST_CASE("position: key_after equals the key after plain moves", "[chess][position]") {
  chess::init();
  // key_after leaves out castling rights and en passant (it only aims a prefetch), so it
  // must be exact for every other move: no castling, no en passant capture, no double
  // push, no rights lost, and no en passant square before the move.
  const auto starts = game_start_fens();
  std::mt19937_64 rng(91);
  int compared = 0;
  for (int game = 0; game < 60; ++game) {
    const SuiteFen& start = starts[game % starts.size()];
    Position pos = position_from(start.fen, start.chess960);
    for (int ply = 0; ply < 120; ++ply) {
      for (Move m : legal_moves(pos)) {
        const bool double_push = type_of(pos.piece_on(m.from())) == PAWN && (m.from() ^ m.to()) == 16;
        if (m.kind() == CASTLING || m.kind() == EN_PASSANT || double_push || pos.en_passant_square() != SQ_NONE)
          continue;
        const Key predicted = pos.key_after(m);
        const uint8_t rights = pos.castling_rights();
        pos.make_move(m);
        if (pos.castling_rights() == rights) {
          ++compared;
          if (pos.key() != predicted) FAIL_CHECK(pos.fen() << " after " << move_to_uci(m, pos.is_chess960()));
        }
        pos.unmake_move(m);
      }
      if (!play_random_move(pos, rng)) break;
    }
  }
  CHECK(compared > 10000);
}
