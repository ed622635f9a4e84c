// `corvid net export --format onnx`: the net as an ONNX model that reproduces Stockfish's
// integer arithmetic exactly. Inputs: us_features and them_features (int64 active feature
// indices, side to move first; `corvid net features` prints them) and bucket (int64
// scalar). Outputs: psqt_raw and positional_raw (int32 [1]), as the NNUE vectors define
// them. README *Exchange formats* says why each operator is exact.
#pragma once

#include <string>

#include "nnue/network_data.h"

namespace corvid::tools {

struct ExportResult {
  bool ok = false;
  std::string error;
};

// The serialised ModelProto; empty with *error set when the generation cannot be exported.
std::string onnx_model_bytes(const nnue::NetworkData& net, const std::string& net_name, std::string* error);

ExportResult export_onnx(const nnue::NetworkData& net, const std::string& net_name, const std::string& out_path);

}  // namespace corvid::tools
