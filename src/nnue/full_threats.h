// Threat features of Stockfish 18 (Full_Threats) and Stockfish 19: one input per (attacking piece, its square, the
// attacked piece, its square) where the attacked square is occupied. Seen from one side:
// colours swapped for Black (own pieces first) and the board flipped vertically for Black
// and mirrored when that side's king stands on files e-h. There are no king buckets, so a
// king move only changes the features when it crosses between files d and e.
//
// Not every pair is an input: some attacker/attacked type pairs are left out (Stockfish 18:
// pawn on bishop, king on queen, ...; Stockfish 19 also drops every king and every pawn
// pair, which its pawn-pair features cover, and keeps pawns on knights and rooks only),
// and a pair of equal types counts once (only the one whose attacker's oriented square is
// the higher), except friendly pawns, which cannot attack each other both ways anyway.
// Index layout (attacker, attacked side and type, from, to) follows the order Stockfish's
// trainer defines; the totals come to 79856 (Stockfish 18) and 59808 (Stockfish 19) inputs.
#pragma once

#include <cstdint>

#include "chess/position.h"

namespace corvid::nnue::full_threats {

// Which generation's threat inputs.
enum class Generation : uint8_t { Sf18, Sf19 };
inline constexpr int INPUTS_SF18 = 79856;
inline constexpr int INPUTS_SF19 = 59808;
inline constexpr int NONE = -1;  // index of a left-out pair

// The input of attacker on `from` attacking `attacked` on `to`, seen by perspective with
// its king on ksq; NONE when the pair is not an input.
int feature_index(Generation g, Color perspective, Square ksq, Piece attacker, Square from, Piece attacked,
                  Square to);
// The generation whose threat inputs a net with this many threat rows has (Sf18 unless 59808).
constexpr Generation generation_of(uint32_t threat_inputs) {
  return threat_inputs == uint32_t(INPUTS_SF19) ? Generation::Sf19 : Generation::Sf18;
}

// The square XOR that orients a board for perspective: flipped vertically for Black,
// mirrored when that side's king stands on files e-h (threat and pawn-pair inputs).
constexpr int orientation(Color perspective, Square ksq) {
  return (file_of(ksq) >= 4 ? 7 : 0) ^ (perspective == WHITE ? 0 : 56);
}

// True when a move of perspective's king from `from` to `to` changes every threat input
// of that side (the mirror flips): refresh instead of updating.
constexpr bool king_move_flips(Square from, Square to) { return (file_of(from) < 4) != (file_of(to) < 4); }

// A threat between two occupied squares, in board terms (no perspective).
struct Threat {
  Piece attacker;
  Square from;
  Piece attacked;
  Square to;
  bool operator==(const Threat&) const = default;
};

// Every threat on the board; returns how many were written (at most `capacity`, which
// the caller sizes far above what a legal position holds).
int all_threats(const Position& pos, Threat* out, int capacity);

}  // namespace corvid::nnue::full_threats
