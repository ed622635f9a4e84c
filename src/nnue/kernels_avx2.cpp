// AVX2 kernels. This file is compiled with -mavx2 whatever the build flavour, and used
// only where the flavour (or, in tests, the CPU) has AVX2.
#include "nnue/kernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#include "nnue/simd/avx2.h"
#define CORVID_SIMD simd::avx2
#define CORVID_KERNEL_NAMESPACE avx2_kernels
#include "nnue/kernels_vector.h"

namespace corvid::nnue {

namespace {

using namespace avx2_kernels;

// sum += u8 x i8 products of four adjacent bytes per int32 lane (what VNNI's dpbusd does).
inline __m256i dot4_add(__m256i sum, __m256i u8, __m256i i8) {
  const __m256i pairs = _mm256_maddubs_epi16(u8, i8);  // inputs <= 127, no saturation
  return _mm256_add_epi32(sum, _mm256_madd_epi16(pairs, _mm256_set1_epi16(1)));
}

void fc0_forward(const uint8_t* in, int l1, const int8_t*, const int8_t* weights_blocked, const int32_t* biases,
                 int32_t* out) {
  // Most transformed features are zero: collect the non-zero 4-byte blocks first.
  // Each group of eight blocks stores all eight table slots; only `count` advances by the
  // group's non-zero count, so the spare slots are overwritten by the next group.
  uint16_t nonzero[3072 / 4 + 8];
  int count = 0;
  const int blocks = l1 / 4;
  for (int b = 0; b < blocks; b += 8) {
    const __m256i chunk = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in + 4 * b));
    const __m256i is_zero = _mm256_cmpeq_epi32(chunk, _mm256_setzero_si256());
    const unsigned mask = ~unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(is_zero))) & 0xFF;
    const __m128i positions = _mm_load_si128(reinterpret_cast<const __m128i*>(BYTE_BIT_POSITIONS.of[mask]));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(nonzero + count), _mm_add_epi16(positions, _mm_set1_epi16(int16_t(b))));
    count += __builtin_popcount(mask);
  }
  // Two blocks per step into separate sums: shorter dependency chains (int32 sums reorder freely).
  __m256i a0 = _mm256_setzero_si256(), a1 = _mm256_setzero_si256();
  __m256i b0 = _mm256_setzero_si256(), b1 = _mm256_setzero_si256();
  const int32_t* in32 = reinterpret_cast<const int32_t*>(in);
  int k = 0;
  for (; k + 2 <= count; k += 2) {
    const int first = nonzero[k], second = nonzero[k + 1];
    const __m256i x = _mm256_set1_epi32(in32[first]), y = _mm256_set1_epi32(in32[second]);
    const __m256i* wx = reinterpret_cast<const __m256i*>(weights_blocked + first * 64);
    const __m256i* wy = reinterpret_cast<const __m256i*>(weights_blocked + second * 64);
    a0 = dot4_add(a0, x, _mm256_load_si256(wx));
    a1 = dot4_add(a1, x, _mm256_load_si256(wx + 1));
    b0 = dot4_add(b0, y, _mm256_load_si256(wy));
    b1 = dot4_add(b1, y, _mm256_load_si256(wy + 1));
  }
  if (k < count) {
    const int last = nonzero[k];
    const __m256i x = _mm256_set1_epi32(in32[last]);
    const __m256i* wx = reinterpret_cast<const __m256i*>(weights_blocked + last * 64);
    a0 = dot4_add(a0, x, _mm256_load_si256(wx));
    a1 = dot4_add(a1, x, _mm256_load_si256(wx + 1));
  }
  const __m256i* bias = reinterpret_cast<const __m256i*>(biases);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out),
                      _mm256_add_epi32(_mm256_add_epi32(a0, b0), _mm256_load_si256(bias)));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out) + 1,
                      _mm256_add_epi32(_mm256_add_epi32(a1, b1), _mm256_load_si256(bias + 1)));
}

// Saturating packs of 32 int32 already in 0..127 range into bytes, in order.
inline __m256i pack_32_to_bytes(__m256i a, __m256i b, __m256i c, __m256i d) {
  const __m256i ab = _mm256_packs_epi32(a, b), cd = _mm256_packs_epi32(c, d);
  const __m256i bytes = _mm256_packs_epi16(ab, cd);
  return _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

void clipped_relu32(const int32_t* in, uint8_t* out) {
  const __m256i zero = _mm256_setzero_si256(), max = _mm256_set1_epi32(127);
  __m256i v[4];
  for (int r = 0; r < 4; ++r) {
    const __m256i x = _mm256_srai_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(in) + r), 6);
    v[r] = _mm256_min_epi32(_mm256_max_epi32(x, zero), max);
  }
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), pack_32_to_bytes(v[0], v[1], v[2], v[3]));
}

void fc1_forward(const uint8_t* in, const int8_t*, const int8_t* weights_blocked, const int32_t* biases,
                 int32_t* out) {
  __m256i acc[4];
  for (int r = 0; r < 4; ++r) acc[r] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(biases) + r);
  const int32_t* in32 = reinterpret_cast<const int32_t*>(in);
  for (int b = 0; b < 8; ++b) {
    const __m256i input = _mm256_set1_epi32(in32[b]);
    const __m256i* w = reinterpret_cast<const __m256i*>(weights_blocked + b * 128);
    for (int r = 0; r < 4; ++r) acc[r] = dot4_add(acc[r], input, _mm256_load_si256(w + r));
  }
  for (int r = 0; r < 4; ++r) _mm256_storeu_si256(reinterpret_cast<__m256i*>(out) + r, acc[r]);
}

int32_t fc2_forward(const uint8_t* in, const int8_t* weights, int32_t bias) {
  const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(in));
  const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(weights));
  const __m256i sums = dot4_add(_mm256_setzero_si256(), x, w);
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return bias + _mm_cvtsi128_si32(s);
}

}  // namespace

const Kernels AVX2_KERNELS{"avx2",       ft_update,      ft_update_i8,         ft_transform,
                           ft_transform_threats, fc0_forward, fc1_forward,
                           clipped_relu32, fc2_forward};

}  // namespace corvid::nnue

#endif
