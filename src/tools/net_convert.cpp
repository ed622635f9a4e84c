#include "tools/net_convert.h"

#include <filesystem>
#include <stdexcept>

#include "nnue/network_writer.h"
#include "tools/net_file.h"
#include "tools/progress.h"
#include "tools/sha256.h"

namespace corvid::tools {

nnue::NetworkData apply_convert_options(nnue::NetworkData net, const ConvertOptions& options) {
  if (options.ft_encoding) {
    for (const nnue::FtBlock& block : nnue::ft_blocks(net.arch.feature_set))
      if (nnue::BlockStorage* storage = net.ft.storage_of(block)) {
        storage->encoding = *options.ft_encoding;
        storage->compressed_bytes = 0;  // the writer computes it
      }
  }
  if (options.description) net.description = *options.description;
  return net;
}

ConvertResult convert_net_file(const std::string& in_path, const std::string& out, const ConvertOptions& options) {
  ConvertResult result;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!options.out_sha && fs::is_directory(out, ec)) {
    result.error = out + " is a folder: give a file name, or --out-sha to name the file by its content";
    return result;
  }
  if (options.out_sha && !fs::is_directory(out, ec)) {
    result.error = out + ": not a folder (with --out-sha, OUT is the folder the nn-<sha12>.nnue file goes to)";
    return result;
  }
  NetFile in = load_net_file(in_path);
  if (!in.ok()) {
    result.error = in.error;
    return result;
  }
  std::vector<uint8_t> bytes;
  try {
    Progress encoding("encoding", 1);  // one step: the writer has no hook
    bytes = nnue::write_network(apply_convert_options(std::move(*in.net), options));
  } catch (const std::exception& e) {
    result.error = std::string("cannot encode the net: ") + e.what();
    return result;
  }
  in.bytes = {};  // frees the input before the output is written
  result.written_path = options.out_sha ? (fs::path(out) / content_name(sha256_hex(bytes))).string() : out;
  if (!write_bytes_file(result.written_path, bytes, result.error)) return result;
  result.ok = true;
  return result;
}

}  // namespace corvid::tools
