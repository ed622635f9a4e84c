// Opening files named by users (EvalFile, Debug Log File, net tools) without ever
// blocking: only regular files are accepted. A FIFO would block open() until a writer
// (or reader) appears, a directory or device has no size to check against a cap, and
// /dev/zero would never end; all are refused with a message instead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace corvid {

// Reads the whole regular file at path into bytes, refusing anything larger than
// max_bytes. False and a message (starting with the path) when it cannot. progress, when
// given, hears the total once (before reading) and then the bytes read so far.
bool read_regular_file(const std::string& path, std::size_t max_bytes, std::vector<uint8_t>& bytes,
                       std::string& error,
                       const std::function<void(std::size_t total, std::size_t done)>& progress = {});

// Opens path for appending (created when missing) and returns its descriptor, or -1 and
// a message when it is not a regular file or cannot be opened.
int open_regular_file_for_append(const std::string& path, std::string& error);

}  // namespace corvid
