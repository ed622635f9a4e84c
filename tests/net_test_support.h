// Finding the real reference nets (scripts/get-reference-nets.sh puts them in nets/).
// Tests that need one skip with a warning when it is absent, unless CORVID_REQUIRE_NETS=1
// (CI), where a missing net is a failure.
#pragma once

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "test_files.h"

namespace corvid::test {

inline std::string net_dir() {
  if (const char* dir = std::getenv("CORVID_NET_DIR")) return dir;
  return std::string(CORVID_TEST_DATA_DIR) + "/../../nets";
}

// The path of nets/<name>, or empty (after a WARN, or a FAIL when nets are required).
inline std::string reference_net(const std::string& name) {
  const std::string path = net_dir() + "/" + name;
  if (std::filesystem::exists(path)) return path;
  const char* required = std::getenv("CORVID_REQUIRE_NETS");
  if (required && std::string(required) == "1") FAIL("reference net missing: " << path);
  WARN("skipped: reference net missing: " << path << " (run scripts/get-reference-nets.sh)");
  return {};
}

}  // namespace corvid::test
