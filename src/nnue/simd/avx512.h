// The vector layer for AVX-512 (F, BW): 512-bit integer registers and the operations the
// NNUE kernels are written in (kernels_vector.h). Include only from a file compiled with
// AVX-512 BW.
#pragma once

#include <immintrin.h>

#include <cstdint>

namespace corvid::nnue::simd::avx512 {

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

}  // namespace corvid::nnue::simd::avx512
