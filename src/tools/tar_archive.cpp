#include "tools/tar_archive.h"

#include <cstdio>
#include <cstring>

namespace corvid::tools {

namespace {

constexpr std::size_t BLOCK = 512;
// ustar header field offsets and sizes.
constexpr std::size_t NAME = 0, NAME_LEN = 100, MODE = 100, UID = 108, GID = 116, SIZE = 124, MTIME = 136,
                      CHECKSUM = 148, TYPEFLAG = 156, MAGIC = 257, VERSION = 263, PREFIX = 345, PREFIX_LEN = 155;

void put_octal(uint8_t* field, std::size_t width, uint64_t value) {
  std::snprintf(reinterpret_cast<char*>(field), width, "%0*llo", int(width - 1), (unsigned long long)value);
}

uint64_t header_checksum(const uint8_t* header) {
  uint64_t sum = 0;
  for (std::size_t i = 0; i < BLOCK; ++i) sum += (i >= CHECKSUM && i < CHECKSUM + 8) ? uint8_t(' ') : header[i];
  return sum;
}

std::optional<uint64_t> parse_octal(const uint8_t* field, std::size_t width) {
  uint64_t v = 0;
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  bool any = false;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i, any = true) v = v * 8 + (field[i] - '0');
  if (!any) return std::nullopt;
  return v;
}

std::string field_string(const uint8_t* field, std::size_t width) {
  std::size_t n = 0;
  while (n < width && field[n]) ++n;
  return std::string(reinterpret_cast<const char*>(field), n);
}

}  // namespace

std::vector<uint8_t> write_tar(const std::vector<TarEntry>& entries) {
  std::vector<uint8_t> out;
  for (const TarEntry& e : entries) {
    uint8_t h[BLOCK] = {};
    std::memcpy(h + NAME, e.name.data(), std::min(e.name.size(), NAME_LEN));
    put_octal(h + MODE, 8, 0644);
    put_octal(h + UID, 8, 0);
    put_octal(h + GID, 8, 0);
    put_octal(h + SIZE, 12, e.bytes.size());
    put_octal(h + MTIME, 12, 0);
    h[TYPEFLAG] = '0';
    std::memcpy(h + MAGIC, "ustar", 6);
    std::memcpy(h + VERSION, "00", 2);
    std::snprintf(reinterpret_cast<char*>(h + CHECKSUM), 8, "%06llo", (unsigned long long)header_checksum(h));
    h[CHECKSUM + 7] = ' ';
    out.insert(out.end(), h, h + BLOCK);
    out.insert(out.end(), e.bytes.begin(), e.bytes.end());
    out.resize((out.size() + BLOCK - 1) / BLOCK * BLOCK, 0);
  }
  out.resize(out.size() + 2 * BLOCK, 0);  // end-of-archive marker
  return out;
}

std::optional<std::vector<TarEntry>> read_tar(const std::vector<uint8_t>& archive, std::string* error) {
  std::vector<TarEntry> entries;
  auto fail = [&](const std::string& message) -> std::optional<std::vector<TarEntry>> {
    if (error) *error = message;
    return std::nullopt;
  };
  for (std::size_t at = 0; at + BLOCK <= archive.size();) {
    const uint8_t* h = archive.data() + at;
    bool zero = true;
    for (std::size_t i = 0; i < BLOCK && zero; ++i) zero = h[i] == 0;
    if (zero) return entries;
    const auto stored_sum = parse_octal(h + CHECKSUM, 8);
    if (!stored_sum || *stored_sum != header_checksum(h))
      return fail("not a tar archive (bad header checksum at byte " + std::to_string(at) + ")");
    const auto size = parse_octal(h + SIZE, 12);
    if (!size) return fail("tar header at byte " + std::to_string(at) + " has no size");
    at += BLOCK;
    if (*size > archive.size() - at) return fail("tar archive is truncated");
    const char type = char(h[TYPEFLAG]);
    if (type == '0' || type == '\0') {
      std::string name = field_string(h + NAME, NAME_LEN);
      const std::string prefix = std::memcmp(h + MAGIC, "ustar", 5) == 0 ? field_string(h + PREFIX, PREFIX_LEN) : "";
      if (!prefix.empty()) name = prefix + "/" + name;
      if (name.rfind("./", 0) == 0) name.erase(0, 2);
      entries.push_back({name, std::vector<uint8_t>(archive.begin() + at, archive.begin() + at + *size)});
    }
    at += (*size + BLOCK - 1) / BLOCK * BLOCK;
  }
  return fail("tar archive has no end marker (truncated?)");
}

}  // namespace corvid::tools
