#include "nnue/full_threats.h"

#include <array>
#include <bit>

#include "chess/attacks.h"

namespace corvid::nnue::full_threats {

namespace {

using Table = std::array<uint64_t, 64>;

constexpr uint64_t step_attacks(int sq, const int (*steps)[2], int count) {
  uint64_t b = 0;
  for (int k = 0; k < count; ++k) {
    const int f = sq % 8 + steps[k][0], r = sq / 8 + steps[k][1];
    if (f >= 0 && f < 8 && r >= 0 && r < 8) b |= uint64_t(1) << (r * 8 + f);
  }
  return b;
}

constexpr uint64_t ray_attacks(int sq, const int (*dirs)[2], int count) {
  uint64_t b = 0;
  for (int k = 0; k < count; ++k)
    for (int f = sq % 8 + dirs[k][0], r = sq / 8 + dirs[k][1]; f >= 0 && f < 8 && r >= 0 && r < 8;
         f += dirs[k][0], r += dirs[k][1])
      b |= uint64_t(1) << (r * 8 + f);
  return b;
}

constexpr int KNIGHT_STEPS[8][2] = {{1, 2}, {2, 1}, {2, -1}, {1, -2}, {-1, -2}, {-2, -1}, {-2, 1}, {-1, 2}};
constexpr int KING_STEPS[8][2] = {{1, 0}, {1, 1}, {0, 1}, {-1, 1}, {-1, 0}, {-1, -1}, {0, -1}, {1, -1}};
constexpr int BISHOP_DIRS[4][2] = {{1, 1}, {-1, 1}, {1, -1}, {-1, -1}};
constexpr int ROOK_DIRS[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
constexpr int WHITE_PAWN_STEPS[2][2] = {{-1, 1}, {1, 1}};
constexpr int BLACK_PAWN_STEPS[2][2] = {{-1, -1}, {1, -1}};

// Empty-board attacks of a piece from a square; a pawn counts only from ranks 2 to 7.
constexpr uint64_t pseudo_attacks(Piece pc, int sq) {
  switch (type_of(pc)) {
    case PAWN:
      if (sq < 8 || sq >= 56) return 0;
      return color_of(pc) == WHITE ? step_attacks(sq, WHITE_PAWN_STEPS, 2) : step_attacks(sq, BLACK_PAWN_STEPS, 2);
    case KNIGHT: return step_attacks(sq, KNIGHT_STEPS, 8);
    case BISHOP: return ray_attacks(sq, BISHOP_DIRS, 4);
    case ROOK: return ray_attacks(sq, ROOK_DIRS, 4);
    case QUEEN: return ray_attacks(sq, BISHOP_DIRS, 4) | ray_attacks(sq, ROOK_DIRS, 4);
    case KING: return step_attacks(sq, KING_STEPS, 8);
    default: return 0;
  }
}

// Which attacked types each attacker type has inputs for (-1: none), numbered in order;
// [attacker type][attacked type], types from PAWN = 1 to KING = 6.
using TargetSlots = int[7][7];
constexpr TargetSlots SF18_TARGET_SLOT = {
    {},
    {0, 0, 1, -1, 2, -1, -1},  // pawn: pawn, knight, rook
    {0, 0, 1, 2, 3, 4, 5},     // knight: all
    {0, 0, 1, 2, 3, -1, 4},    // bishop: all but queen
    {0, 0, 1, 2, 3, -1, 4},    // rook: all but queen
    {0, 0, 1, 2, 3, 4, 5},     // queen: all
    {0, 0, 1, 2, 3, -1, -1},   // king: all but queen and king
};
constexpr TargetSlots SF19_TARGET_SLOT = {
    {},
    {-1, -1, 0, -1, 1, -1, -1},   // pawn: knight, rook
    {-1, 0, 1, 2, 3, 4, -1},      // knight: all but king
    {-1, 0, 1, 2, 3, -1, -1},     // bishop: pawn, knight, bishop, rook
    {-1, 0, 1, 2, 3, -1, -1},     // rook: the same
    {-1, 0, 1, 2, 3, 4, -1},      // queen: all but king
    {-1, -1, -1, -1, -1, -1, -1}, // king: none
};
constexpr int target_slots(const TargetSlots& slots, PieceType attacker) {
  int n = 0;
  for (int t = PAWN; t <= KING; ++t) n += slots[attacker][t] >= 0;
  return n;
}

constexpr Piece ORDER[12] = {W_PAWN, W_KNIGHT, W_BISHOP, W_ROOK, W_QUEEN, W_KING,
                             B_PAWN, B_KNIGHT, B_BISHOP, B_ROOK, B_QUEEN, B_KING};
constexpr uint32_t LEFT_OUT = ~uint32_t(0);

struct Tables {
  uint64_t pseudo[16][64]{};
  uint32_t from_offset[16][64]{};   // pseudo attacks of the squares before `from`
  uint32_t pair_base[16][16][2]{};  // [attacker][attacked][from < to], LEFT_OUT when left out
  int total = 0;
};

constexpr Tables make_tables(const TargetSlots& slots) {
  Tables t{};
  uint32_t piece_base[16]{}, piece_pairs[16]{};
  uint32_t base = 0;
  for (Piece pc : ORDER) {
    uint32_t pairs = 0;
    for (int sq = 0; sq < 64; ++sq) {
      t.pseudo[pc][sq] = pseudo_attacks(pc, sq);
      t.from_offset[pc][sq] = pairs;
      pairs += uint32_t(std::popcount(t.pseudo[pc][sq]));
    }
    piece_base[pc] = base;
    piece_pairs[pc] = pairs;
    base += uint32_t(2 * target_slots(slots, type_of(pc))) * pairs;
  }
  t.total = int(base);
  for (Piece a : ORDER)
    for (Piece d : ORDER) {
      const PieceType at = type_of(a), dt = type_of(d);
      const int slot = slots[at][dt];
      // Equal types count once, except a friendly pawn pair (one-way by nature).
      const bool once = at == dt && (color_of(a) != color_of(d) || at != PAWN);
      const uint32_t index =
          piece_base[a] + uint32_t(color_of(d) * target_slots(slots, at) + slot) * piece_pairs[a];
      t.pair_base[a][d][0] = slot < 0 ? LEFT_OUT : index;
      t.pair_base[a][d][1] = slot < 0 || once ? LEFT_OUT : index;
    }
  return t;
}

constexpr Tables SF18_TABLES = make_tables(SF18_TARGET_SLOT);
constexpr Tables SF19_TABLES = make_tables(SF19_TARGET_SLOT);
static_assert(SF18_TABLES.total == INPUTS_SF18, "Full_Threats layout must give Stockfish 18's 79856 inputs");
static_assert(SF19_TABLES.total == INPUTS_SF19, "threat layout must give Stockfish 19's 59808 inputs");

}  // namespace

int feature_index(Generation g, Color perspective, Square ksq, Piece attacker, Square from, Piece attacked,
                  Square to) {
  const Tables& tables = g == Generation::Sf19 ? SF19_TABLES : SF18_TABLES;
  const int flip = orientation(perspective, ksq);
  const int swap = perspective == WHITE ? 0 : 8;
  const int a = attacker ^ swap, d = attacked ^ swap;
  const int f = from ^ flip, t = to ^ flip;
  const uint32_t base = tables.pair_base[a][d][f < t];
  if (base == LEFT_OUT) return NONE;
  const uint64_t below_to = (uint64_t(1) << t) - 1;
  return int(base + tables.from_offset[a][f] + uint32_t(std::popcount(tables.pseudo[a][f] & below_to)));
}

int all_threats(const Position& pos, Threat* out, int capacity) {
  const Bitboard occupied = pos.pieces();
  int n = 0;
  for (Bitboard pieces = occupied; pieces;) {
    const Square from = pop_lsb(pieces);
    const Piece attacker = pos.piece_on(from);
    const PieceType pt = type_of(attacker);
    const Bitboard attacks =
        (pt == PAWN ? pawn_attacks(color_of(attacker), from) : attacks_of(pt, from, occupied)) & occupied;
    for (Bitboard b = attacks; b && n < capacity;) {
      const Square to = pop_lsb(b);
      out[n++] = {attacker, from, pos.piece_on(to), to};
    }
  }
  return n;
}

}  // namespace corvid::nnue::full_threats
