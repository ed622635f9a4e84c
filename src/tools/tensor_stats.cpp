#include "tools/tensor_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace corvid::tools {

std::size_t TensorView::count() const {
  std::size_t n = 1;
  for (std::size_t d : shape) n *= d;
  return n;
}

std::size_t TensorView::padded_count() const {
  return std::visit([](auto values) { return values.size(); }, stored);
}

std::size_t TensorView::element_bytes() const {
  return std::visit([](auto values) { return sizeof(values[0]); }, stored);
}

const char* TensorView::dtype() const {
  switch (element_bytes()) {
    case 1: return "int8";
    case 2: return "int16";
    default: return "int32";
  }
}

std::string TensorView::shape_text() const {
  std::string s;
  for (std::size_t d : shape) s += "[" + std::to_string(d) + "]";
  return s;
}

std::string TensorView::storage_text() const {
  if (storage && storage->encoding == nnue::TensorEncoding::Leb128)
    return "LEB128 (" + std::to_string(storage->compressed_bytes) + " bytes" + (block.empty() ? "" : ", shared block") +
           ")";
  return "raw (" + std::to_string(padded_count() * element_bytes()) + " bytes)";
}

namespace {

template <class T, class Alloc>
TensorView flat(std::string name, const std::vector<T, Alloc>& values, std::vector<std::size_t> shape) {
  TensorView t;
  t.name = std::move(name);
  t.stored = std::span<const T>(values);
  t.shape = std::move(shape);
  t.row_length = t.row_stride = t.shape.back();
  return t;
}

void add_affine(std::vector<TensorView>& out, const std::string& prefix, const nnue::AffineLayerData& layer) {
  out.push_back(flat(prefix + ".biases", layer.biases, {layer.outputs}));
  TensorView weights = flat(prefix + ".weights", layer.weights, {layer.outputs, layer.inputs});
  weights.row_stride = layer.padded_inputs;
  out.push_back(std::move(weights));
}

// Values per row: L1 for weights, the bucket count for PSQT.
std::size_t row_length(const nnue::Architecture& arch, nnue::FtTensor t) {
  switch (t) {
    case nnue::FtTensor::ThreatPsqt:
    case nnue::FtTensor::PairPsqt:
    case nnue::FtTensor::Psqt: return arch.psqt_buckets;
    default: return arch.l1;
  }
}

std::string tensor_name(nnue::FtTensor t) {
  switch (t) {
    case nnue::FtTensor::Biases: return "ft.biases";
    case nnue::FtTensor::ThreatWeights: return "ft.threat_weights";
    case nnue::FtTensor::ThreatPsqt: return "ft.threat_psqt_weights";
    case nnue::FtTensor::PairWeights: return "ft.pair_weights";
    case nnue::FtTensor::PairPsqt: return "ft.pair_psqt_weights";
    case nnue::FtTensor::Weights: return "ft.weights";
    case nnue::FtTensor::Psqt: return "ft.psqt_weights";
  }
  return "ft.?";
}

}  // namespace

std::vector<TensorView> list_tensors(const nnue::NetworkData& net) {
  const nnue::Architecture& arch = net.arch;
  const nnue::FeatureTransformerData& ft = net.ft;
  std::vector<TensorView> out;
  // In file order, as the generation's description (ft_blocks) has them.
  for (const nnue::FtBlock& block : nnue::ft_blocks(arch.feature_set))
    for (int k = 0; k < block.count; ++k) {
      const nnue::FtTensor t = block.tensors[k];
      const std::size_t rows = nnue::ft_tensor_size(arch, t) / (t == nnue::FtTensor::Biases ? 1 : row_length(arch, t));
      TensorView view;
      view.name = tensor_name(t);
      view.stored = std::visit([](auto span) { return TensorValues(span); }, nnue::ft_tensor(ft, arch, t));
      view.shape = t == nnue::FtTensor::Biases ? std::vector<std::size_t>{arch.l1}
                                               : std::vector<std::size_t>{rows, row_length(arch, t)};
      view.row_length = view.row_stride = view.shape.back();
      const nnue::BlockStorage* storage = ft.storage_of(block);
      view.storage = storage ? *storage : nnue::BlockStorage{};  // raw-only blocks
      if (block.count > 1) view.block = "ft.psqt";
      out.push_back(std::move(view));
    }
  for (std::size_t i = 0; i < net.stacks.size(); ++i) {
    const std::string prefix = "stack" + std::to_string(i);
    add_affine(out, prefix + ".fc0", net.stacks[i].fc0);
    add_affine(out, prefix + ".fc1", net.stacks[i].fc1);
    add_affine(out, prefix + ".fc2", net.stacks[i].fc2);
  }
  return out;
}

TensorStats compute_stats(const TensorView& tensor) {
  TensorStats stats;
  int64_t min = std::numeric_limits<int64_t>::max(), max = std::numeric_limits<int64_t>::min();
  // Integer sums are exact: at most ~1e8 values of at most 2^31 each.
  __int128 sum = 0;
  std::size_t zeros = 0, count = 0;
  tensor.for_each([&](std::size_t, int64_t v) {
    min = std::min(min, v);
    max = std::max(max, v);
    sum += v;
    zeros += v == 0;
    ++count;
  });
  stats.count = count;
  if (count == 0) return stats;
  stats.min = min;
  stats.max = max;
  stats.mean = double(sum) / double(count);
  stats.zero_fraction = double(zeros) / double(count);
  return stats;
}

Histogram compute_histogram(const TensorView& tensor, const TensorStats& stats, std::size_t bins) {
  Histogram h;
  h.min = stats.min;
  h.max = stats.max;
  const uint64_t span = uint64_t(stats.max - stats.min) + 1;
  const std::size_t n = span <= bins ? std::size_t(span) : bins;
  h.counts.assign(std::max<std::size_t>(n, 1), 0);
  h.bin_width = double(span) / double(h.counts.size());
  tensor.for_each([&](std::size_t, int64_t v) {
    const std::size_t bin = std::size_t(double(v - h.min) / h.bin_width);
    ++h.counts[std::min(bin, h.counts.size() - 1)];
  });
  return h;
}

}  // namespace corvid::tools
