// Aligned storage for SIMD loads (64 bytes: one AVX-512 register, one cache line). Large
// blocks (the feature transformer's weights, the hash table) are aligned to 2 MB and
// offered to the kernel for transparent huge pages: the search reads them at random, and
// with 4 KB pages nearly every such read would also miss the TLB.
#pragma once

#include <cstddef>
#include <new>
#include <vector>

namespace corvid {

// Memory of at least `bytes`, aligned to `alignment` (a power of two, at least 64), or
// nullptr. Release with release_aligned.
void* allocate_aligned(std::size_t bytes, std::size_t alignment);
void release_aligned(void* memory);

template <class T, std::size_t Alignment = 64>
struct AlignedAllocator {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = AlignedAllocator<U, Alignment>;
  };
  AlignedAllocator() = default;
  template <class U>
  AlignedAllocator(const AlignedAllocator<U, Alignment>&) {}
  T* allocate(std::size_t n) {
    if (void* memory = allocate_aligned(n * sizeof(T), Alignment)) return static_cast<T*>(memory);
    throw std::bad_alloc();
  }
  void deallocate(T* p, std::size_t) { release_aligned(p); }
  bool operator==(const AlignedAllocator&) const { return true; }
};

template <class T>
using AlignedVector = std::vector<T, AlignedAllocator<T>>;

}  // namespace corvid
