// AVX-512 kernels with VNNI dot products; compiled with -mavx512vnni whatever the flavour.
#if defined(__x86_64__)
#define CORVID_AVX512_NAMESPACE avx512_vnni
#define CORVID_USE_VNNI 1
#include "nnue/kernels_avx512_impl.h"

namespace corvid::nnue {
const Kernels AVX512_VNNI_KERNELS{"avx512-vnni", avx512_vnni::ft_update, avx512_vnni::ft_update_i8, avx512_vnni::ft_transform,
    avx512_vnni::ft_transform_threats, avx512_vnni::fc0_forward, avx512_vnni::fc1_forward,
    avx512_vnni::clipped_relu32, avx512_vnni::fc2_forward};
}
#endif
