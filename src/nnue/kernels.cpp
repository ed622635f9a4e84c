#include "nnue/kernels.h"

namespace corvid::nnue {

namespace {

constexpr BitPositions make_bit_positions() {
  BitPositions table{};
  for (int mask = 0; mask < 256; ++mask) {
    int count = 0;
    for (int bit = 0; bit < 8; ++bit)
      if (mask & (1 << bit)) table.of[mask][count++] = uint16_t(bit);
  }
  return table;
}

}  // namespace

const BitPositions BYTE_BIT_POSITIONS = make_bit_positions();

const Kernels& build_kernels() {
#if defined(__AVX512BW__) && defined(__AVX512VNNI__)
  return AVX512_VNNI_KERNELS;
#elif defined(__AVX512BW__)
  return AVX512_KERNELS;
#elif defined(__AVX2__)
  return AVX2_KERNELS;
#else
  return SCALAR_KERNELS;
#endif
}

std::vector<const Kernels*> runnable_kernels() {
  std::vector<const Kernels*> kernels{&SCALAR_KERNELS};
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) kernels.push_back(&AVX2_KERNELS);
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512vl");
  if (avx512) kernels.push_back(&AVX512_KERNELS);
  if (avx512 && __builtin_cpu_supports("avx512vnni")) kernels.push_back(&AVX512_VNNI_KERNELS);
#endif
  return kernels;
}

}  // namespace corvid::nnue
