#include "search/tunables.h"

#include <array>
#include <cctype>

namespace corvid::search::tunables {

namespace {

#ifdef CORVID_TUNE
#define CORVID_TUNABLE_ENTRY(name, value, min, max, step) Tunable{#name, value, min, max, step, &name},
#else
#define CORVID_TUNABLE_ENTRY(name, value, min, max, step) Tunable{#name, value, min, max, step, nullptr},
#endif
const std::array TABLE = {CORVID_SEARCH_TUNABLES(CORVID_TUNABLE_ENTRY)};
#undef CORVID_TUNABLE_ENTRY

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

}  // namespace

std::span<const Tunable> all() { return TABLE; }

const Tunable* find(std::string_view name) {
  for (const Tunable& t : TABLE)
    if (same_ignoring_case(t.name, name)) return &t;
  return nullptr;
}

}  // namespace corvid::search::tunables
