// Progress of long operations on stderr, shown only when stderr is a terminal, so logs
// and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace corvid::tools {

class Progress {
 public:
  Progress(std::string label, uint64_t total);
  ~Progress();  // ends the line if anything was shown

  void advance_to(uint64_t done);
  void step() { advance_to(done_ + 1); }
  void set_label(std::string label);

 private:
  void draw();

  std::string label_;
  uint64_t total_;
  uint64_t done_ = 0;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace corvid::tools
