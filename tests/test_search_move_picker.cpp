// The staged move picker hands out every wanted move exactly once, whatever hash move,
// killers and counter move it is given (legal, illegal or repeated).
#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <vector>

#include "search/move_picker.h"
#include "test_chess_support.h"

using namespace corvid;
using namespace corvid::search;

namespace {

struct Tables {
  ButterflyHistory butterfly{};
  CaptureHistory captures{};
  PieceToHistory continuation{};
};

std::vector<uint16_t> sorted_raw(const std::vector<Move>& moves) {
  std::vector<uint16_t> raw;
  for (Move m : moves) raw.push_back(m.raw());
  std::sort(raw.begin(), raw.end());
  return raw;
}

template <typename Picker>
std::vector<Move> drain(Picker& picker, bool skip_quiets_midway) {
  std::vector<Move> out;
  for (Move m; (m = picker.next());) {
    out.push_back(m);
    if (skip_quiets_midway && out.size() == 3) picker.skip_quiets();
  }
  return out;
}

// A move from this position or another one: the picker must check what it is given.
Move some_move(const Position& pos, std::mt19937_64& rng) {
  MoveList list;
  generate<LEGAL>(pos, list);
  if (rng() % 3 == 0 || list.empty()) return Move(uint16_t(rng()));
  return list[int(rng() % list.size())];
}

}  // namespace

TEST_CASE("move picker: every legal move exactly once, in and out of check", "[search][picker]") {
  chess::init();
  auto tables = std::make_unique<Tables>();
  std::mt19937_64 rng(11);
  // Random histories, so the ordering is not just generation order.
  for (auto& side : tables->butterfly)
    for (auto& e : side) e.value = int16_t(int(rng() % 16000) - 8000);
  for (auto& piece : tables->continuation)
    for (auto& e : piece) e.value = int16_t(int(rng() % 16000) - 8000);
  OrderingTables ordering{&tables->butterfly, &tables->captures, {&tables->continuation, nullptr, &tables->continuation}};

  int positions = 0, in_check = 0;
  for (int game = 0; game < 60; ++game) {
    Position pos;
    for (int ply = 0; ply < 120; ++ply) {
      MoveList legal;
      generate<LEGAL>(pos, legal);
      if (legal.empty()) break;
      ++positions;
      in_check += pos.in_check();
      const Move tt = some_move(pos, rng), k0 = some_move(pos, rng), k1 = rng() % 4 ? some_move(pos, rng) : k0,
                 counter = some_move(pos, rng);
      INFO(pos.fen());

      MovePicker main_picker(pos, tt, ordering, k0, k1, counter, 1 + int(rng() % 8));
      const std::vector<Move> all = drain(main_picker, false);
      CHECK(sorted_raw(all) == sorted_raw(std::vector<Move>(legal.begin(), legal.end())));

      // Skipping quiets drops only quiet moves, and never a capture or promotion.
      MovePicker skipping(pos, tt, ordering, k0, k1, counter, 3);
      const std::vector<Move> some = drain(skipping, true);
      MoveList captures;
      generate<CAPTURES>(pos, captures);
      for (Move m : captures)
        if (!pos.in_check()) CHECK(std::count(some.begin(), some.end(), m) == 1);
      CHECK(some.size() == sorted_raw(some).size());

      // Quiescence: captures and promotions, or every evasion in check.
      MovePicker qs(pos, tt, ordering, false);
      const std::vector<Move> q = drain(qs, false);
      const MoveList& expected = pos.in_check() ? legal : captures;
      CHECK(sorted_raw(q) == sorted_raw(std::vector<Move>(expected.begin(), expected.end())));
      // With checks: the quiet checking moves as well.
      std::vector<Move> with_checks(expected.begin(), expected.end());
      if (!pos.in_check())
        for (Move m : legal)
          if (!captures.contains(m) && pos.gives_check(m)) with_checks.push_back(m);
      MovePicker qs_checks(pos, tt, ordering, true);
      CHECK(sorted_raw(drain(qs_checks, false)) == sorted_raw(with_checks));

      pos.make_move(legal[int(rng() % legal.size())]);
    }
  }
  CHECK(positions > 3000);
  CHECK(in_check > 100);
}
