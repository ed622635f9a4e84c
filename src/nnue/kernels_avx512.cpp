// AVX-512 (F, BW, VL) kernels; compiled with those flags whatever the build flavour.
#if defined(__x86_64__)
#define CORVID_AVX512_NAMESPACE avx512
#include "nnue/kernels_avx512_impl.h"

namespace corvid::nnue {
const Kernels AVX512_KERNELS{"avx512", avx512::ft_update, avx512::ft_update_i8, avx512::ft_transform,
    avx512::ft_transform_threats, avx512::fc0_forward, avx512::fc1_forward,
    avx512::clipped_relu32, avx512::fc2_forward};
}
#endif
