// The arithmetic of one evaluation, as a set of kernels. Every instruction-set flavour
// implements the same set with the same results; the scalar one is the reference that
// the tests hold the others to. Kernels see raw pointers only: the SIMD files are compiled
// with their own instruction-set flags and must not instantiate shared inline code.
#pragma once

#include <cstdint>
#include <vector>

namespace corvid::nnue {

struct Kernels {
  const char* name;
  // dst[i] = src[i] + sum of adds[k][i] - sum of subs[k][i], int16 wrap-around, i < l1.
  void (*ft_update)(int16_t* dst, const int16_t* src, const int16_t* const* adds, int add_count,
                    const int16_t* const* subs, int sub_count, int l1);
  // The same for int8 rows (Full_Threats weights), widened to int16.
  void (*ft_update_i8)(int16_t* dst, const int16_t* src, const int8_t* const* adds, int add_count,
                       const int8_t* const* subs, int sub_count, int l1);
  // Pairwise clipped products of each perspective's two halves: out[j] for j < l1/2 from
  // `us`, out[l1/2 + j] from `them`: clamp(a[j],0,127) * clamp(a[j+l1/2],0,127) / 128.
  void (*ft_transform)(const int16_t* us, const int16_t* them, uint8_t* out, int l1);
  // Full_Threats nets: each perspective's accumulator is the int16 (wrap-around) sum of
  // its HalfKAv2_hm and threat accumulators, clipped to 0..255; products / 512.
  void (*ft_transform_threats)(const int16_t* us, const int16_t* us_threats, const int16_t* them,
                               const int16_t* them_threats, uint8_t* out, int l1);
  // fc_0: out[16] = biases + W x in over l1 inputs, visiting only non-zero input blocks.
  void (*fc0_forward)(const uint8_t* in, int l1, const int8_t* weights, const int8_t* weights_blocked,
                      const int32_t* biases, int32_t* out);
  // fc_1: out[32] = biases + W[32][32] x in[32].
  void (*fc1_forward)(const uint8_t* in, const int8_t* weights, const int8_t* weights_blocked,
                      const int32_t* biases, int32_t* out);
  // ClippedReLU of 32 values.
  void (*clipped_relu32)(const int32_t* in, uint8_t* out);
  // fc_2: bias + w[32] . in[32].
  int32_t (*fc2_forward)(const uint8_t* in, const int8_t* weights, int32_t bias);

  // Stockfish 19's layer stack (L2 = L3 = 32): fc_0 with 32 outputs (weights_blocked:
  // [l1/4][32][4]), fc_1 64 -> 32, fc_2 128 -> 1.
  void (*fc0_forward32)(const uint8_t* in, int l1, const int8_t* weights, const int8_t* weights_blocked,
                        const int32_t* biases, int32_t* out);
  void (*fc1_forward64)(const uint8_t* in, const int8_t* weights, const int8_t* weights_blocked,
                        const int32_t* biases, int32_t* out);
  int32_t (*fc2_forward128)(const uint8_t* in, const int8_t* weights, int32_t bias);
};

extern const Kernels SCALAR_KERNELS;
// fc_0 activations: out[0..15) = SqrClippedReLU, out[15..30) = ClippedReLU of in[0..15),
// out[30..32) = 0 (fc_1's padding). Fifteen values only: one plain version serves every
// flavour (vector squares would need 64-bit lanes), so it is not a per-flavour kernel.
void fc0_activation_plain(const int32_t* in, uint8_t* out);
// Stockfish 19's activations of one layer's 32 outputs: out[0..32) squared,
// min(127, x*x >> (2*shift + 7)), out[32..64) plain, clamp(x >> shift, 0, 127); shift is 7
// after fc_0 and 6 after fc_1. Sixty-four values: plain code for every flavour, like
// fc0_activation_plain.
void concat_activation_plain(const int32_t* in, int shift, uint8_t* out);
#if defined(__x86_64__)
extern const Kernels AVX2_KERNELS;
extern const Kernels AVX512_KERNELS;
extern const Kernels AVX512_VNNI_KERNELS;
#endif

// Bit positions of every byte value, lowest first, padded with zeros: turns an 8-bit
// "non-zero block" mask into block indices without a branch per bit.
struct BitPositions {
  alignas(16) uint16_t of[256][8];
};
extern const BitPositions BYTE_BIT_POSITIONS;

// The flavour this build was made for (CORVID_ARCH): what the engine uses.
const Kernels& build_kernels();
// Every flavour compiled in that this CPU can run (for the tests and evalbench).
std::vector<const Kernels*> runnable_kernels();

}  // namespace corvid::nnue
