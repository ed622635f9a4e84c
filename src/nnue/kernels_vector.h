// The NNUE kernels written once over a vector layer (simd/<isa>.h).
// A kernel file includes its instruction set's layer, names it CORVID_SIMD, defines
// CORVID_KERNEL_NAMESPACE, and includes this header: every flavour then runs the same
// code, compiled for its own registers. (The including file carries the flags; nothing
// here may be shared inline code between flavours, hence the per-flavour namespace.)
#pragma once

#include <cstdint>

#include "nnue/kernels.h"

namespace corvid::nnue::CORVID_KERNEL_NAMESPACE {

namespace V = CORVID_SIMD;
inline constexpr int LANES16 = V::BYTES / 2;
// 128 accumulator values per tile: every supported L1 is a multiple, and the tile fits
// in the registers of each instruction set (8 AVX2, 4 AVX-512 registers).
inline constexpr int TILE = 128;
inline constexpr int TILE_REGS = TILE / LANES16;

inline V::vec row_vec(const int16_t* row) { return V::load(row); }
inline V::vec row_vec(const int8_t* row) { return V::widen_i8(row); }

// dst = src + sum of adds - sum of subs, one tile at a time so the partial sums stay in
// registers across all rows. Row is int16_t (HalfKAv2_hm) or int8_t (threats).
template <class Row>
inline void ft_update_rows(int16_t* dst, const int16_t* src, const Row* const* adds, int add_count,
                           const Row* const* subs, int sub_count, int l1) {
  for (int base = 0; base < l1; base += TILE) {
    V::vec acc[TILE_REGS];
    for (int r = 0; r < TILE_REGS; ++r) acc[r] = V::load(src + base + r * LANES16);
    for (int k = 0; k < add_count; ++k)
      for (int r = 0; r < TILE_REGS; ++r) acc[r] = V::add16(acc[r], row_vec(adds[k] + base + r * LANES16));
    for (int k = 0; k < sub_count; ++k)
      for (int r = 0; r < TILE_REGS; ++r) acc[r] = V::sub16(acc[r], row_vec(subs[k] + base + r * LANES16));
    for (int r = 0; r < TILE_REGS; ++r) V::store(dst + base + r * LANES16, acc[r]);
  }
}

inline void ft_update(int16_t* dst, const int16_t* src, const int16_t* const* adds, int add_count,
                      const int16_t* const* subs, int sub_count, int l1) {
  ft_update_rows(dst, src, adds, add_count, subs, sub_count, l1);
}

inline void ft_update_i8(int16_t* dst, const int16_t* src, const int8_t* const* adds, int add_count,
                         const int8_t* const* subs, int sub_count, int l1) {
  ft_update_rows(dst, src, adds, add_count, subs, sub_count, l1);
}

// HalfKAv2_hm nets: clamp both halves to 0..127, products / 128 (fit int16: <= 127*127).
inline void ft_transform(const int16_t* us, const int16_t* them, uint8_t* out, int l1) {
  const int half = l1 / 2;
  const V::vec zero = V::zero(), max = V::set16(127);
  const int16_t* sides[2] = {us, them};
  for (int p = 0; p < 2; ++p)
    for (int j = 0; j < half; j += 2 * LANES16) {
      V::vec products[2];
      for (int h = 0; h < 2; ++h) {
        const V::vec a = V::min16(V::max16(V::load(sides[p] + j + h * LANES16), zero), max);
        const V::vec b = V::min16(V::max16(V::load(sides[p] + half + j + h * LANES16), zero), max);
        products[h] = V::srli16<7>(V::mullo16(a, b));
      }
      V::storeu(out + p * half + j, V::pack_u8(products[0], products[1]));
    }
}

// Full_Threats nets: the two accumulators summed (int16 wrap-around), clamped to 0..255,
// products / 512 as the high half of (a << 7) * b. A negative b gives a product <= 0,
// which the unsigned pack turns into 0, as clamping b first would.
inline void ft_transform_threats(const int16_t* us, const int16_t* us_threats, const int16_t* them,
                                 const int16_t* them_threats, uint8_t* out, int l1) {
  const int half = l1 / 2;
  const V::vec zero = V::zero(), max = V::set16(255);
  const int16_t* sides[2][2] = {{us, us_threats}, {them, them_threats}};
  for (int p = 0; p < 2; ++p)
    for (int j = 0; j < half; j += 2 * LANES16) {
      V::vec products[2];
      for (int h = 0; h < 2; ++h) {
        const int i = j + h * LANES16;
        const V::vec a = V::add16(V::load(sides[p][0] + i), V::load(sides[p][1] + i));
        const V::vec b = V::add16(V::load(sides[p][0] + half + i), V::load(sides[p][1] + half + i));
        products[h] = V::mulhi16(V::slli16<7>(V::min16(V::max16(a, zero), max)), V::min16(b, max));
      }
      V::storeu(out + p * half + j, V::pack_u8(products[0], products[1]));
    }
}

// Layer-stack kernels. Their int32 sums may be formed in any order (addition is
// associative), so every flavour matches the scalar reference exactly.
inline constexpr int LANES32 = V::BYTES / 4;

// fc_0 with OUTS outputs (16: Stockfish 12-18, 32: Stockfish 19); weights_blocked holds one
// 4-input block's weights for all outputs together: [l1/4][OUTS][4].
template <int OUTS>
inline void fc0_forward_n(const uint8_t* in, int l1, const int8_t* weights_blocked, const int32_t* biases,
                          int32_t* out) {
  constexpr int REGS = OUTS * 4 / V::BYTES;              // one input block's weights
  constexpr int SETS = REGS >= 4 ? 1 : 4 / REGS;         // independent sums that hide the dot latency
  constexpr int BLOCK_BYTES = OUTS * 4;
  // Most transformed features are zero: list the non-zero 4-byte input blocks first, eight
  // table slots per mask byte; only `count` advances by the byte's bit count, so the spare
  // slots are overwritten by the next byte's.
  uint16_t nonzero[3072 / 4 + 16];
  int count = 0;
  for (int b = 0; b < l1 / 4; b += LANES32) {
    const unsigned mask = V::nonzero_lanes32(V::loadu(in + 4 * b));
    for (int part = 0; part < LANES32 / 8; ++part) {
      const unsigned byte = (mask >> (8 * part)) & 0xFF;
      V::add_store_u16x8(nonzero + count, BYTE_BIT_POSITIONS.of[byte], b + 8 * part);
      count += __builtin_popcount(byte);
    }
  }
  V::vec acc[SETS][REGS];
  for (int s = 0; s < SETS; ++s)
    for (int r = 0; r < REGS; ++r) acc[s][r] = s == 0 ? V::load(biases + r * LANES32) : V::zero();
  const int32_t* in32 = reinterpret_cast<const int32_t*>(in);
  int k = 0;
  for (; k + SETS <= count; k += SETS)
    for (int s = 0; s < SETS; ++s) {
      const int b = nonzero[k + s];
      const V::vec x = V::set32(in32[b]);
      for (int r = 0; r < REGS; ++r)
        acc[s][r] = V::dot4_add(acc[s][r], x, V::load(weights_blocked + b * BLOCK_BYTES + r * V::BYTES));
    }
  for (; k < count; ++k) {
    const int b = nonzero[k];
    const V::vec x = V::set32(in32[b]);
    for (int r = 0; r < REGS; ++r)
      acc[0][r] = V::dot4_add(acc[0][r], x, V::load(weights_blocked + b * BLOCK_BYTES + r * V::BYTES));
  }
  for (int r = 0; r < REGS; ++r) {
    V::vec sum = acc[0][r];
    for (int s = 1; s < SETS; ++s) sum = V::add32(sum, acc[s][r]);
    V::storeu(out + r * LANES32, sum);
  }
}

inline void fc0_forward(const uint8_t* in, int l1, const int8_t*, const int8_t* weights_blocked,
                        const int32_t* biases, int32_t* out) {
  fc0_forward_n<16>(in, l1, weights_blocked, biases, out);
}

inline void fc0_forward32(const uint8_t* in, int l1, const int8_t*, const int8_t* weights_blocked,
                          const int32_t* biases, int32_t* out) {
  fc0_forward_n<32>(in, l1, weights_blocked, biases, out);
}

// fc_1: 32 outputs from INS inputs, weights_blocked [INS/4][32][4].
template <int INS>
inline void fc1_forward_n(const uint8_t* in, const int8_t* weights_blocked, const int32_t* biases, int32_t* out) {
  constexpr int REGS = 32 * 4 / V::BYTES;
  V::vec acc[REGS];
  for (int r = 0; r < REGS; ++r) acc[r] = V::loadu(biases + r * LANES32);
  const int32_t* in32 = reinterpret_cast<const int32_t*>(in);
  for (int b = 0; b < INS / 4; ++b) {
    const V::vec x = V::set32(in32[b]);
    for (int r = 0; r < REGS; ++r) acc[r] = V::dot4_add(acc[r], x, V::load(weights_blocked + b * 128 + r * V::BYTES));
  }
  for (int r = 0; r < REGS; ++r) V::storeu(out + r * LANES32, acc[r]);
}

inline void fc1_forward(const uint8_t* in, const int8_t*, const int8_t* weights_blocked, const int32_t* biases,
                        int32_t* out) {
  fc1_forward_n<32>(in, weights_blocked, biases, out);
}

inline void fc1_forward64(const uint8_t* in, const int8_t*, const int8_t* weights_blocked, const int32_t* biases,
                          int32_t* out) {
  fc1_forward_n<64>(in, weights_blocked, biases, out);
}

// ClippedReLU of 32 int32: >> 6, clamped to 0..127.
inline void clipped_relu32(const int32_t* in, uint8_t* out) {
  const V::vec zero = V::zero(), max = V::set32(127);
  V::vec v[32 / LANES32];
  for (int r = 0; r < 32 / LANES32; ++r) v[r] = V::min32(V::max32(V::srai32<6>(V::loadu(in + r * LANES32)), zero), max);
  V::store_small_i32_as_u8(out, v);
}

inline int32_t fc2_forward(const uint8_t* in, const int8_t* weights, int32_t bias) { return bias + V::dot32(in, weights); }

inline int32_t fc2_forward128(const uint8_t* in, const int8_t* weights, int32_t bias) {
  int32_t sum = bias;
  for (int i = 0; i < 128; i += 32) sum += V::dot32(in + i, weights + i);
  return sum;
}

}  // namespace corvid::nnue::CORVID_KERNEL_NAMESPACE
