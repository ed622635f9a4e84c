#include "tools/net_verify_diff.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "nnue/network_writer.h"
#include "nnue/overflow_bounds.h"
#include "tools/net_file.h"
#include "tools/sha256.h"
#include "tools/tensor_stats.h"

namespace corvid::tools {

namespace {

// "FT LEB128" when every compressible block has one encoding, else each block's.
std::string encodings(const nnue::NetworkData& net) {
  std::string all, each;
  bool same = true;
  for (const nnue::FtBlock& block : nnue::ft_blocks(net.arch.feature_set))
    if (const nnue::BlockStorage* storage = net.ft.storage_of(block)) {
      const std::string name = storage->encoding == nnue::TensorEncoding::Leb128 ? "LEB128" : "raw";
      same = same && (all.empty() || all == name);
      if (all.empty()) all = name;
      each += (each.empty() ? "FT " : ", ") + nnue::ft_block_name(block) + " " + name;
    }
  return same ? "FT " + all : each;
}

}  // namespace

VerifyResult verify_net_file(const std::string& path) {
  VerifyResult result;
  const NetFile file = load_net_file(path);
  if (!file.ok()) {
    result.line = "FAIL " + file.error;
    return result;
  }
  const nnue::NetworkData& net = *file.net;
  std::vector<uint8_t> rewritten;
  try {
    rewritten = nnue::write_network(net);
  } catch (const std::exception& e) {
    result.line = "FAIL " + path + ": cannot re-encode: " + e.what();
    return result;
  }
  if (rewritten != file.bytes) {
    const auto diff = std::mismatch(rewritten.begin(), rewritten.end(), file.bytes.begin(), file.bytes.end());
    result.line = "FAIL " + path + ": does not re-encode to the same bytes (first difference at offset " +
                  std::to_string(diff.second - file.bytes.begin()) + ")";
    return result;
  }
  const std::string name = base_name(path);
  if (is_content_name(name)) {
    const std::string expected = content_name(sha256_hex(file.bytes));
    if (name != expected) {
      result.line = "FAIL " + path + ": content does not match its name: sha256 names it " + expected +
                    " (a damaged or edited file)";
      return result;
    }
  }
  // A well-formed net may still hold values the evaluator cannot sum without overflow.
  const std::string overflow =
      net.arch.feature_set.support == nnue::FeatureSetSupport::Evaluable ? nnue::overflow_risk(net) : "";
  result.ok = true;
  result.line = "OK " + path + ": " + net.arch.describe() + ", " + std::to_string(net.arch.psqt_buckets) +
                " PSQT buckets, " + std::to_string(net.arch.layer_stacks) + " layer stacks, " + encodings(net) +
                (net.arch.feature_set.support != nnue::FeatureSetSupport::Evaluable
                     ? " (parse only: the evaluator cannot use this feature set yet)"
                     : overflow.empty() ? "" : " (sound as a file, but the engine refuses it: " + overflow + ")");
  return result;
}

namespace {

std::string index_text(const TensorView& t, std::size_t index) {
  std::string s;
  for (std::size_t d = t.shape.size(); d-- > 0;) {
    s = "[" + std::to_string(index % t.shape[d]) + "]" + s;
    index /= t.shape[d];
  }
  return s;
}

struct TensorDiff {
  std::size_t differing = 0;
  int64_t max_abs = 0;
  std::size_t max_at = 0;
  double sum_abs = 0;
};

TensorDiff compare(const TensorView& a, const TensorView& b) {
  TensorDiff d;
  std::visit(
      [&](auto va, auto vb) {
        std::size_t index = 0;
        for (std::size_t row = 0; row * a.row_stride < va.size(); ++row)
          for (std::size_t col = 0; col < a.row_length; ++col, ++index) {
            const int64_t x = va[row * a.row_stride + col], y = vb[row * b.row_stride + col];
            if (x == y) continue;
            const int64_t delta = std::llabs(x - y);
            ++d.differing;
            d.sum_abs += double(delta);
            if (delta > d.max_abs) d.max_abs = delta, d.max_at = index;
          }
      },
      a.stored, b.stored);
  return d;
}

std::string percent(std::size_t part, std::size_t whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g%%", whole ? 100.0 * double(part) / double(whole) : 0.0);
  return buf;
}

}  // namespace

int diff_net_files(const std::string& path_a, const std::string& path_b, std::ostream& out, std::ostream& err) {
  const NetFile a = load_net_file(path_a);
  if (!a.ok()) return err << "corvid net diff: " << a.error << "\n", 2;
  const NetFile b = load_net_file(path_b);
  if (!b.ok()) return err << "corvid net diff: " << b.error << "\n", 2;
  if (a.bytes == b.bytes) {
    out << "identical files\n";
    return 0;
  }
  const nnue::NetworkData& na = *a.net;
  const nnue::NetworkData& nb = *b.net;
  bool contents_differ = false;
  if (!(na.arch == nb.arch)) {
    out << "architecture: " << na.arch.describe() << " vs " << nb.arch.describe() << "\n";
    contents_differ = true;
  }
  if (na.description != nb.description) {
    out << "description differs\n";
    contents_differ = true;
  }
  const auto tensors_a = list_tensors(na), tensors_b = list_tensors(nb);
  std::map<std::string, const TensorView*> by_name;
  for (const TensorView& t : tensors_b) by_name[t.name] = &t;
  std::size_t differing_tensors = 0;
  for (const TensorView& ta : tensors_a) {
    const auto it = by_name.find(ta.name);
    if (it == by_name.end()) {
      out << ta.name << ": only in " << path_a << "\n";
      ++differing_tensors;
      continue;
    }
    const TensorView& tb = *it->second;
    by_name.erase(it);
    const std::string sa = ta.storage_text(), sb = tb.storage_text();
    const bool encoding_differs = ta.storage && tb.storage && ta.storage->encoding != tb.storage->encoding;
    if (encoding_differs) out << ta.name << ": stored " << sa << " vs " << sb << " (same values when not listed below)\n";
    if (ta.shape != tb.shape || ta.element_bytes() != tb.element_bytes()) {
      out << ta.name << ": shape " << ta.dtype() << ta.shape_text() << " vs " << tb.dtype() << tb.shape_text() << "\n";
      ++differing_tensors;
      continue;
    }
    const TensorDiff d = compare(ta, tb);
    if (d.differing == 0) continue;
    ++differing_tensors;
    char mean[32];
    std::snprintf(mean, sizeof mean, "%.3g", d.sum_abs / double(d.differing));
    out << ta.name << " " << ta.shape_text() << ": " << d.differing << " of " << ta.count() << " values differ ("
        << percent(d.differing, ta.count()) << "), max |a-b| " << d.max_abs << " at " << index_text(ta, d.max_at)
        << ", mean |a-b| " << mean << " where they differ\n";
  }
  for (const auto& [name, t] : by_name) {
    out << name << ": only in " << path_b << "\n";
    ++differing_tensors;
  }
  contents_differ = contents_differ || differing_tensors > 0;
  if (contents_differ)
    out << differing_tensors << " of " << std::max(tensors_a.size(), tensors_b.size()) << " tensors differ\n";
  else
    out << "same contents, stored differently\n";
  return contents_differ ? 1 : 0;
}

}  // namespace corvid::tools
