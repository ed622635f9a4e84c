#include "nnue/embedded_net.h"

// The assembler copies each file's bytes into read-only data; 64-byte alignment lets the
// reader treat it like any other buffer.
#define CORVID_EMBED(label, path)                 \
  __asm__(".section .rodata\n"                   \
          ".balign 64\n" label "_begin:\n"      \
          ".incbin \"" path "\"\n" label "_end:\n" \
          ".previous\n")

#if defined(CORVID_EMBEDDED_BIG_PATH)
CORVID_EMBED("corvid_embedded_big", CORVID_EMBEDDED_BIG_PATH);
extern "C" const uint8_t corvid_embedded_big_begin[] __asm__("corvid_embedded_big_begin");
extern "C" const uint8_t corvid_embedded_big_end[] __asm__("corvid_embedded_big_end");
#endif
#if defined(CORVID_EMBEDDED_SMALL_PATH)
CORVID_EMBED("corvid_embedded_small", CORVID_EMBEDDED_SMALL_PATH);
extern "C" const uint8_t corvid_embedded_small_begin[] __asm__("corvid_embedded_small_begin");
extern "C" const uint8_t corvid_embedded_small_end[] __asm__("corvid_embedded_small_end");
#endif

namespace corvid::nnue {

std::span<const uint8_t> embedded_net(NetSlot slot) {
  if (slot == NetSlot::Big) {
#if defined(CORVID_EMBEDDED_BIG_PATH)
    return {corvid_embedded_big_begin, size_t(corvid_embedded_big_end - corvid_embedded_big_begin)};
#endif
  } else {
#if defined(CORVID_EMBEDDED_SMALL_PATH)
    return {corvid_embedded_small_begin, size_t(corvid_embedded_small_end - corvid_embedded_small_begin)};
#endif
  }
  return {};
}

std::string_view embedded_net_name(NetSlot slot) {
  if (slot == NetSlot::Big) {
#if defined(CORVID_EMBEDDED_BIG_NAME)
    return CORVID_EMBEDDED_BIG_NAME;
#endif
  } else {
#if defined(CORVID_EMBEDDED_SMALL_NAME)
    return CORVID_EMBEDDED_SMALL_NAME;
#endif
  }
  return {};
}

}  // namespace corvid::nnue
