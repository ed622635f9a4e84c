#include "tools/progress.h"

#include <cstdio>
#include <unistd.h>

namespace corvid::tools {

Progress::Progress(std::string label, uint64_t total)
    : label_(std::move(label)), total_(total), enabled_(isatty(STDERR_FILENO) == 1) {
  draw();
}

Progress::~Progress() {
  if (!enabled_) return;
  done_ = total_;
  draw();
  std::fputc('\n', stderr);
}

void Progress::set_label(std::string label) {
  label_ = std::move(label);
  last_draw_ = {};
  draw();
}

void Progress::advance_to(uint64_t done) {
  done_ = done;
  if (!enabled_) return;
  // Redrawing costs a write system call; ten times a second is enough for a person.
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100) && done_ < total_) return;
  draw();
}

void Progress::draw() {
  if (!enabled_) return;
  last_draw_ = std::chrono::steady_clock::now();
  const int percent = total_ ? int(done_ * 100 / total_) : 100;
  std::fprintf(stderr, "\r\033[K%s: %3d%%", label_.c_str(), percent);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace corvid::tools
