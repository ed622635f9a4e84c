// AVX-512 (F, BW, VL) kernels: the vector kernels (kernels_vector.h) over the AVX-512
// layer; compiled with those flags whatever the build flavour.
#include "nnue/kernels.h"

#if defined(__x86_64__)
#include "nnue/simd/avx512.h"
#define CORVID_SIMD simd::avx512
#define CORVID_KERNEL_NAMESPACE avx512_kernels
#include "nnue/kernels_vector.h"

namespace corvid::nnue {

using namespace avx512_kernels;

const Kernels AVX512_KERNELS{"avx512",      ft_update,   ft_update_i8,   ft_transform, ft_transform_threats,
                             fc0_forward, fc1_forward, clipped_relu32, fc2_forward,
                             fc0_forward32, fc1_forward64, fc2_forward128};

}  // namespace corvid::nnue

#endif
