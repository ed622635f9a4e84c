// Every UCI option declared once: name, type, default, range and what happens when it is
// set. The `uci` declarations, `setoption` parsing and range checks, and the rows of the
// README's option table all come from here, so a default or a range is written once.
// Adding an option is one add_*() call; a tuning build registers its search tunables the
// same way (add_spin with the tunable's own range and a callback that stores the value).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corvid {

enum class OptionType { Check, Spin, Combo, Button, String };

class Option {
 public:
  // Called after a new value is stored. A returned message means the change was refused:
  // the old value is put back and the message is reported.
  using OnChange = std::function<std::optional<std::string>(const Option&)>;

  const std::string& name() const { return name_; }
  OptionType type() const { return type_; }
  const std::string& default_text() const { return default_; }
  int64_t min() const { return min_; }
  int64_t max() const { return max_; }
  const std::vector<std::string>& choices() const { return choices_; }
  const std::string& help() const { return help_; }

  int64_t as_int() const;
  bool as_bool() const { return value_ == "true"; }
  const std::string& as_string() const { return value_; }

  std::string uci_declaration() const;  // "option name ... type ..."
  std::string readme_row() const;       // "| name | type | default | help |"

 private:
  friend class OptionTable;
  std::string name_;
  OptionType type_ = OptionType::String;
  std::string default_;
  int64_t min_ = 0, max_ = 0;
  std::vector<std::string> choices_;
  std::string help_;
  std::string value_;
  OnChange on_change_;
};

// The name and value of `setoption name <name> [value <value>]` (both may hold spaces;
// the value is empty when absent), from the arguments after "setoption"; none when they
// do not start with `name`.
struct SetoptionArgs {
  std::string_view name, value;
};
std::optional<SetoptionArgs> split_setoption(std::string_view args);

class OptionTable {
 public:
  using OnChange = Option::OnChange;

  void add_spin(std::string name, int64_t value, int64_t min, int64_t max, std::string help, OnChange on_change = {});
  void add_check(std::string name, bool value, std::string help, OnChange on_change = {});
  void add_string(std::string name, std::string value, std::string help, OnChange on_change = {});
  void add_combo(std::string name, std::string value, std::vector<std::string> choices, std::string help,
                 OnChange on_change = {});
  void add_button(std::string name, std::string help, OnChange on_change);

  // The `setoption name <name> [value <value>]` arguments (after "setoption"). Returns the
  // messages to report: empty when the value was taken as given. Numbers out of range are
  // clamped (and said); anything else that is wrong keeps the old value.
  std::vector<std::string> set_from_uci(std::string_view args);

  const Option* find(std::string_view name) const;  // case-insensitive, as UCI asks
  int64_t spin(std::string_view name) const { return get(name).as_int(); }
  bool check(std::string_view name) const { return get(name).as_bool(); }
  const std::string& string(std::string_view name) const { return get(name).as_string(); }

  std::string uci_declarations() const;  // one line per option, in declaration order
  std::string readme_table() const;      // the README's option table, header included
  const std::vector<Option>& options() const { return options_; }

 private:
  Option& add(std::string name, OptionType type, std::string value, std::string help, OnChange on_change);
  const Option& get(std::string_view name) const;
  std::vector<std::string> set(Option& option, std::string_view value);

  std::vector<Option> options_;
};

}  // namespace corvid
