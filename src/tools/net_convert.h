// `corvid net convert`: rewrite a .nnue file with another feature-transformer encoding or
// description, optionally naming it by its content.
#pragma once

#include <optional>
#include <string>

#include "nnue/network_data.h"

namespace corvid::tools {

struct ConvertOptions {
  std::optional<nnue::TensorEncoding> ft_encoding;  // unset: keep each block's encoding
  std::optional<std::string> description;           // unset: keep it
  bool out_sha = false;                             // out is a folder; name the file nn-<sha12>.nnue
};

// The net with the options applied. Threat weights stay raw whatever is asked: the
// format stores them raw.
nnue::NetworkData apply_convert_options(nnue::NetworkData net, const ConvertOptions& options);

struct ConvertResult {
  bool ok = false;
  std::string written_path;
  std::string error;
};

ConvertResult convert_net_file(const std::string& in_path, const std::string& out, const ConvertOptions& options);

}  // namespace corvid::tools
