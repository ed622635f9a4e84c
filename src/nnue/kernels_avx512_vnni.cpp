// AVX-512 kernels with VNNI dot products (vpdpbusd): the vector kernels
// (kernels_vector.h) over the AVX-512 layer in its VNNI form; compiled with -mavx512vnni
// whatever the build flavour.
#include "nnue/kernels.h"

#if defined(__x86_64__)
#define CORVID_USE_VNNI 1
#include "nnue/simd/avx512.h"
#define CORVID_SIMD simd::avx512_vnni
#define CORVID_KERNEL_NAMESPACE avx512_vnni_kernels
#include "nnue/kernels_vector.h"

namespace corvid::nnue {

using namespace avx512_vnni_kernels;

const Kernels AVX512_VNNI_KERNELS{"avx512-vnni", ft_update,   ft_update_i8,   ft_transform, ft_transform_threats,
                                  fc0_forward,   fc1_forward, clipped_relu32, fc2_forward,
                                  fc0_forward32, fc1_forward64, fc2_forward128};

}  // namespace corvid::nnue

#endif
