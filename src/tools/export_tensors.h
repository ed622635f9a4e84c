// The tensors of a net as the exchange formats (ONNX, NNEF) see them: one named, typed,
// shaped integer tensor per file block, the eight layer stacks stacked along a leading
// axis. Both exporters and the NNEF importer work from this one table, so a tensor added
// here (as the threat features were) reaches every format. Data is little-endian.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "nnue/network_data.h"

namespace corvid::tools {

enum class IntType : uint8_t { Int8, Int16, Int32 };

int bits_of(IntType type);
const char* name_of(IntType type);  // "int8", "int16", "int32"

// How a stored integer maps to the real value the trainer had: real = stored * scale.
// These are the nnue-pytorch quantisation constants the format implies.
struct Quantisation {
  double scale = 1.0;
  const char* why = "";
};

struct ExportTensor {
  std::string name;    // identifier in graphs: ft_weights, fc0_weights, ...
  std::string label;   // NNEF label and .dat path without extension: ft/weights, ...
  IntType type = IntType::Int32;
  std::vector<uint32_t> dims;
  Quantisation quantisation;
  std::function<std::vector<uint8_t>(const nnue::NetworkData&)> get;        // the bytes, row-major
  std::function<void(nnue::NetworkData&, std::span<const uint8_t>)> set;  // bytes of get's size

  std::size_t element_count() const;
  std::size_t byte_count() const { return element_count() * std::size_t(bits_of(type) / 8); }
};

// Why the exchange formats cannot carry this architecture yet, or nothing when they can.
std::optional<std::string> export_refusal(const nnue::Architecture& arch);

// The table for arch (call export_refusal first).
std::vector<ExportTensor> export_tensors(const nnue::Architecture& arch);

}  // namespace corvid::tools
