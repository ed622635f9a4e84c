#include "nnue/kernels.h"

namespace corvid::nnue {

const Kernels& build_kernels() {
#if defined(__AVX2__)
  return AVX2_KERNELS;
#else
  return SCALAR_KERNELS;
#endif
}

std::vector<const Kernels*> runnable_kernels() {
  std::vector<const Kernels*> kernels{&SCALAR_KERNELS};
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) kernels.push_back(&AVX2_KERNELS);
#endif
  return kernels;
}

}  // namespace corvid::nnue
