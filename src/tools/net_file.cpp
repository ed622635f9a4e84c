#include "tools/net_file.h"

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include "nnue/network_reader.h"
#include "tools/progress.h"
#include "util/regular_file.h"

namespace corvid::tools {

namespace {

constexpr std::size_t CHUNK_BYTES = std::size_t(4) << 20;

}  // namespace

NetFile load_net_file(const std::string& path) {
  NetFile file;
  file.path = path;
  // The engine's own rules: regular files only (never blocks on a FIFO), size capped.
  std::optional<Progress> reading;
  const auto progress = [&](std::size_t total, std::size_t done) {
    if (!reading) reading.emplace("reading " + base_name(path), total);
    reading->advance_to(done);
  };
  if (!read_regular_file(path, nnue::MAX_NETWORK_FILE_BYTES, file.bytes, file.error, progress)) return file;
  reading.reset();
  file.readable = true;
  nnue::ReadOptions options;
  options.allow_parse_only = true;  // the tools also read layouts the evaluator cannot run yet
  std::optional<Progress> parsing(std::in_place, "parsing " + base_name(path), 1);  // one step: the reader has no hook
  nnue::ReadResult result = nnue::read_network(file.bytes, options);
  parsing.reset();
  if (!result.ok()) {
    file.error = path + ": " + result.error;
    file.error_offset = result.error_offset;
    return file;
  }
  file.net = std::move(result.network);
  return file;
}

bool write_bytes_file(const std::string& path, std::span<const uint8_t> bytes, std::string& error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = path + ": cannot create: " + std::strerror(errno);
    return false;
  }
  Progress progress("writing " + base_name(path), bytes.size());
  for (std::size_t done = 0; done < bytes.size();) {
    const std::size_t n = std::min(CHUNK_BYTES, bytes.size() - done);
    out.write(reinterpret_cast<const char*>(bytes.data() + done), std::streamsize(n));
    done += n;
    progress.advance_to(done);
  }
  out.close();
  if (!out) {
    error = path + ": write error";
    return false;
  }
  return true;
}

std::string base_name(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool is_content_name(const std::string& name) {
  if (name.size() != 3 + 12 + 5 || name.rfind("nn-", 0) != 0 || name.substr(15) != ".nnue") return false;
  for (std::size_t i = 3; i < 15; ++i)
    if (!std::isxdigit(static_cast<unsigned char>(name[i])) || std::isupper(static_cast<unsigned char>(name[i])))
      return false;
  return true;
}

}  // namespace corvid::tools
