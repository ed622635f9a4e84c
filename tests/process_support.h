// Running the built corvid binary (or any command) as a user or GUI would, for the
// command-line and UCI tests.
#pragma once

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace corvid::test {

struct CommandResult {
  int status = -1;     // exit status, -1 when the command did not exit normally
  std::string output;  // everything it wrote to the pipe
};

// Sanitizer builds run the engine several times slower (more when two tests share the
// cores): bounds on wall time scale by this.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr int SANITIZER_SLOWDOWN = 6;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
inline constexpr int SANITIZER_SLOWDOWN = 6;
#else
inline constexpr int SANITIZER_SLOWDOWN = 1;
#endif
#else
inline constexpr int SANITIZER_SLOWDOWN = 1;
#endif

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline CommandResult run_shell(const std::string& command_line) {
  CommandResult r;
  FILE* pipe = popen(command_line.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) r.output.append(buffer, n);
  const int status = pclose(pipe);
  if (WIFEXITED(status)) r.status = WEXITSTATUS(status);
  return r;
}

enum class Stderr { Drop, Merge };

// corvid with `arguments` (already quoted as needed) and `input` on its stdin.
inline CommandResult run_corvid(const std::string& arguments, const std::string& input = {},
                                Stderr err = Stderr::Drop) {
  char path[] = "/tmp/corvid_test_input_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path) << input;
  const std::string redirect = err == Stderr::Drop ? " 2>/dev/null" : " 2>&1";
  CommandResult r = run_shell(shell_quote(CORVID_BINARY) + " " + arguments + " < " + path + redirect);
  std::remove(path);
  return r;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace corvid::test
