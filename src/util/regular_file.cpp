#include "util/regular_file.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace corvid {

namespace {

std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string not_regular(const std::string& path, mode_t mode) {
  return path + ": is " + kind_of(mode) + ", not a regular file";
}

// A stat first gives the clear message for what is plainly not a file; then O_NONBLOCK
// makes open() return at once even if the path became a FIFO meanwhile, and fstat on the
// descriptor says what was really opened.
int open_checked(const std::string& path, int flags, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    error = not_regular(path, st.st_mode);
    return -1;
  }
  const int fd = ::open(path.c_str(), flags | O_NONBLOCK | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = path + ": cannot open: " + std::strerror(errno);
    return -1;
  }
  if (::fstat(fd, &st) != 0) {
    error = path + ": cannot stat: " + std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    error = not_regular(path, st.st_mode);
  } else {
    // Regular files never block; clear the flag so reads and writes behave as usual.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
  }
  ::close(fd);
  return -1;
}

}  // namespace

bool read_regular_file(const std::string& path, std::size_t max_bytes, std::vector<uint8_t>& bytes,
                       std::string& error, const std::function<void(std::size_t, std::size_t)>& progress) {
  const int fd = open_checked(path, O_RDONLY, error);
  if (fd < 0) return false;
  struct stat st {};
  ::fstat(fd, &st);
  if (st.st_size < 0 || uint64_t(st.st_size) > max_bytes) {
    error = path + ": file size " + std::to_string(st.st_size) + " is beyond the limit of " + std::to_string(max_bytes) +
            " bytes";
    ::close(fd);
    return false;
  }
  bool ok = true;
  try {
    bytes.assign(std::size_t(st.st_size), 0);
  } catch (const std::bad_alloc&) {
    error = path + ": out of memory reading " + std::to_string(st.st_size) + " bytes";
    ok = false;
  }
  // The file may change while it is read: stop at its end or at the size found above.
  constexpr std::size_t CHUNK_BYTES = std::size_t(4) << 20;
  std::size_t done = 0;
  if (ok && progress) progress(bytes.size(), 0);
  while (ok && done < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + done, std::min(CHUNK_BYTES, bytes.size() - done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = path + ": read error: " + std::strerror(errno);
      ok = false;
    } else if (n == 0) {
      error = path + ": file shrank while being read (" + std::to_string(done) + " of " +
              std::to_string(bytes.size()) + " bytes)";
      ok = false;
    } else {
      done += std::size_t(n);
      if (progress) progress(bytes.size(), done);
    }
  }
  ::close(fd);
  if (!ok) bytes.clear();
  return ok;
}

int open_regular_file_for_append(const std::string& path, std::string& error) {
  return open_checked(path, O_WRONLY | O_APPEND | O_CREAT, error);
}

}  // namespace corvid
