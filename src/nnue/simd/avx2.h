// The vector layer for AVX2: 256-bit integer registers and the few operations the NNUE
// kernels are written in (kernels_vector.h). Include only from a file compiled with AVX2.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace corvid::nnue::simd::avx2 {

using vec = __m256i;
inline constexpr int BYTES = 32;

inline vec zero() { return _mm256_setzero_si256(); }
inline vec load(const void* p) { return _mm256_load_si256(static_cast<const vec*>(p)); }
inline vec loadu(const void* p) { return _mm256_loadu_si256(static_cast<const vec*>(p)); }
inline void store(void* p, vec v) { _mm256_store_si256(static_cast<vec*>(p), v); }
inline void storeu(void* p, vec v) { _mm256_storeu_si256(static_cast<vec*>(p), v); }

inline vec set16(int16_t x) { return _mm256_set1_epi16(x); }
inline vec add16(vec a, vec b) { return _mm256_add_epi16(a, b); }
inline vec sub16(vec a, vec b) { return _mm256_sub_epi16(a, b); }
inline vec min16(vec a, vec b) { return _mm256_min_epi16(a, b); }
inline vec max16(vec a, vec b) { return _mm256_max_epi16(a, b); }
inline vec mullo16(vec a, vec b) { return _mm256_mullo_epi16(a, b); }
inline vec mulhi16(vec a, vec b) { return _mm256_mulhi_epi16(a, b); }
template <int N> vec slli16(vec a) { return _mm256_slli_epi16(a, N); }
template <int N> vec srli16(vec a) { return _mm256_srli_epi16(a, N); }

// BYTES/2 int8 values from p (aligned to BYTES/2), sign-extended to int16 lanes.
inline vec widen_i8(const int8_t* p) { return _mm256_cvtepi8_epi16(_mm_load_si128(reinterpret_cast<const __m128i*>(p))); }

// Unsigned saturating pack of two int16 vectors into bytes, a's values first, in order
// (packus interleaves 128-bit lanes; the permute undoes it).
inline vec pack_u8(vec a, vec b) { return _mm256_permute4x64_epi64(_mm256_packus_epi16(a, b), 0xD8); }

inline vec set32(int32_t x) { return _mm256_set1_epi32(x); }
inline vec add32(vec a, vec b) { return _mm256_add_epi32(a, b); }
inline vec min32(vec a, vec b) { return _mm256_min_epi32(a, b); }
inline vec max32(vec a, vec b) { return _mm256_max_epi32(a, b); }
template <int N> vec srai32(vec a) { return _mm256_srai_epi32(a, N); }

// sum + the u8 x i8 products of each four adjacent bytes, per int32 lane (what VNNI's
// dpbusd does). u8 values stay <= 127 in these nets, so maddubs cannot saturate.
inline vec dot4_add(vec sum, vec u8, vec i8) {
  return _mm256_add_epi32(sum, _mm256_madd_epi16(_mm256_maddubs_epi16(u8, i8), _mm256_set1_epi16(1)));
}

// One bit per int32 lane that is not zero.
inline unsigned nonzero_lanes32(vec a) {
  return ~unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(a, _mm256_setzero_si256())))) & 0xFF;
}

// dst[0..8) = src[0..8) + base (eight uint16, dst unaligned).
inline void add_store_u16x8(uint16_t* dst, const uint16_t* src, int base) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(dst),
                   _mm_add_epi16(_mm_load_si128(reinterpret_cast<const __m128i*>(src)), _mm_set1_epi16(int16_t(base))));
}

// 32 int32 values already in 0..127, from 32 * 4 / BYTES registers, to 32 bytes in order.
inline void store_small_i32_as_u8(uint8_t* out, const vec* v) {
  const vec bytes = _mm256_packs_epi16(_mm256_packs_epi32(v[0], v[1]), _mm256_packs_epi32(v[2], v[3]));
  _mm256_storeu_si256(reinterpret_cast<vec*>(out), _mm256_permutevar8x32_epi32(bytes, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)));
}

// The dot product of 32 u8 with 32 i8 (u8 <= 127).
inline int32_t dot32(const uint8_t* u8, const int8_t* i8) {
  const vec sums = dot4_add(zero(), loadu(u8), loadu(i8));
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return _mm_cvtsi128_si32(s);
}

}  // namespace corvid::nnue::simd::avx2
