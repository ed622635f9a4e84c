// 8-bit RGB pictures and writing them as PNG (libpng).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace corvid::tools {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

struct Image {
  int width = 0;
  int height = 0;
  std::vector<Rgb> pixels;  // row-major, top row first

  Image(int w, int h, Rgb background) : width(w), height(h), pixels(std::size_t(w) * h, background) {}
  void set(int x, int y, Rgb c) {
    if (x >= 0 && y >= 0 && x < width && y < height) pixels[std::size_t(y) * width + x] = c;
  }
  Rgb get(int x, int y) const { return pixels[std::size_t(y) * width + x]; }
  void fill_rect(int x, int y, int w, int h, Rgb c);
  void frame_rect(int x, int y, int w, int h, Rgb c);  // a one-pixel outline
};

// False with a message when the file cannot be written.
bool write_png(const std::string& path, const Image& image, std::string& error);

}  // namespace corvid::tools
