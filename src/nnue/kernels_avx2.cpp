// AVX2 kernels: the vector kernels (kernels_vector.h) over the AVX2 layer. This file is
// compiled with -mavx2 whatever the build flavour, and used only where the flavour (or, in
// tests, the CPU) has AVX2.
#include "nnue/kernels.h"

#if defined(__x86_64__)
#include "nnue/simd/avx2.h"
#define CORVID_SIMD simd::avx2
#define CORVID_KERNEL_NAMESPACE avx2_kernels
#include "nnue/kernels_vector.h"

namespace corvid::nnue {

using namespace avx2_kernels;

const Kernels AVX2_KERNELS{"avx2",       ft_update,      ft_update_i8, ft_transform,  ft_transform_threats,
                           fc0_forward, fc1_forward,    clipped_relu32, fc2_forward,
                           fc0_forward32, fc1_forward64, fc2_forward128};

}  // namespace corvid::nnue

#endif
