#include "search/transposition_table.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <unistd.h>

#include "util/aligned.h"

namespace corvid {

// data layout: move 16 | value 16 | eval 16 | depth 8 | bound 2 | pv 1 | generation 5
uint64_t TranspositionTable::pack(const TTData& d, uint8_t generation) {
  return uint64_t(d.move.raw()) | uint64_t(uint16_t(d.value)) << 16 | uint64_t(uint16_t(d.eval)) << 32 |
         uint64_t(uint8_t(d.depth)) << 48 | uint64_t(d.bound) << 56 | uint64_t(d.pv) << 58 | uint64_t(generation) << 59;
}

TTData TranspositionTable::unpack(uint64_t data) {
  TTData d;
  d.move = Move(uint16_t(data));
  d.value = int16_t(uint16_t(data >> 16));
  d.eval = int16_t(uint16_t(data >> 32));
  d.depth = int8_t(uint8_t(data >> 48));
  d.bound = Bound((data >> 56) & 3);
  d.pv = (data >> 58) & 1;
  return d;
}

TranspositionTable::TranspositionTable() { resize(16); }

TranspositionTable::~TranspositionTable() { release_aligned(clusters_); }

bool TranspositionTable::resize(size_t megabytes) {
  size_t clusters = (megabytes << 20) / sizeof(Cluster);
  if (clusters == 0) clusters = 1;
  // More than the machine's memory could only be had by overcommitting, and clearing it
  // would then exhaust the machine: refuse it up front.
  const long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGE_SIZE);
  if (pages > 0 && page_size > 0 && clusters * sizeof(Cluster) > size_t(pages) * size_t(page_size)) return false;
  void* memory = allocate_aligned(clusters * sizeof(Cluster), alignof(Cluster));
  if (!memory) return false;
  release_aligned(clusters_);
  clusters_ = static_cast<Cluster*>(memory);
  cluster_count_ = clusters;
  for (size_t i = 0; i < cluster_count_; ++i) new (&clusters_[i]) Cluster();
  generation_ = 0;
  return true;
}

void TranspositionTable::clear() {
  for (size_t i = 0; i < cluster_count_; ++i)
    for (Entry& e : clusters_[i].entries) {
      e.check.store(0, std::memory_order_relaxed);
      e.data.store(0, std::memory_order_relaxed);
    }
  generation_ = 0;
}

bool TranspositionTable::probe(Key key, TTData& out) const {
  const Cluster& cluster = clusters_[index(key)];
  for (const Entry& e : cluster.entries) {
    const uint64_t data = e.data.load(std::memory_order_relaxed);
    if ((e.check.load(std::memory_order_relaxed) ^ data) == key && data != 0) {
      out = unpack(data);
      return true;
    }
  }
  return false;
}

void TranspositionTable::store(Key key, const TTData& data) {
  Cluster& cluster = clusters_[index(key)];
  // Same position: keep its move when the new result has none. Otherwise replace the
  // entry that is least worth keeping: shallow, and from older searches.
  Entry* victim = &cluster.entries[0];
  int worst = 1 << 30;
  TTData stored = data;
  for (Entry& e : cluster.entries) {
    const uint64_t old = e.data.load(std::memory_order_relaxed);
    if ((e.check.load(std::memory_order_relaxed) ^ old) == key) {
      if (!stored.move) stored.move = unpack(old).move;
      // An exact deeper result from this search is worth more than a shallow bound, but
      // the new best move is the more recent one: keep the old result with the new move.
      if (data.bound != BOUND_EXACT && generation_of(old) == generation_ && depth_of(old) > data.depth + 4) {
        const TTData kept = unpack(old);
        if (stored.move == kept.move && (kept.pv || !data.pv)) return;
        stored = kept;
        stored.move = data.move;
        stored.pv = kept.pv || data.pv;
      }
      victim = &e;
      break;
    }
    const int age = (generation_ - generation_of(old)) & GENERATION_MASK;
    const int worth = depth_of(old) - 8 * age;
    if (worth < worst) {
      worst = worth;
      victim = &e;
    }
  }
  const uint64_t packed = pack(stored, generation_);
  victim->data.store(packed, std::memory_order_relaxed);
  victim->check.store(key ^ packed, std::memory_order_relaxed);
}

int TranspositionTable::hashfull() const {
  const size_t sample = std::min<size_t>(1000, cluster_count_);
  int used = 0;
  for (size_t i = 0; i < sample; ++i)
    for (const Entry& e : clusters_[i].entries) {
      const uint64_t data = e.data.load(std::memory_order_relaxed);
      used += data != 0 && generation_of(data) == generation_;
    }
  return int(used * 1000 / (sample * CLUSTER_SIZE));
}

}  // namespace corvid
