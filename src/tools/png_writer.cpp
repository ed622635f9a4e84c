#include "tools/png_writer.h"

#include <png.h>

#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>

namespace corvid::tools {

void Image::fill_rect(int x, int y, int w, int h, Rgb c) {
  for (int yy = y; yy < y + h; ++yy)
    for (int xx = x; xx < x + w; ++xx) set(xx, yy, c);
}

void Image::frame_rect(int x, int y, int w, int h, Rgb c) {
  for (int xx = x; xx < x + w; ++xx) set(xx, y, c), set(xx, y + h - 1, c);
  for (int yy = y; yy < y + h; ++yy) set(x, yy, c), set(x + w - 1, yy, c);
}

namespace {

// libpng reports errors by longjmp; this keeps the FILE* closing in one place.
bool write_png_stream(std::FILE* fp, const Image& image, std::string& error) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return error = "libpng: out of memory", false;
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return error = "libpng: out of memory", false;
  }
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return error = "libpng failed to write the picture", false;
  }
  png_init_io(png, fp);
  png_set_IHDR(png, info, png_uint_32(image.width), png_uint_32(image.height), 8, PNG_COLOR_TYPE_RGB,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_compression_level(png, 9);
  png_write_info(png, info);
  static_assert(sizeof(Rgb) == 3);
  for (int y = 0; y < image.height; ++y)
    png_write_row(png, reinterpret_cast<png_const_bytep>(image.pixels.data() + std::size_t(y) * image.width));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

bool write_png(const std::string& path, const Image& image, std::string& error) {
  std::FILE* fp = std::fopen(path.c_str(), "wb");
  if (!fp) {
    error = path + ": cannot create: " + std::strerror(errno);
    return false;
  }
  const bool written = write_png_stream(fp, image, error);
  const bool closed = std::fclose(fp) == 0;
  if (written && !closed) error = path + ": write error";
  if (!written) error = path + ": " + error;
  return written && closed;
}

}  // namespace corvid::tools
