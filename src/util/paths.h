// Paths as GUIs give them: a relative file name that does not exist from the working
// directory is tried next to the engine's binary (GUIs often start engines elsewhere).
#pragma once

#include <string>

namespace corvid {

// The folder holding the running binary, or empty when it cannot be known.
std::string binary_directory();

// `path` itself when it exists (or is absolute, or empty), else the same name next to the
// binary when that exists, else `path` unchanged. Every place tried is appended to *tried
// (", "-separated) for messages.
std::string resolve_user_path(const std::string& path, std::string* tried = nullptr);

}  // namespace corvid
