// Files for tests: the data directory and scratch directories removed afterwards.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace corvid::test {

inline std::string data_path(const std::string& relative) { return std::string(CORVID_TEST_DATA_DIR) + "/" + relative; }

// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("corvid_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string operator/(const std::string& name) const { return (path / name).string(); }
  // Writes bytes to `name` in the directory and returns the file's path.
  std::string write(const std::string& name, const std::vector<uint8_t>& bytes) const {
    const std::string file = *this / name;
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    return file;
  }

  std::filesystem::path path;
};

}  // namespace corvid::test
