#include "tools/net_inspect.h"

#include <cstdio>
#include <cstring>
#include <iomanip>
#include <sstream>

#include "nnue/architecture.h"
#include "nnue/format_error.h"
#include "tools/progress.h"
#include "tools/sha256.h"
#include "tools/tensor_stats.h"

namespace corvid::tools {

namespace {

uint32_t u32_at(const std::vector<uint8_t>& bytes, std::size_t offset) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= uint32_t(bytes[offset + i]) << (8 * i);
  return v;
}

struct StoredHash {
  std::string what;
  uint32_t stored = 0;
  uint32_t expected = 0;
  bool matches() const { return stored == expected; }
};

// The hashes as stored, beside the values the identified architecture implies. Their
// offsets follow from the sizes the reader has already checked.
std::vector<StoredHash> stored_hashes(const NetFile& file) {
  const nnue::NetworkData& net = *file.net;
  const nnue::Architecture& arch = net.arch;
  std::vector<StoredHash> hashes;
  hashes.push_back({"network", u32_at(file.bytes, 4), arch.network_hash()});
  hashes.push_back({"FT", u32_at(file.bytes, 12 + net.description.size()), arch.ft_hash()});
  const std::size_t stack_bytes = arch.layer_stack_bytes();
  for (uint32_t i = 0; i < arch.layer_stacks; ++i) {
    const std::size_t at = file.bytes.size() - (arch.layer_stacks - i) * stack_bytes;
    hashes.push_back({"stack " + std::to_string(i) + " FC", u32_at(file.bytes, at), arch.layer_stack_hash()});
  }
  return hashes;
}

struct Summary {
  std::string sha256;
  std::string content_name;
  std::string file_name;
  bool named_by_content = false;  // the file name has the nn-<sha12>.nnue form
  bool name_matches = false;
  std::vector<StoredHash> hashes;
  std::vector<TensorView> tensors;
  std::vector<TensorStats> stats;
};

Summary summarize(const NetFile& file) {
  Summary s;
  s.sha256 = sha256_hex(file.bytes);
  s.content_name = content_name(s.sha256);
  s.file_name = base_name(file.path);
  s.named_by_content = is_content_name(s.file_name);
  s.name_matches = s.file_name == s.content_name;
  s.hashes = stored_hashes(file);
  s.tensors = list_tensors(*file.net);
  Progress progress("statistics", s.tensors.size());
  for (const TensorView& t : s.tensors) {
    s.stats.push_back(compute_stats(t));
    progress.step();
  }
  return s;
}

std::string support_text(nnue::FeatureSetSupport support) {
  switch (support) {
    case nnue::FeatureSetSupport::Evaluable: return "evaluable";
    case nnue::FeatureSetSupport::ParseOnly: return "parse only (the evaluator cannot use this feature set yet)";
    default: return "name only";
  }
}

std::string name_verdict(const Summary& s) {
  if (s.name_matches) return "matches the content (" + s.content_name + ")";
  if (s.named_by_content) return "DOES NOT match the content: it should be " + s.content_name;
  return "not a content name; the content name is " + s.content_name;
}

std::string format_double(double v, int precision) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", precision, v);
  return buf;
}

}  // namespace

void print_inspection_text(const NetFile& file, std::ostream& out) {
  const nnue::NetworkData& net = *file.net;
  const nnue::Architecture& arch = net.arch;
  const Summary s = summarize(file);
  const auto row = [&](const std::string& key, const std::string& value) {
    out << std::left << std::setw(22) << key << value << "\n";
  };
  row("file", file.path + " (" + std::to_string(file.bytes.size()) + " bytes)");
  row("sha256", s.sha256);
  row("name", name_verdict(s));
  row("version", nnue::hex32(u32_at(file.bytes, 0)));
  std::string features = std::string(arch.feature_set.name) + " (" + std::to_string(arch.feature_set.inputs()) +
                         " inputs";
  if (arch.feature_set.threat_inputs > 0)
    features += ": " + std::to_string(arch.feature_set.threat_inputs) + " threat + " +
                (arch.feature_set.pair_inputs > 0 ? std::to_string(arch.feature_set.pair_inputs) + " pawn-pair + " : "") +
                std::to_string(arch.feature_set.psq_inputs) + " piece-square";
  row("feature set", features + ", hash " + nnue::hex32(arch.feature_set.hash) + ")");
  row("support", support_text(arch.feature_set.support));
  row("layers", "L1=" + std::to_string(arch.l1) + " L2=" + std::to_string(arch.l2) + " L3=" + std::to_string(arch.l3));
  row("PSQT buckets", std::to_string(arch.psqt_buckets));
  row("layer stacks", std::to_string(arch.layer_stacks));
  for (const StoredHash& h : s.hashes)
    row(h.what + " hash", nnue::hex32(h.stored) + (h.matches() ? " (matches " : " (DIFFERS from ") +
                              nnue::hex32(h.expected) + " for " + arch.describe() + ")");
  row("description", json_string(net.description));
  out << "\n"
      << std::left << std::setw(26) << "tensor" << std::setw(7) << "dtype" << std::setw(16) << "shape"
      << std::setw(34) << "stored as" << std::right << std::setw(12) << "min" << std::setw(12) << "max"
      << std::setw(12) << "mean" << std::setw(8) << "zeros" << "\n";
  for (std::size_t i = 0; i < s.tensors.size(); ++i) {
    const TensorView& t = s.tensors[i];
    const TensorStats& st = s.stats[i];
    out << std::left << std::setw(26) << t.name << std::setw(7) << t.dtype() << std::setw(16) << t.shape_text()
        << std::setw(34) << t.storage_text() << std::right << std::setw(12) << st.min << std::setw(12) << st.max
        << std::setw(12) << format_double(st.mean, 3) << std::setw(7) << format_double(st.zero_fraction * 100, 1)
        << "%\n";
  }
}

std::string json_string(std::string_view text) {
  std::string s = "\"";
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c == '"' || c == '\\') {
      s += '\\';
      s += char(c);
      ++i;
    } else if (c < 0x20 || c == 0x7f) {
      static const char* NAMED[] = {"\\b", "\\t", "\\n", nullptr, "\\f", "\\r"};
      if (c >= 8 && c <= 13 && NAMED[c - 8]) {
        s += NAMED[c - 8];
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        s += buf;
      }
      ++i;
    } else if (c < 0x80) {
      s += char(c);
      ++i;
    } else {
      // Copy one well-formed UTF-8 sequence, or replace the bad byte.
      const std::size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
      bool valid = len > 0 && i + len <= n;
      for (std::size_t k = 1; valid && k < len; ++k) valid = (p[i + k] & 0xc0) == 0x80;
      if (valid && len == 3) {
        valid = !(c == 0xe0 && p[i + 1] < 0xa0) && !(c == 0xed && p[i + 1] >= 0xa0);  // overlong, surrogates
      } else if (valid && len == 4) {
        valid = !(c == 0xf0 && p[i + 1] < 0x90) && !(c == 0xf4 && p[i + 1] >= 0x90);
      }
      if (valid) {
        s.append(text.substr(i, len));
        i += len;
      } else {
        s += "\\ufffd";
        ++i;
      }
    }
  }
  return s + "\"";
}

void print_inspection_json(const NetFile& file, std::ostream& out) {
  const nnue::NetworkData& net = *file.net;
  const nnue::Architecture& arch = net.arch;
  const Summary s = summarize(file);
  const auto hex = [](uint32_t v) { return json_string(nnue::hex32(v)); };
  out << "{\n";
  out << "  \"file\": " << json_string(file.path) << ",\n";
  out << "  \"bytes\": " << file.bytes.size() << ",\n";
  out << "  \"sha256\": " << json_string(s.sha256) << ",\n";
  out << "  \"content_name\": " << json_string(s.content_name) << ",\n";
  out << "  \"name_matches_content\": " << (s.name_matches ? "true" : "false") << ",\n";
  out << "  \"version\": " << hex(u32_at(file.bytes, 0)) << ",\n";
  out << "  \"feature_set\": {\"name\": " << json_string(arch.feature_set.name)
      << ", \"hash\": " << hex(arch.feature_set.hash) << ", \"threat_inputs\": " << arch.feature_set.threat_inputs
      << ", \"pair_inputs\": " << arch.feature_set.pair_inputs
      << ", \"psq_inputs\": " << arch.feature_set.psq_inputs
      << ", \"evaluable\": " << (arch.feature_set.support == nnue::FeatureSetSupport::Evaluable ? "true" : "false")
      << "},\n";
  out << "  \"l1\": " << arch.l1 << ",\n  \"l2\": " << arch.l2 << ",\n  \"l3\": " << arch.l3 << ",\n";
  out << "  \"psqt_buckets\": " << arch.psqt_buckets << ",\n  \"layer_stacks\": " << arch.layer_stacks << ",\n";
  out << "  \"hashes\": [\n";
  for (std::size_t i = 0; i < s.hashes.size(); ++i) {
    const StoredHash& h = s.hashes[i];
    out << "    {\"what\": " << json_string(h.what) << ", \"stored\": " << hex(h.stored)
        << ", \"expected\": " << hex(h.expected) << ", \"matches\": " << (h.matches() ? "true" : "false") << "}"
        << (i + 1 < s.hashes.size() ? ",\n" : "\n");
  }
  out << "  ],\n";
  out << "  \"description\": " << json_string(net.description) << ",\n";
  out << "  \"tensors\": [\n";
  for (std::size_t i = 0; i < s.tensors.size(); ++i) {
    const TensorView& t = s.tensors[i];
    const TensorStats& st = s.stats[i];
    const bool leb128 = t.storage && t.storage->encoding == nnue::TensorEncoding::Leb128;
    out << "    {\"name\": " << json_string(t.name) << ", \"dtype\": " << json_string(t.dtype()) << ", \"shape\": [";
    for (std::size_t d = 0; d < t.shape.size(); ++d) out << (d ? ", " : "") << t.shape[d];
    out << "], \"storage\": " << json_string(leb128 ? "leb128" : "raw");
    if (leb128) out << ", \"compressed_bytes\": " << t.storage->compressed_bytes;
    if (!t.block.empty()) out << ", \"block\": " << json_string(t.block);
    out << ", \"min\": " << st.min << ", \"max\": " << st.max << ", \"mean\": " << format_double(st.mean, 6)
        << ", \"zero_fraction\": " << format_double(st.zero_fraction, 6) << "}"
        << (i + 1 < s.tensors.size() ? ",\n" : "\n");
  }
  out << "  ]\n}\n";
}

}  // namespace corvid::tools
