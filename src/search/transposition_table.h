// The transposition table: clusters of four entries in one cache line. Each entry is two
// atomic 64-bit words, the data and the key xor the data, so a reader that meets a torn
// write (two threads storing at once) sees a key mismatch instead of mixed data. That
// keeps Lazy SMP lock-free and free of data races.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "chess/types.h"

namespace corvid {

enum Bound : uint8_t { BOUND_NONE = 0, BOUND_UPPER = 1, BOUND_LOWER = 2, BOUND_EXACT = 3 };

struct TTData {
  Move move;
  int16_t value = 0;  // search score, mate scores relative to this node (see search)
  int16_t eval = 0;   // static evaluation
  int8_t depth = 0;
  Bound bound = BOUND_NONE;
  bool pv = false;  // the position was on a principal variation when stored (or since)
};

class TranspositionTable {
 public:
  TranspositionTable();
  ~TranspositionTable();
  TranspositionTable(const TranspositionTable&) = delete;
  TranspositionTable& operator=(const TranspositionTable&) = delete;

  // Sizes the table to at most `megabytes` (rounded down to a power-of-two clusters) and
  // clears it. Returns false (keeping the old table) when the memory cannot be had.
  bool resize(size_t megabytes);
  void clear();
  size_t size_megabytes() const { return cluster_count_ * sizeof(Cluster) >> 20; }

  // A new search: entries from older searches become the first to be replaced.
  void new_search() { generation_ = uint8_t((generation_ + 1) & GENERATION_MASK); }

  bool probe(Key key, TTData& out) const;
  void store(Key key, const TTData& data);
  void prefetch(Key key) const { __builtin_prefetch(&clusters_[index(key)]); }

  // Permille of sampled entries written in the current search (UCI hashfull).
  int hashfull() const;

 private:
  static constexpr int CLUSTER_SIZE = 4;
  static constexpr uint8_t GENERATION_MASK = 0x1F;  // five bits above the bound and PV bits
  struct Entry {
    std::atomic<uint64_t> check{0};  // key ^ data
    std::atomic<uint64_t> data{0};
  };
  struct alignas(64) Cluster {
    Entry entries[CLUSTER_SIZE];
  };

  size_t index(Key key) const { return size_t((unsigned __int128)key * cluster_count_ >> 64); }
  static uint64_t pack(const TTData& d, uint8_t generation);
  static TTData unpack(uint64_t data);
  static uint8_t generation_of(uint64_t data) { return uint8_t(data >> 59); }
  static int depth_of(uint64_t data) { return int8_t(uint8_t(data >> 48)); }

  Cluster* clusters_ = nullptr;
  size_t cluster_count_ = 0;
  uint8_t generation_ = 0;
};

}  // namespace corvid
