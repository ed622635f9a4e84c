// Every tensor of a net under one name and one read-only view, for inspect, diff and the
// pictures. FC weight rows are viewed without their padding columns: those are layout,
// not weights.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "nnue/network_data.h"

namespace corvid::tools {

using TensorValues = std::variant<std::span<const int8_t>, std::span<const int16_t>, std::span<const int32_t>>;

struct TensorView {
  std::string name;                 // "ft.weights", "stack3.fc0.weights", ...
  std::vector<std::size_t> shape;   // logical shape, padding excluded
  TensorValues stored;              // as in the file, padding included
  std::size_t row_length = 0;       // logical values per stored row
  std::size_t row_stride = 0;       // stored values per row (>= row_length)
  std::optional<nnue::BlockStorage> storage;  // feature-transformer blocks only
  std::string block;                // the block it is stored in, when shared

  std::size_t count() const;        // logical values
  std::size_t padded_count() const; // stored values
  const char* dtype() const;        // "int8", "int16", "int32"
  std::size_t element_bytes() const;
  std::string shape_text() const;   // "[22528][1024]"
  std::string storage_text() const; // "raw", "LEB128 (12345678 bytes)"

  // f(logical_index, value) for every logical value, in file order.
  template <class F>
  void for_each(F&& f) const {
    std::visit(
        [&](auto values) {
          std::size_t index = 0;
          for (std::size_t row = 0; row * row_stride < values.size(); ++row)
            for (std::size_t col = 0; col < row_length; ++col) f(index++, int64_t(values[row * row_stride + col]));
        },
        stored);
  }
};

// Feature transformer first (biases, threat weights, weights, threat PSQT, PSQT), then
// each layer stack's fc0, fc1, fc2 biases and weights, in file order.
std::vector<TensorView> list_tensors(const nnue::NetworkData& net);

struct TensorStats {
  std::size_t count = 0;
  int64_t min = 0;
  int64_t max = 0;
  double mean = 0;
  double zero_fraction = 0;
};

TensorStats compute_stats(const TensorView& tensor);

// Counts of values in `bins` equal-width bins over [min, max]; for integer ranges no
// wider than `bins`, one bin per integer value.
struct Histogram {
  int64_t min = 0;
  int64_t max = 0;
  std::vector<uint64_t> counts;
  double bin_width = 1;
};
Histogram compute_histogram(const TensorView& tensor, const TensorStats& stats, std::size_t bins);

}  // namespace corvid::tools
