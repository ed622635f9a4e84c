// `corvid net verify` (is this file a sound net?) and `corvid net diff` (how do two nets
// differ, tensor by tensor).
#pragma once

#include <ostream>
#include <string>

namespace corvid::tools {

struct VerifyResult {
  bool ok = false;
  std::string line;  // "OK <path>: ..." or "FAIL <path>: <reason>"
};

// Every check the engine's reader makes (Full_Threats nets pass when sound), that the file
// re-encodes to the same bytes, and, when the file is named nn-<sha12>.nnue, that the name
// matches its sha256.
VerifyResult verify_net_file(const std::string& path);

// Prints the differences to out. Returns 0 when the contents are equal (encodings may
// differ), 1 when they differ, 2 when a file cannot be read (message on err).
int diff_net_files(const std::string& path_a, const std::string& path_b, std::ostream& out, std::ostream& err);

}  // namespace corvid::tools
