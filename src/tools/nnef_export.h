// `corvid net export --format nnef` and `corvid net import`: the net as an NNEF 1.0 model
// in a tar: graph.nnef (text graph, one fragment for the layer stack invoked per bucket),
// graph.quant (each tensor's integer quantisation), one .dat per tensor, and
// corvid-nnue.txt + description.txt with what the .nnue file holds beyond the tensors
// (feature set, L1, each block's compression, the description), so import gives back the
// original file byte for byte. A .dat changed with other tools is imported as changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "nnue/network_data.h"
#include "tools/onnx_export.h"

namespace corvid::tools {

// The text of graph.nnef and graph.quant for net (export_refusal must be empty).
std::string nnef_graph_text(const nnue::NetworkData& net, const std::string& net_name);
std::string nnef_quant_text(const nnue::NetworkData& net);

// The archive, or empty with *error set when the generation cannot be exported.
std::vector<uint8_t> nnef_archive(const nnue::NetworkData& net, const std::string& net_name, std::string* error);
ExportResult export_nnef(const nnue::NetworkData& net, const std::string& net_name, const std::string& out_path);

// The net an archive describes, or nothing with *error set (missing file, wrong shape...).
std::optional<nnue::NetworkData> import_nnef_archive(const std::vector<uint8_t>& archive, std::string* error);
// Reads archive_path, writes the .nnue to out_path.
ExportResult import_nnef(const std::string& archive_path, const std::string& out_path);

}  // namespace corvid::tools
