// The reference kernels: plain loops, exactly the integer arithmetic of the format.
#include "nnue/kernels.h"

#include <algorithm>

namespace corvid::nnue {

namespace {

int clamp_int(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

// Row is int16_t (HalfKAv2_hm weights) or int8_t (threat weights, widened).
template <class Row>
void update_rows(int16_t* dst, const int16_t* src, const Row* const* adds, int add_count, const Row* const* subs,
                 int sub_count, int l1) {
  for (int i = 0; i < l1; ++i) {
    int16_t v = src[i];
    for (int k = 0; k < add_count; ++k) v = int16_t(v + adds[k][i]);
    for (int k = 0; k < sub_count; ++k) v = int16_t(v - subs[k][i]);
    dst[i] = v;
  }
}

void ft_update(int16_t* dst, const int16_t* src, const int16_t* const* adds, int add_count,
               const int16_t* const* subs, int sub_count, int l1) {
  update_rows(dst, src, adds, add_count, subs, sub_count, l1);
}

void ft_update_i8(int16_t* dst, const int16_t* src, const int8_t* const* adds, int add_count,
                  const int8_t* const* subs, int sub_count, int l1) {
  update_rows(dst, src, adds, add_count, subs, sub_count, l1);
}

void ft_transform_threats(const int16_t* us, const int16_t* us_threats, const int16_t* them,
                          const int16_t* them_threats, uint8_t* out, int l1) {
  const int half = l1 / 2;
  const int16_t* sides[2][2] = {{us, us_threats}, {them, them_threats}};
  for (int p = 0; p < 2; ++p)
    for (int j = 0; j < half; ++j) {
      const int16_t a = int16_t(sides[p][0][j] + sides[p][1][j]);
      const int16_t b = int16_t(sides[p][0][j + half] + sides[p][1][j + half]);
      out[p * half + j] = uint8_t(clamp_int(a, 0, 255) * clamp_int(b, 0, 255) / 512);
    }
}

void ft_transform(const int16_t* us, const int16_t* them, uint8_t* out, int l1) {
  const int half = l1 / 2;
  const int16_t* sides[2] = {us, them};
  for (int p = 0; p < 2; ++p)
    for (int j = 0; j < half; ++j) {
      const int a = clamp_int(sides[p][j], 0, 127), b = clamp_int(sides[p][j + half], 0, 127);
      out[p * half + j] = uint8_t(a * b / 128);
    }
}

// out[o] = biases[o] + sum of in[i] * weights[o][i], weights row-major [outputs][inputs].
void affine(const uint8_t* in, int inputs, int outputs, const int8_t* weights, const int32_t* biases, int32_t* out) {
  for (int o = 0; o < outputs; ++o) {
    int32_t sum = biases[o];
    for (int i = 0; i < inputs; ++i) sum += int32_t(in[i]) * weights[o * inputs + i];
    out[o] = sum;
  }
}

void fc0_forward(const uint8_t* in, int l1, const int8_t* weights, const int8_t*, const int32_t* biases,
                 int32_t* out) {
  affine(in, l1, 16, weights, biases, out);
}

void fc0_forward32(const uint8_t* in, int l1, const int8_t* weights, const int8_t*, const int32_t* biases,
                   int32_t* out) {
  affine(in, l1, 32, weights, biases, out);
}

void fc1_forward(const uint8_t* in, const int8_t* weights, const int8_t*, const int32_t* biases, int32_t* out) {
  affine(in, 32, 32, weights, biases, out);
}

void fc1_forward64(const uint8_t* in, const int8_t* weights, const int8_t*, const int32_t* biases, int32_t* out) {
  affine(in, 64, 32, weights, biases, out);
}

void clipped_relu32(const int32_t* in, uint8_t* out) {
  for (int i = 0; i < 32; ++i) out[i] = uint8_t(clamp_int(in[i] >> 6, 0, 127));
}

int32_t fc2_forward(const uint8_t* in, const int8_t* weights, int32_t bias) {
  int32_t sum;
  affine(in, 32, 1, weights, &bias, &sum);
  return sum;
}

int32_t fc2_forward128(const uint8_t* in, const int8_t* weights, int32_t bias) {
  int32_t sum;
  affine(in, 128, 1, weights, &bias, &sum);
  return sum;
}

}  // namespace

void fc0_activation_plain(const int32_t* in, uint8_t* out) {
  for (int i = 0; i < 15; ++i) {
    const long long squared = (long long)in[i] * in[i];
    out[i] = uint8_t(squared >> 19 > 127 ? 127 : squared >> 19);  // (x^2 >> 2*6) / 128
    out[15 + i] = uint8_t(clamp_int(in[i] >> 6, 0, 127));
  }
  out[30] = out[31] = 0;
}

void concat_activation_plain(const int32_t* in, int shift, uint8_t* out) {
  for (int i = 0; i < 32; ++i) {
    const long long squared = (long long)in[i] * in[i];
    out[i] = uint8_t(std::min(127LL, squared >> (2 * shift + 7)));
    out[32 + i] = uint8_t(clamp_int(in[i] >> shift, 0, 127));
  }
}

const Kernels SCALAR_KERNELS{"scalar",       ft_update,     ft_update_i8,   ft_transform, ft_transform_threats,
                             fc0_forward,    fc1_forward,   clipped_relu32, fc2_forward,  fc0_forward32,
                             fc1_forward64,  fc2_forward128};

}  // namespace corvid::nnue
