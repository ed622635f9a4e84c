#include "nnue/embedded_net.h"

#if defined(CORVID_EMBEDDED_NET_PATH)
// The assembler copies the file's bytes into read-only data; 64-byte alignment lets the
// reader treat it like any other buffer.
__asm__(".section .rodata\n"
        ".balign 64\n"
        "corvid_embedded_net_begin:\n"
        ".incbin \"" CORVID_EMBEDDED_NET_PATH "\"\n"
        "corvid_embedded_net_end:\n"
        ".previous\n");
extern "C" const uint8_t corvid_embedded_net_begin[] __asm__("corvid_embedded_net_begin");
extern "C" const uint8_t corvid_embedded_net_end[] __asm__("corvid_embedded_net_end");
#endif

namespace corvid::nnue {

std::span<const uint8_t> embedded_net() {
#if defined(CORVID_EMBEDDED_NET_PATH)
  return {corvid_embedded_net_begin, size_t(corvid_embedded_net_end - corvid_embedded_net_begin)};
#else
  return {};
#endif
}

std::string_view embedded_net_name() {
#if defined(CORVID_EMBEDDED_NET_NAME)
  return CORVID_EMBEDDED_NET_NAME;
#else
  return {};
#endif
}

}  // namespace corvid::nnue
