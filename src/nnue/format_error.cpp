#include "nnue/format_error.h"

#include <cstdio>

namespace corvid::nnue {

std::string hex32(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(value));
  return text;
}

}  // namespace corvid::nnue
