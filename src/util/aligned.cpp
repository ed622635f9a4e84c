#include "util/aligned.h"

#include <cstdlib>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace corvid {

namespace {
constexpr std::size_t HUGE_PAGE = std::size_t(2) << 20;
}

void* allocate_aligned(std::size_t bytes, std::size_t alignment) {
  const bool huge = bytes >= HUGE_PAGE;
  if (huge) alignment = HUGE_PAGE;
  // aligned_alloc wants a size that is a multiple of the alignment.
  const std::size_t size = (bytes + alignment - 1) / alignment * alignment;
  void* memory = std::aligned_alloc(alignment, size == 0 ? alignment : size);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Advice only: without transparent huge pages the memory is still good.
  if (memory && huge) madvise(memory, size, MADV_HUGEPAGE);
#endif
  return memory;
}

void release_aligned(void* memory) { std::free(memory); }

}  // namespace corvid
