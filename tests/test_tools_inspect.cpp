// `corvid net inspect` on the reference nets: the architecture figures, the Full_Threats
// net recognised as such, and --json output that a JSON parser accepts.
#include <catch2/catch.hpp>
#include <regex>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>

#include "net_test_support.h"
#include "process_support.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"
#include "tools/net_inspect.h"

namespace {

using corvid::test::CommandResult;

CommandResult run(const std::string& arguments) {
  return corvid::test::run_corvid(arguments, "", corvid::test::Stderr::Drop);
}

// A strict JSON (RFC 8259) checker that also collects every object key it sees.
class JsonChecker {
 public:
  explicit JsonChecker(const std::string& text) : s_(text) {}

  bool valid() {
    skip_space();
    if (!value()) return false;
    skip_space();
    return pos_ == s_.size();
  }
  const std::set<std::string>& keys() const { return keys_; }

 private:
  bool value() {
    skip_space();
    if (pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (c == '{') return object();
    if (c == '[') return array();
    if (c == '"') return string(nullptr);
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return number();
    for (const char* word : {"true", "false", "null"})
      if (s_.compare(pos_, std::strlen(word), word) == 0) return pos_ += std::strlen(word), true;
    return false;
  }
  bool object() {
    ++pos_;
    skip_space();
    if (peek('}')) return ++pos_, true;
    for (;;) {
      skip_space();
      std::string key;
      if (!string(&key)) return false;
      keys_.insert(key);
      skip_space();
      if (!peek(':')) return false;
      ++pos_;
      if (!value()) return false;
      skip_space();
      if (peek('}')) return ++pos_, true;
      if (!peek(',')) return false;
      ++pos_;
    }
  }
  bool array() {
    ++pos_;
    skip_space();
    if (peek(']')) return ++pos_, true;
    for (;;) {
      if (!value()) return false;
      skip_space();
      if (peek(']')) return ++pos_, true;
      if (!peek(',')) return false;
      ++pos_;
    }
  }
  bool string(std::string* out) {
    if (!peek('"')) return false;
    ++pos_;
    while (pos_ < s_.size()) {
      const unsigned char c = s_[pos_++];
      if (c == '"') return true;
      if (c < 0x20) return false;
      if (c == '\\') {
        if (pos_ >= s_.size()) return false;
        const char e = s_[pos_++];
        if (e == 'u') {
          for (int i = 0; i < 4; ++i)
            if (pos_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[pos_++]))) return false;
        } else if (e == 0 || !std::strchr("\"\\/bfnrt", e)) {
          return false;
        }
      }
      if (out) *out += char(c);
    }
    return false;
  }
  bool number() {
    const std::size_t start = pos_;
    if (peek('-')) ++pos_;
    if (peek('0')) {
      ++pos_;
    } else {
      if (!digits()) return false;
    }
    if (peek('.')) {
      ++pos_;
      if (!digits()) return false;
    }
    if (peek('e') || peek('E')) {
      ++pos_;
      if (peek('+') || peek('-')) ++pos_;
      if (!digits()) return false;
    }
    return pos_ > start;
  }
  bool digits() {
    const std::size_t start = pos_;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    return pos_ > start;
  }
  bool peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) ++pos_;
  }

  const std::string s_;  // a copy: callers may pass temporaries
  std::size_t pos_ = 0;
  std::set<std::string> keys_;
};

struct Expected {
  const char* name;
  const char* feature_set;
  const char* l1;
  bool full_threats;
};

// Whether some line of `text` matches `pattern` whole. Line by line: std::regex recurses
// per character, and a whole 10 kB report overflows the stack under AddressSanitizer.
bool has_line_matching(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  for (const std::string& line : corvid::test::lines_of(text))
    if (std::regex_match(line, re)) return true;
  return false;
}

const Expected REFERENCE[] = {
    {"nn-ad9b42354671.nnue", "HalfKAv2_hm", "L1=1024", false},
    {"nn-37f18f62d772.nnue", "HalfKAv2_hm", "L1=128", false},
    {"nn-c288c895ea92.nnue", "Full_Threats+HalfKAv2_hm", "L1=1024", true},
};

}  // namespace

TEST_CASE("tools: corvid net inspect prints the architecture of each reference net", "[tools][inspect]") {
  for (const Expected& e : REFERENCE) {
    const std::string path = corvid::test::reference_net(e.name);
    if (path.empty()) continue;
    const CommandResult r = run("net inspect '" + path + "'");
    INFO(e.name << "\n" << r.output);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.output, Catch::Contains(e.feature_set));
    CHECK_THAT(r.output, Catch::Contains(std::string(e.l1) + " L2=15 L3=32"));
    CHECK(has_line_matching(r.output, "PSQT buckets +8"));
    CHECK(has_line_matching(r.output, "layer stacks +8"));
    CHECK_THAT(r.output, Catch::Contains("0x7AF32F20"));
    // The name is its sha256 prefix, so the printed digest must start with it.
    CHECK_THAT(r.output, Catch::Contains("sha256") && Catch::Contains(std::string(e.name).substr(3, 12)));
    CHECK_THAT(r.output, Catch::Contains("matches the content"));
    CHECK_THAT(r.output, !Catch::Contains("DIFFERS"));
    CHECK_THAT(r.output, Catch::Contains("stack 7 FC hash"));
    CHECK_THAT(r.output, Catch::Contains("stack7.fc2.weights"));
    CHECK_THAT(r.output, Catch::Contains("nnue-pytorch"));  // all three carry the trainer's description
    if (e.full_threats) {
      CHECK_THAT(r.output, Catch::Contains("79856 threat + 22528 piece-square"));
      CHECK_THAT(r.output, Catch::Contains("ft.threat_weights") && Catch::Contains("[79856][1024]"));
      CHECK_THAT(r.output, !Catch::Contains("parse only"));
    } else {
      CHECK_THAT(r.output, !Catch::Contains("Full_Threats"));
      CHECK_THAT(r.output, Catch::Contains("[22528][" + std::string(e.l1 + 3) + "]"));
    }
  }
}

TEST_CASE("tools: corvid net inspect shows how each tensor is stored", "[tools][inspect]") {
  const std::string small = corvid::test::reference_net("nn-37f18f62d772.nnue");  // LEB128 (README)
  if (!small.empty()) {
    const CommandResult r = run("net inspect '" + small + "'");
    CHECK(has_line_matching(r.output, "ft\\.weights +int16 +\\[22528\\]\\[128\\] +LEB128 \\([0-9]+ bytes\\).*"));
  }
  const std::string big = corvid::test::reference_net("nn-ad9b42354671.nnue");  // raw: 2 bytes a weight
  if (!big.empty()) {
    const CommandResult r = run("net inspect '" + big + "'");
    CHECK_THAT(r.output, Catch::Contains("raw (" + std::to_string(22528 * 1024 * 2) + " bytes)"));
  }
}

TEST_CASE("tools: corvid net inspect --json is valid JSON with the expected keys", "[tools][inspect]") {
  for (const Expected& e : REFERENCE) {
    const std::string path = corvid::test::reference_net(e.name);
    if (path.empty()) continue;
    const CommandResult r = run("net inspect --json '" + path + "'");
    INFO(e.name << "\n" << r.output.substr(0, 2000));
    REQUIRE(r.status == 0);
    JsonChecker json(r.output);
    REQUIRE(json.valid());
    for (const char* key : {"sha256", "version", "feature_set", "l1", "l2", "l3", "psqt_buckets", "layer_stacks",
                            "hashes", "description", "tensors", "dtype", "shape", "storage", "min", "max", "mean",
                            "zero_fraction", "name_matches_content"})
      CHECK(json.keys().count(key) == 1);
    CHECK_THAT(r.output, Catch::Contains(std::string("\"name\": \"") + e.feature_set + "\""));
    CHECK_THAT(r.output, Catch::Contains("\"l1\": " + std::string(e.l1 + 3) + ","));
  }
}

TEST_CASE("tools: JSON strings escape quotes and control characters and replace bad UTF-8", "[tools][inspect]") {
  using corvid::tools::json_string;
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_string("line\nnext\ttab") == "\"line\\nnext\\ttab\"");
  CHECK(json_string(std::string("\x01", 1)) == "\"\\u0001\"");
  CHECK(json_string("caf\xc3\xa9") == "\"caf\xc3\xa9\"");   // valid UTF-8 kept
  CHECK(json_string("bad\xff") == "\"bad\\ufffd\"");        // invalid byte replaced
  CHECK(json_string("\xc3") == "\"\\ufffd\"");              // sequence cut short
  std::string description = "say \"hi\"\n";
  description += char(0);
  JsonChecker checker("{\"d\": " + json_string(description) + "}");
  CHECK(checker.valid());
}

TEST_CASE("tools: corvid net inspect refuses a file that is not a net", "[tools][inspect]") {
  const CommandResult r = run("net inspect /dev/null");
  CHECK(r.status == 1);
  CHECK(r.output.empty());  // the refusal goes to stderr
}
