// The option table: `setoption` parsing and range checks, declarations, and the README's
// option table, which must be exactly what the table renders.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "chess/position.h"
#include "test_files.h"
#include "uci/option_table.h"
#include "uci/uci_loop.h"

using corvid::Option;
using corvid::OptionTable;

namespace {

OptionTable sample_table(int& threads_seen, std::string& refused_with) {
  OptionTable t;
  t.add_spin("Threads", 1, 1, 8, "threads", [&](const Option& o) -> std::optional<std::string> {
    threads_seen = int(o.as_int());
    return std::nullopt;
  });
  t.add_check("Ponder", false, "ponder");
  t.add_string("Book File", "", "a file");
  t.add_combo("Style", "Normal", {"Solid", "Normal", "Risky"}, "style");
  t.add_string("Picky", "good", "refuses 'bad'", [&](const Option& o) -> std::optional<std::string> {
    if (o.as_string() != "bad") return std::nullopt;
    refused_with = "no bad values";
    return refused_with;
  });
  return t;
}

}  // namespace

TEST_CASE("options: setoption parses, clamps, refuses and keeps the old value", "[uci][options]") {
  int threads = 0;
  std::string refused;
  OptionTable t = sample_table(threads, refused);

  CHECK(t.set_from_uci("name threads value 4").empty());  // names are case-insensitive
  CHECK(threads == 4);
  CHECK(t.spin("Threads") == 4);

  auto messages = t.set_from_uci("name Threads value 99");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("out of range 1..8; clamped to 8") != std::string::npos);
  CHECK(t.spin("Threads") == 8);

  messages = t.set_from_uci("name Threads value 3x");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("kept 8") != std::string::npos);
  CHECK(t.spin("Threads") == 8);
  CHECK(!t.set_from_uci("name Threads value").empty());

  CHECK(t.set_from_uci("name Ponder value TRUE").empty());
  CHECK(t.check("Ponder"));
  CHECK(!t.set_from_uci("name Ponder value yes").empty());
  CHECK(t.check("Ponder"));

  CHECK(t.set_from_uci("name Book File value /tmp/a b/c.bin").empty());  // names and values with spaces
  CHECK(t.string("Book File") == "/tmp/a b/c.bin");
  CHECK(t.set_from_uci("name Book File value <empty>").empty());
  CHECK(t.string("Book File").empty());

  CHECK(t.set_from_uci("name Style value risky").empty());
  CHECK(t.string("Style") == "Risky");
  CHECK(!t.set_from_uci("name Style value Wild").empty());
  CHECK(t.string("Style") == "Risky");

  messages = t.set_from_uci("name Picky value bad");
  CHECK(messages == std::vector<std::string>{"no bad values"});
  CHECK(t.string("Picky") == "good");

  messages = t.set_from_uci("name Nonsense value 1");
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].find("unknown option 'Nonsense'") != std::string::npos);
  CHECK(!t.set_from_uci("Threads 3").empty());
  CHECK(t.spin("Threads") == 8);
}

TEST_CASE("options: declarations in UCI form, each name once", "[uci][options]") {
  int threads = 0;
  std::string refused;
  OptionTable t = sample_table(threads, refused);
  CHECK(t.uci_declarations() ==
        "option name Threads type spin default 1 min 1 max 8\n"
        "option name Ponder type check default false\n"
        "option name Book File type string default <empty>\n"
        "option name Style type combo default Normal var Solid var Normal var Risky\n"
        "option name Picky type string default good");
  CHECK_THROWS(t.add_check("ponder", true, "a second Ponder"));
}

TEST_CASE("options: the README's option table is the one the engine declares", "[uci][options][readme]") {
  corvid::chess::init();
  std::istringstream no_input;
  std::ostringstream no_output;
  const corvid::UciLoop loop(no_input, no_output);
  const std::string expected = loop.options().readme_table();

  std::ifstream in(corvid::test::data_path("../../README.md"));
  REQUIRE(in);
  std::string line, found;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line == "| option | type | default | |") inside = true;
    if (inside && line.empty()) break;
    if (inside) found += line + "\n";
  }
  if (found != expected) {
    // Written out whole, so the README can be brought up to date by pasting it.
    const std::string file = (std::filesystem::temp_directory_path() / "corvid-readme-options.md").string();
    std::ofstream(file) << expected;
    INFO("README.md should hold the option table in " << file);
    CHECK(found == expected);
  }
}
