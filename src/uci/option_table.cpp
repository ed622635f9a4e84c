#include "uci/option_table.h"

#include <algorithm>
#include <stdexcept>

#include "uci/text.h"

namespace corvid {

namespace {

const char* type_name(OptionType type) {
  switch (type) {
    case OptionType::Check: return "check";
    case OptionType::Spin: return "spin";
    case OptionType::Combo: return "combo";
    case OptionType::Button: return "button";
    case OptionType::String: return "string";
  }
  return "?";
}

// UCI has no way to write an empty default, so GUIs and engines use "<empty>".
std::string shown(const std::string& value) { return value.empty() ? "<empty>" : value; }

}  // namespace

int64_t Option::as_int() const {
  int64_t v = 0;
  parse_int(value_, v);
  return v;
}

std::string Option::uci_declaration() const {
  std::string line = "option name " + name_ + " type " + type_name(type_);
  switch (type_) {
    case OptionType::Button: break;
    case OptionType::Spin:
      line += " default " + default_ + " min " + std::to_string(min_) + " max " + std::to_string(max_);
      break;
    case OptionType::Combo:
      line += " default " + default_;
      for (const std::string& choice : choices_) line += " var " + choice;
      break;
    default: line += " default " + shown(default_);
  }
  return line;
}

std::string Option::readme_row() const {
  std::string type = type_name(type_);
  if (type_ == OptionType::Spin) type += " " + std::to_string(min_) + ".." + std::to_string(max_);
  if (type_ == OptionType::Combo) {
    type += " ";
    for (size_t i = 0; i < choices_.size(); ++i) type += (i ? "\\|" : "") + choices_[i];
  }
  // Markdown would swallow "<empty>" as a tag.
  const std::string def = type_ == OptionType::Button ? "" : default_.empty() ? "empty" : default_;
  return "| " + name_ + " | " + type + " | " + def + " | " + help_ + " |";
}

Option& OptionTable::add(std::string name, OptionType type, std::string value, std::string help, OnChange on_change) {
  if (find(name)) throw std::logic_error("option declared twice: " + name);
  Option option;
  option.name_ = std::move(name);
  option.type_ = type;
  option.default_ = value;
  option.value_ = std::move(value);
  option.help_ = std::move(help);
  option.on_change_ = std::move(on_change);
  options_.push_back(std::move(option));
  return options_.back();
}

void OptionTable::add_spin(std::string name, int64_t value, int64_t min, int64_t max, std::string help,
                           OnChange on_change) {
  Option& o = add(std::move(name), OptionType::Spin, std::to_string(value), std::move(help), std::move(on_change));
  o.min_ = min;
  o.max_ = max;
}

void OptionTable::add_check(std::string name, bool value, std::string help, OnChange on_change) {
  add(std::move(name), OptionType::Check, value ? "true" : "false", std::move(help), std::move(on_change));
}

void OptionTable::add_string(std::string name, std::string value, std::string help, OnChange on_change) {
  add(std::move(name), OptionType::String, std::move(value), std::move(help), std::move(on_change));
}

void OptionTable::add_combo(std::string name, std::string value, std::vector<std::string> choices, std::string help,
                            OnChange on_change) {
  Option& o = add(std::move(name), OptionType::Combo, std::move(value), std::move(help), std::move(on_change));
  o.choices_ = std::move(choices);
}

void OptionTable::add_button(std::string name, std::string help, OnChange on_change) {
  add(std::move(name), OptionType::Button, "", std::move(help), std::move(on_change));
}

const Option* OptionTable::find(std::string_view name) const {
  const std::string key = lower(name);
  for (const Option& o : options_)
    if (lower(o.name_) == key) return &o;
  return nullptr;
}

const Option& OptionTable::get(std::string_view name) const {
  if (const Option* o = find(name)) return *o;
  throw std::logic_error("no such option: " + std::string(name));
}

std::optional<SetoptionArgs> split_setoption(std::string_view args) {
  const auto [word, rest] = split_first(args);
  if (word != "name") return std::nullopt;
  SetoptionArgs split{rest, {}};
  if (const size_t at = rest.find(" value "); at != std::string_view::npos) {
    split.name = trim(rest.substr(0, at));
    split.value = trim(rest.substr(at + 7));
  } else if (rest.ends_with(" value")) {
    split.name = trim(rest.substr(0, rest.size() - 6));
  }
  return split;
}

std::vector<std::string> OptionTable::set_from_uci(std::string_view args) {
  const std::optional<SetoptionArgs> split = split_setoption(args);
  if (!split) return {"setoption: expected 'setoption name <name> [value <value>]'"};
  const auto [name, value] = *split;
  const Option* found = find(name);
  if (!found) return {"setoption: unknown option '" + printable(name) + "'"};
  return set(options_[size_t(found - options_.data())], value);
}

std::vector<std::string> OptionTable::set(Option& o, std::string_view value) {
  std::vector<std::string> messages;
  std::string next(value);
  switch (o.type_) {
    case OptionType::Spin: {
      int64_t v = 0;
      if (!parse_int(value, v)) {
        return {"setoption: " + o.name_ + " takes a whole number from " + std::to_string(o.min_) + " to " +
                std::to_string(o.max_) + ", found '" + printable(value) + "'; kept " + o.value_};
      }
      if (v < o.min_ || v > o.max_) {
        const int64_t clamped = std::clamp(v, o.min_, o.max_);
        messages.push_back("setoption: " + o.name_ + " " + std::to_string(v) + " is out of range " +
                           std::to_string(o.min_) + ".." + std::to_string(o.max_) + "; clamped to " +
                           std::to_string(clamped));
        v = clamped;
      }
      next = std::to_string(v);
      break;
    }
    case OptionType::Check:
      next = lower(value);
      if (next != "true" && next != "false")
        return {"setoption: " + o.name_ + " takes true or false, found '" + printable(value) + "'; kept " + o.value_};
      break;
    case OptionType::Combo: {
      const auto match = std::find_if(o.choices_.begin(), o.choices_.end(),
                                      [&](const std::string& c) { return lower(c) == lower(value); });
      if (match == o.choices_.end()) {
        std::string list;
        for (const std::string& c : o.choices_) list += (list.empty() ? "" : ", ") + c;
        return {"setoption: " + o.name_ + " takes one of " + list + ", found '" + printable(value) + "'; kept " +
                o.value_};
      }
      next = *match;
      break;
    }
    case OptionType::Button: next.clear(); break;
    case OptionType::String:
      if (next == "<empty>") next.clear();
      break;
  }
  std::string previous = std::move(o.value_);
  o.value_ = std::move(next);
  if (o.on_change_) {
    if (std::optional<std::string> refused = o.on_change_(o)) {
      o.value_ = std::move(previous);
      messages.push_back(std::move(*refused));
    }
  }
  return messages;
}

std::string OptionTable::uci_declarations() const {
  std::string out;
  for (const Option& o : options_) out += (out.empty() ? "" : "\n") + o.uci_declaration();
  return out;
}

std::string OptionTable::readme_table() const {
  std::string out = "| option | type | default | |\n| --- | --- | --- | --- |\n";
  for (const Option& o : options_) out += o.readme_row() + "\n";
  return out;
}

}  // namespace corvid
