#include "util/paths.h"

#include <filesystem>
#include <system_error>

namespace corvid {

std::string binary_directory() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

std::string resolve_user_path(const std::string& path, std::string* tried) {
  namespace fs = std::filesystem;
  const auto note = [&](const std::string& place) {
    if (tried) *tried += (tried->empty() ? "" : ", ") + place;
  };
  std::error_code ec;
  if (path.empty()) return path;
  note(path);
  if (fs::exists(path, ec) || fs::path(path).is_absolute()) return path;
  const std::string dir = binary_directory();
  if (dir.empty()) return path;
  const std::string beside = (fs::path(dir) / path).string();
  note(beside);
  return fs::exists(beside, ec) ? beside : path;
}

}  // namespace corvid
