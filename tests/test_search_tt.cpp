// Transposition table: what is stored comes back whole, replacement keeps what is worth
// keeping, and concurrent writers never let a reader see mixed data.
#include <catch2/catch.hpp>
#include <random>
#include <thread>
#include <vector>

#include "search/transposition_table.h"

using namespace corvid;

namespace {

// A record derived from the key alone, so a reader can tell a torn one.
TTData record_for(Key key) {
  TTData d;
  d.move = Move(uint16_t(key | 1));
  d.value = int16_t(key >> 16);
  d.eval = int16_t(key >> 32);
  d.depth = int8_t(int(key >> 48) % 100);
  d.bound = Bound(1 + (key >> 60) % 3);
  d.pv = (key >> 59) & 1;
  return d;
}

// Five keys that fall into the same cluster of a 1 MB table: the index is the high bits
// of key * clusters, and these keys differ only far below them.
std::vector<Key> one_cluster_keys() {
  std::vector<Key> keys;
  for (Key k = 0; k < 5; ++k) keys.push_back(0x8000000000000000ULL + k * 7919);
  return keys;
}

bool same(const TTData& a, const TTData& b) {
  return a.move == b.move && a.value == b.value && a.eval == b.eval && a.depth == b.depth && a.bound == b.bound && a.pv == b.pv;
}

}  // namespace

TEST_CASE("TT stores and returns every field", "[search][tt]") {
  TranspositionTable tt;
  REQUIRE(tt.resize(1));
  std::mt19937_64 rng(5);
  for (int i = 0; i < 1000; ++i) {
    const Key key = rng();
    TTData d = record_for(rng());
    d.value = int16_t(i % 2 ? -32000 + i : 32000 - i);
    d.depth = int8_t(i % 2 ? -5 : 120);
    tt.store(key, d);
    TTData got;
    REQUIRE(tt.probe(key, got));
    CHECK(same(got, d));
    TTData miss;
    CHECK_FALSE(tt.probe(key ^ 0x1234, miss));
  }
}

TEST_CASE("TT keeps the move of a position when a new result has none", "[search][tt]") {
  TranspositionTable tt;
  const Key key = 0xDEADBEEFCAFEF00DULL;
  TTData first = record_for(key);
  tt.store(key, first);
  TTData second = record_for(key);
  second.move = Move::none();
  second.depth = first.depth;
  second.bound = BOUND_EXACT;
  tt.store(key, second);
  TTData got;
  REQUIRE(tt.probe(key, got));
  CHECK(got.move == first.move);
}

TEST_CASE("TT replaces entries of older searches first", "[search][tt]") {
  TranspositionTable tt;
  REQUIRE(tt.resize(1));
  const std::vector<Key> keys = one_cluster_keys();
  TTData deep;
  deep.depth = 60;
  deep.bound = BOUND_EXACT;
  deep.move = Move(SQ_E2, SQ_E4);
  for (int i = 0; i < 4; ++i) tt.store(keys[i], deep);  // fill the cluster in search 1
  tt.new_search();
  TTData shallow = deep;
  shallow.depth = 1;
  tt.store(keys[4], shallow);  // search 2: must evict one of the old deep entries
  TTData got;
  CHECK(tt.probe(keys[4], got));
  int old_left = 0;
  for (int i = 0; i < 4; ++i) old_left += tt.probe(keys[i], got);
  CHECK(old_left == 3);
}

TEST_CASE("TT hashfull counts this search's entries", "[search][tt]") {
  TranspositionTable tt;
  REQUIRE(tt.resize(1));
  CHECK(tt.hashfull() == 0);
  std::mt19937_64 rng(11);
  for (int i = 0; i < 200000; ++i) tt.store(rng(), record_for(rng()));
  CHECK(tt.hashfull() > 500);
  tt.new_search();
  CHECK(tt.hashfull() == 0);
  tt.clear();
  CHECK(tt.hashfull() == 0);
}

TEST_CASE("TT under concurrent writers never returns torn data", "[search][tt][threads]") {
  TranspositionTable tt;
  REQUIRE(tt.resize(1));
  std::atomic<int> torn{0}, hits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(100 + t);
      for (int i = 0; i < 200000; ++i) {
        const Key key = rng() % 50000 * 0x9E3779B97F4A7C15ULL;  // few keys: many collisions
        if (i % 2) {
          tt.store(key, record_for(key));
        } else {
          TTData got;
          if (tt.probe(key, got)) {
            ++hits;
            if (!same(got, record_for(key))) ++torn;
          }
        }
      }
    });
  for (std::thread& th : threads) th.join();
  CHECK(hits > 1000);
  CHECK(torn == 0);
}

TEST_CASE("TT refuses a size beyond the machine's memory and keeps the old table", "[search][tt]") {
  TranspositionTable tt;
  REQUIRE(tt.resize(2));
  TTData d;
  d.move = Move(uint16_t(0x1234));
  d.depth = 7;
  d.bound = BOUND_EXACT;
  tt.store(42, d);
  CHECK_FALSE(tt.resize(size_t(1) << 30));  // a petabyte
  CHECK(tt.size_megabytes() == 2);
  TTData out;
  REQUIRE(tt.probe(42, out));
  CHECK(out.move == d.move);
}

TEST_CASE("TT takes the new best move even when it keeps a deeper old result", "[search][tt]") {
  TranspositionTable tt;
  const Key key = 0x0123456789ABCDEFULL;
  TTData deep;
  deep.move = Move(SQ_E2, SQ_E4);
  deep.value = 35;
  deep.eval = 20;
  deep.depth = 20;
  deep.bound = BOUND_LOWER;
  tt.store(key, deep);
  TTData shallow = deep;
  shallow.move = Move(SQ_D2, SQ_D4);
  shallow.value = -50;
  shallow.depth = 3;
  shallow.bound = BOUND_UPPER;
  tt.store(key, shallow);
  TTData got;
  REQUIRE(tt.probe(key, got));
  CHECK(got.move == shallow.move);  // the move the latest search found best
  CHECK(got.depth == deep.depth);   // with the deeper result it kept
  CHECK(got.value == deep.value);
  CHECK(got.bound == deep.bound);
}

TEST_CASE("TT keeps a position's PV mark when it keeps a deeper old result", "[search][tt]") {
  TranspositionTable tt;
  const Key key = 0x0FEDCBA987654321ULL;
  TTData deep;
  deep.move = Move(SQ_E2, SQ_E4);
  deep.depth = 20;
  deep.bound = BOUND_LOWER;
  tt.store(key, deep);
  TTData shallow = deep;
  shallow.depth = 3;
  shallow.pv = true;  // the same move, now seen on a principal variation
  tt.store(key, shallow);
  TTData got;
  REQUIRE(tt.probe(key, got));
  CHECK(got.pv);
  CHECK(got.depth == deep.depth);
}

TEST_CASE("TT ages entries over the 32 searches its generation counts", "[search][tt]") {
  TranspositionTable tt;
  REQUIRE(tt.resize(1));
  const std::vector<Key> keys = one_cluster_keys();
  TTData entry;
  entry.move = Move(SQ_E2, SQ_E4);
  entry.bound = BOUND_EXACT;
  entry.depth = 40;
  tt.store(keys[0], entry);  // one deep entry from the first search
  for (int i = 0; i < 31; ++i) tt.new_search();
  entry.depth = 30;
  for (int i = 1; i < 4; ++i) tt.store(keys[i], entry);  // three from the latest, shallower
  entry.depth = 1;
  tt.store(keys[4], entry);  // the old deep one (31 searches old) goes first
  TTData got;
  CHECK_FALSE(tt.probe(keys[0], got));
  for (int i = 1; i < 5; ++i) CHECK(tt.probe(keys[i], got));
}
