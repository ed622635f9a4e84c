// `corvid net inspect`: what a .nnue file holds, as text for a person or JSON for scripts.
#pragma once

#include <ostream>

#include "tools/net_file.h"

namespace corvid::tools {

// file must have parsed (file.ok()).
void print_inspection_text(const NetFile& file, std::ostream& out);
void print_inspection_json(const NetFile& file, std::ostream& out);

// A JSON string literal for text, quotes included; bytes that are not valid UTF-8
// become U+FFFD so the output is always valid JSON.
std::string json_string(std::string_view text);

}  // namespace corvid::tools
