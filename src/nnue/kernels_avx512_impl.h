// AVX-512 kernels, included by kernels_avx512.cpp (maddubs-based dot products) and by
// kernels_avx512_vnni.cpp (with CORVID_USE_VNNI: one vpdpbusd per dot product). Each
// including file is compiled with its own instruction-set flags.
#pragma once

#include <immintrin.h>

#include "nnue/kernels.h"
#include "nnue/simd/avx512.h"
#define CORVID_SIMD simd::avx512
#define CORVID_KERNEL_NAMESPACE CORVID_AVX512_NAMESPACE
#include "nnue/kernels_vector.h"

namespace corvid::nnue::CORVID_AVX512_NAMESPACE {

// sum += u8 x i8 products of four adjacent bytes per int32 lane.
inline __m512i dot4_add(__m512i sum, __m512i u8, __m512i i8) {
#if defined(CORVID_USE_VNNI)
  return _mm512_dpbusd_epi32(sum, u8, i8);
#else
  const __m512i pairs = _mm512_maddubs_epi16(u8, i8);  // inputs <= 127, no saturation
  return _mm512_add_epi32(sum, _mm512_madd_epi16(pairs, _mm512_set1_epi16(1)));
#endif
}

inline void fc0_forward(const uint8_t* in, int l1, const int8_t*, const int8_t* weights_blocked,
                        const int32_t* biases, int32_t* out) {
  // Table lookups per 8 blocks, as in the AVX2 version (spare slots get overwritten).
  uint16_t nonzero[3072 / 4 + 8];
  int count = 0;
  const int blocks = l1 / 4;
  for (int b = 0; b < blocks; b += 16) {
    const __m512i chunk = _mm512_loadu_si512(in + 4 * b);
    const unsigned mask = _mm512_test_epi32_mask(chunk, chunk);
    for (int half = 0; half < 2; ++half) {
      const unsigned byte = (mask >> (8 * half)) & 0xFF;
      const __m128i positions = _mm_load_si128(reinterpret_cast<const __m128i*>(BYTE_BIT_POSITIONS.of[byte]));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(nonzero + count),
                       _mm_add_epi16(positions, _mm_set1_epi16(int16_t(b + 8 * half))));
      count += __builtin_popcount(byte);
    }
  }
  // Sixteen outputs of four bytes each: one register holds a whole input block's weights.
  // Four independent sums hide the dot product's latency; int32 addition is associative.
  __m512i acc[4] = {_mm512_load_si512(biases), _mm512_setzero_si512(), _mm512_setzero_si512(),
                    _mm512_setzero_si512()};
  const int32_t* in32 = reinterpret_cast<const int32_t*>(in);
  int k = 0;
  for (; k + 4 <= count; k += 4)
    for (int j = 0; j < 4; ++j) {
      const int b = nonzero[k + j];
      acc[j] = dot4_add(acc[j], _mm512_set1_epi32(in32[b]), _mm512_load_si512(weights_blocked + b * 64));
    }
  for (; k < count; ++k) {
    const int b = nonzero[k];
    acc[0] = dot4_add(acc[0], _mm512_set1_epi32(in32[b]), _mm512_load_si512(weights_blocked + b * 64));
  }
  _mm512_storeu_si512(out, _mm512_add_epi32(_mm512_add_epi32(acc[0], acc[1]), _mm512_add_epi32(acc[2], acc[3])));
}

inline void fc1_forward(const uint8_t* in, const int8_t*, const int8_t* weights_blocked, const int32_t* biases,
                        int32_t* out) {
  __m512i acc0 = _mm512_loadu_si512(biases), acc1 = _mm512_loadu_si512(biases + 16);
  const int32_t* in32 = reinterpret_cast<const int32_t*>(in);
  for (int b = 0; b < 8; ++b) {
    const __m512i input = _mm512_set1_epi32(in32[b]);
    acc0 = dot4_add(acc0, input, _mm512_load_si512(weights_blocked + b * 128));
    acc1 = dot4_add(acc1, input, _mm512_load_si512(weights_blocked + b * 128 + 64));
  }
  _mm512_storeu_si512(out, acc0);
  _mm512_storeu_si512(out + 16, acc1);
}

inline void clipped_relu32(const int32_t* in, uint8_t* out) {
  const __m512i zero = _mm512_setzero_si512(), max = _mm512_set1_epi32(127);
  for (int r = 0; r < 2; ++r) {
    const __m512i x = _mm512_srai_epi32(_mm512_loadu_si512(in + 16 * r), 6);
    const __m512i clipped = _mm512_min_epi32(_mm512_max_epi32(x, zero), max);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16 * r), _mm512_cvtepi32_epi8(clipped));
  }
}

inline int32_t fc2_forward(const uint8_t* in, const int8_t* weights, int32_t bias) {
  const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
  const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(weights));
  const __m256i pairs = _mm256_maddubs_epi16(x, w);
  const __m256i sums = _mm256_madd_epi16(pairs, _mm256_set1_epi16(1));
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return bias + _mm_cvtsi128_si32(s);
}

}  // namespace corvid::nnue::CORVID_AVX512_NAMESPACE
