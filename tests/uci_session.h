// An engine as a GUI sees it: a child process with pipes on its stdin and stdout, talked
// to one line at a time. Every read has a timeout (poll), so a hung engine fails the test
// instead of hanging ctest. stderr goes to a temporary file (sanitizer reports land there)
// and is shown with the transcript.
#pragma once

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <optional>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

namespace corvid::test {

class UciSession {
 public:
  using Clock = std::chrono::steady_clock;
  using Duration = std::chrono::milliseconds;

  // Starts `path` with `args` (argv[1..]). Throws std::runtime_error when it cannot.
  explicit UciSession(const std::string& path, const std::vector<std::string>& args = {}) {
    std::signal(SIGPIPE, SIG_IGN);  // a dead engine must give EPIPE on write, not kill the tests
    char stderr_template[] = "/tmp/corvid_session_stderr_XXXXXX";
    const int err_fd = mkstemp(stderr_template);
    if (err_fd < 0) throw std::runtime_error("mkstemp failed");
    stderr_path_ = stderr_template;

    int to_child[2], from_child[2];
    if (pipe2(to_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
    if (pipe2(from_child, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");

    // Everything exec needs is built before fork: the child only calls async-signal-safe functions.
    std::vector<std::string> argv_strings{path};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);

    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      dup2(to_child[0], STDIN_FILENO);  // dup2 clears O_CLOEXEC on the copies
      dup2(from_child[1], STDOUT_FILENO);
      dup2(err_fd, STDERR_FILENO);
      std::signal(SIGPIPE, SIG_DFL);  // an ignored signal would stay ignored across exec
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(to_child[0]);
    close(from_child[1]);
    close(err_fd);
    in_fd_ = to_child[1];
    out_fd_ = from_child[0];
    note("* started " + path);
  }

  ~UciSession() {
    if (in_fd_ >= 0) close(in_fd_);
    if (out_fd_ >= 0) close(out_fd_);
    if (!exit_status_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    std::remove(stderr_path_.c_str());
  }
  UciSession(const UciSession&) = delete;
  UciSession& operator=(const UciSession&) = delete;

  // Writes `line` and a newline; false when the engine no longer reads (EPIPE, input closed).
  bool send(const std::string& line) {
    note("> " + printable(line));
    if (in_fd_ < 0) return false;
    const std::string data = line + "\n";
    for (size_t done = 0; done < data.size();) {
      const ssize_t n = write(in_fd_, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        note("* write failed");
        return false;
      }
      done += size_t(n);
    }
    return true;
  }

  // The next line of output (without '\n' or '\r'), or none when `timeout` passes first or
  // the engine closed its stdout (then eof() is true).
  std::optional<std::string> read_line(Duration timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      if (const size_t nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines_.push_back(line);
        note("< " + printable(line));
        return line;
      }
      if (eof_ || out_fd_ < 0) return std::nullopt;
      const auto left = std::chrono::duration_cast<Duration>(deadline - Clock::now()).count();
      if (left <= 0) return std::nullopt;
      pollfd p{out_fd_, POLLIN, 0};
      const int ready = poll(&p, 1, int(left));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) return std::nullopt;
      char chunk[65536];
      const ssize_t n = read(out_fd_, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        eof_ = true;
        if (!buffer_.empty()) buffer_ += '\n';  // hand out a last line without newline
        note("* end of engine output");
        continue;
      }
      buffer_.append(chunk, size_t(n));
    }
  }

  // Reads until a line satisfies `match`, and returns it; none on timeout or end of output.
  std::optional<std::string> wait_for(const std::function<bool(const std::string&)>& match, Duration timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
      const auto left = std::chrono::duration_cast<Duration>(deadline - Clock::now());
      std::optional<std::string> line = read_line(left.count() > 0 ? left : Duration(0));
      if (!line) {
        if (eof_) wait_exit(Duration(200));  // records how the engine ended, if it did
        else note("* gave up waiting after " + std::to_string(timeout.count()) + " ms");
        return std::nullopt;
      }
      if (match(*line)) return line;
    }
  }
  // The same for the first line starting with `prefix` ("bestmove", "readyok").
  std::optional<std::string> wait_for(const std::string& prefix, Duration timeout) {
    return wait_for([&](const std::string& line) { return line.rfind(prefix, 0) == 0; }, timeout);
  }
  std::optional<std::string> wait_for(const char* prefix, Duration timeout) {
    return wait_for(std::string(prefix), timeout);
  }

  // Reads whatever comes for `duration` and returns those lines.
  std::vector<std::string> read_for(Duration duration) {
    const size_t start = lines_.size();
    const auto deadline = Clock::now() + duration;
    for (auto now = Clock::now(); now < deadline; now = Clock::now())
      if (!read_line(std::chrono::duration_cast<Duration>(deadline - now)) && eof_) break;
    return lines_since(start);
  }

  // Every line read so far; mark() and lines_since(mark) select the ones after a point.
  const std::vector<std::string>& lines() const { return lines_; }
  size_t mark() const { return lines_.size(); }
  std::vector<std::string> lines_since(size_t mark) const {
    return {lines_.begin() + std::ptrdiff_t(std::min(mark, lines_.size())), lines_.end()};
  }

  // The conversation so far ("> " sent, "< " received, "* " events), its last `max_lines`
  // lines, then the tail of the engine's stderr: for INFO on failure.
  std::string transcript(size_t max_lines = 400) const {
    std::ostringstream out;
    const size_t first = log_.size() > max_lines ? log_.size() - max_lines : 0;
    if (first > 0) out << "[" << first << " earlier lines left out]\n";
    for (size_t i = first; i < log_.size(); ++i) out << log_[i] << "\n";
    const std::string err = stderr_text();
    if (!err.empty()) out << "--- engine stderr (last 4000 bytes) ---\n" << err.substr(err.size() > 4000 ? err.size() - 4000 : 0);
    return out.str();
  }
  std::string stderr_text() const {
    std::ifstream in(stderr_path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // Closes the engine's stdin (it sees end of input).
  void close_input() {
    if (in_fd_ >= 0) close(in_fd_);
    in_fd_ = -1;
    note("* closed engine input");
  }

  // The exit status once the process ends (128 + signal number when a signal ended it),
  // or none if it is still running after `timeout`.
  std::optional<int> wait_exit(Duration timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!exit_status_) {
      int status = 0;
      const pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        note("* exited with status " + std::to_string(*exit_status_));
        break;
      }
      if (r < 0 && errno != EINTR) {
        exit_status_ = -1;
        break;
      }
      if (Clock::now() >= deadline) {
        note("* still running after " + std::to_string(timeout.count()) + " ms");
        break;
      }
      std::this_thread::sleep_for(Duration(5));
    }
    return exit_status_;
  }

  bool eof() const { return eof_; }
  pid_t pid() const { return pid_; }

 private:
  void note(const std::string& entry) { log_.push_back(entry); }

  // Long lines shortened and control bytes escaped, so a transcript stays readable.
  static std::string printable(const std::string& line) {
    constexpr size_t SHOWN = 1000;
    std::string out;
    for (size_t i = 0; i < line.size() && i < SHOWN; ++i) {
      const unsigned char c = static_cast<unsigned char>(line[i]);
      if (c >= 32 && c < 127) {
        out += char(c);
      } else {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", c);
        out += hex;
      }
    }
    if (line.size() > SHOWN) out += "... (" + std::to_string(line.size()) + " bytes)";
    return out;
  }

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  bool eof_ = false;
  std::optional<int> exit_status_;
  std::string buffer_;
  std::string stderr_path_;
  std::vector<std::string> lines_;
  std::vector<std::string> log_;
};

}  // namespace corvid::test
