// The vector layer for AVX-512 (F, BW): 512-bit integer registers and the operations the
// NNUE kernels are written in (kernels_vector.h). Include only from a file compiled with
// AVX-512 BW. With CORVID_USE_VNNI defined (and -mavx512vnni) the layer is
// simd::avx512_vnni and its dot products use vpdpbusd; the two are separate namespaces so
// that no inline function is shared between files built with different flags.
#pragma once

#include <immintrin.h>

#include <cstdint>

#if defined(CORVID_USE_VNNI)
#define CORVID_AVX512_LAYER avx512_vnni
#else
#define CORVID_AVX512_LAYER avx512
#endif

namespace corvid::nnue::simd::CORVID_AVX512_LAYER {

using vec = __m512i;
inline constexpr int BYTES = 64;

inline vec zero() { return _mm512_setzero_si512(); }
inline vec load(const void* p) { return _mm512_load_si512(p); }
inline vec loadu(const void* p) { return _mm512_loadu_si512(p); }
inline void store(void* p, vec v) { _mm512_store_si512(p, v); }
inline void storeu(void* p, vec v) { _mm512_storeu_si512(p, v); }

inline vec set16(int16_t x) { return _mm512_set1_epi16(x); }
inline vec add16(vec a, vec b) { return _mm512_add_epi16(a, b); }
inline vec sub16(vec a, vec b) { return _mm512_sub_epi16(a, b); }
inline vec min16(vec a, vec b) { return _mm512_min_epi16(a, b); }
inline vec max16(vec a, vec b) { return _mm512_max_epi16(a, b); }
inline vec mullo16(vec a, vec b) { return _mm512_mullo_epi16(a, b); }
inline vec mulhi16(vec a, vec b) { return _mm512_mulhi_epi16(a, b); }
template <int N> vec slli16(vec a) { return _mm512_slli_epi16(a, N); }
template <int N> vec srli16(vec a) { return _mm512_srli_epi16(a, N); }

// BYTES/2 int8 values from p (aligned to BYTES/2), sign-extended to int16 lanes.
inline vec widen_i8(const int8_t* p) { return _mm512_cvtepi8_epi16(_mm256_load_si256(reinterpret_cast<const __m256i*>(p))); }

// Unsigned saturating pack of two int16 vectors into bytes, a's values first, in order
// (packus interleaves 128-bit lanes; the permute undoes it).
inline vec pack_u8(vec a, vec b) {
  return _mm512_permutexvar_epi64(_mm512_setr_epi64(0, 2, 4, 6, 1, 3, 5, 7), _mm512_packus_epi16(a, b));
}

inline vec set32(int32_t x) { return _mm512_set1_epi32(x); }
inline vec add32(vec a, vec b) { return _mm512_add_epi32(a, b); }
inline vec min32(vec a, vec b) { return _mm512_min_epi32(a, b); }
inline vec max32(vec a, vec b) { return _mm512_max_epi32(a, b); }
template <int N> vec srai32(vec a) { return _mm512_srai_epi32(a, N); }

// sum + the u8 x i8 products of each four adjacent bytes, per int32 lane: one vpdpbusd
// with VNNI (CORVID_USE_VNNI), else maddubs + madd (u8 <= 127: no saturation).
inline vec dot4_add(vec sum, vec u8, vec i8) {
#if defined(CORVID_USE_VNNI)
  return _mm512_dpbusd_epi32(sum, u8, i8);
#else
  return _mm512_add_epi32(sum, _mm512_madd_epi16(_mm512_maddubs_epi16(u8, i8), _mm512_set1_epi16(1)));
#endif
}

// One bit per int32 lane that is not zero.
inline unsigned nonzero_lanes32(vec a) { return _mm512_test_epi32_mask(a, a); }

// dst[0..8) = src[0..8) + base (eight uint16, dst unaligned).
inline void add_store_u16x8(uint16_t* dst, const uint16_t* src, int base) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(dst),
                   _mm_add_epi16(_mm_load_si128(reinterpret_cast<const __m128i*>(src)), _mm_set1_epi16(int16_t(base))));
}

// 32 int32 values already in 0..127, from 32 * 4 / BYTES registers, to 32 bytes in order.
inline void store_small_i32_as_u8(uint8_t* out, const vec* v) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm512_cvtepi32_epi8(v[0]));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 16), _mm512_cvtepi32_epi8(v[1]));
}

// The dot product of 32 u8 with 32 i8 (u8 <= 127); a 256-bit half is enough.
inline int32_t dot32(const uint8_t* u8, const int8_t* i8) {
  const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(u8));
  const __m256i w = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(i8));
  const __m256i sums = _mm256_madd_epi16(_mm256_maddubs_epi16(x, w), _mm256_set1_epi16(1));
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sums), _mm256_extracti128_si256(sums, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return _mm_cvtsi128_si32(s);
}

}  // namespace corvid::nnue::simd::CORVID_AVX512_LAYER
