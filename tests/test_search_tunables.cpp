// The table of search tunables: every entry usable as a UCI spin option and by an SPSA
// runner (default inside its range, a positive step, a unique name), and found by name.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "search/tunables.h"

using namespace corvid::search;

TEST_CASE("tunables: each has a range holding its default, a step, and a unique name", "[search][tunables]") {
  const auto table = tunables::all();
  REQUIRE(table.size() >= 40);
  std::set<std::string> names;
  for (const tunables::Tunable& t : table) {
    INFO(t.name);
    CHECK(t.min <= t.default_value);
    CHECK(t.default_value <= t.max);
    CHECK(t.min < t.max);
    CHECK(t.step > 0);
    CHECK(t.step <= t.max - t.min);
    CHECK(names.insert(std::string(t.name)).second);
    // UCI option names are words; a space would make `setoption name X value N` ambiguous.
    CHECK(t.name.find(' ') == std::string_view::npos);
    // A tuning build tunes the variable the search reads; a normal build has none.
    CHECK((t.value != nullptr) == tunables::ENABLED);
    if (t.value) CHECK(*t.value == t.default_value);
  }
}

TEST_CASE("tunables: found by name, ignoring case, and only by a whole name", "[search][tunables]") {
  const tunables::Tunable* t = tunables::find("RFP_Margin");
  REQUIRE(t != nullptr);
  CHECK(t->name == "rfp_margin");
  CHECK(t->default_value == tunables::rfp_margin);
  CHECK(tunables::find("rfp_margi") == nullptr);
  CHECK(tunables::find("rfp_margin2") == nullptr);
  CHECK(tunables::find("Hash") == nullptr);
  CHECK(tunables::find("") == nullptr);
}
