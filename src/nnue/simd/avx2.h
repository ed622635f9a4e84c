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

}  // namespace corvid::nnue::simd::avx2
