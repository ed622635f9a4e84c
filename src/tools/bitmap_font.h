// A tiny 5x7 pixel font for labels in the pictures: digits, capital letters and the
// punctuation the labels use. Lower-case letters are drawn as capitals.
#pragma once

#include <string_view>

#include "tools/png_writer.h"

namespace corvid::tools {

inline constexpr int GLYPH_WIDTH = 5;
inline constexpr int GLYPH_HEIGHT = 7;
inline constexpr int GLYPH_ADVANCE = 6;  // one blank column between letters

// Draws text with its top-left corner at (x, y), each font pixel scale x scale.
void draw_text(Image& image, int x, int y, std::string_view text, Rgb colour, int scale = 1);
inline int text_width(std::string_view text, int scale = 1) {
  return text.empty() ? 0 : (int(text.size()) * GLYPH_ADVANCE - 1) * scale;
}

}  // namespace corvid::tools
