// Small text helpers shared by the UCI command parsers (one copy, not one per file):
// trimming, first-word splitting, strict whole-number parsing, case folding, and making
// untrusted input safe to echo in a message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace corvid {

std::string_view trim(std::string_view s);

// "word rest of line" -> {"word", "rest of line"}, both trimmed.
std::pair<std::string_view, std::string_view> split_first(std::string_view s);

// The whole of `text` as a base-10 integer (optional leading '-'); false otherwise.
bool parse_int(std::string_view text, int64_t& value);

std::string lower(std::string_view s);

// Input echoed in messages: control bytes replaced, at most 80 characters.
std::string printable(std::string_view s);

}  // namespace corvid
