#include "nnue/network_writer.h"

#include <fstream>
#include <limits>
#include <span>
#include <stdexcept>
#include <variant>

#include "nnue/byte_io.h"
#include "nnue/leb128.h"

namespace corvid::nnue {

namespace {

template <class... T>
void write_block(std::vector<uint8_t>& out, TensorEncoding encoding, std::span<const T>... tensors) {
  if (encoding == TensorEncoding::Raw) {
    (append_values(out, tensors), ...);
    return;
  }
  std::vector<uint8_t> payload;
  (leb128_append_all(payload, tensors), ...);
  if (payload.size() > std::numeric_limits<uint32_t>::max())
    throw std::invalid_argument("LEB128 block larger than 4 GiB");
  out.insert(out.end(), LEB128_MAGIC.begin(), LEB128_MAGIC.end());
  append_u32(out, static_cast<uint32_t>(payload.size()));
  out.insert(out.end(), payload.begin(), payload.end());
}

void write_affine(std::vector<uint8_t>& out, const AffineLayerData& layer) {
  append_values(out, std::span<const int32_t>(layer.biases));
  append_values(out, std::span<const int8_t>(layer.weights));
}

}  // namespace

std::vector<uint8_t> write_network(const NetworkData& net) {
  if (auto mismatch = shape_mismatch(net); !mismatch.empty())
    throw std::invalid_argument("write_network: " + mismatch);
  const Architecture& arch = net.arch;
  const FeatureTransformerData& ft = net.ft;

  if (net.description.size() > std::numeric_limits<uint32_t>::max())
    throw std::invalid_argument("write_network: description longer than 4 GiB");

  std::vector<uint8_t> out;
  out.reserve(net.description.size() + ft.threat_weights.size() + 2 * ft.weights.size() +
              4 * (ft.psqt_weights.size() + ft.threat_psqt_weights.size()) + 4096 * net.stacks.size());
  append_u32(out, arch.version());
  append_u32(out, arch.network_hash());
  append_u32(out, static_cast<uint32_t>(net.description.size()));
  out.insert(out.end(), net.description.begin(), net.description.end());

  append_u32(out, arch.ft_hash());
  for (const FtBlock& block : ft_blocks(arch.feature_set)) {
    const FtConstSpan first = ft_tensor(ft, arch, block.tensors[0]);
    const BlockStorage* storage = ft.storage_of(block);
    const TensorEncoding encoding = storage ? storage->encoding : TensorEncoding::Raw;
    if (block.count == 1)
      std::visit([&](auto span) { write_block(out, encoding, span); }, first);
    else
      std::visit([&](auto a, auto b) { write_block(out, encoding, a, b); }, first,
                 ft_tensor(ft, arch, block.tensors[1]));
  }

  for (const LayerStackData& stack : net.stacks) {
    append_u32(out, arch.layer_stack_hash());
    write_affine(out, stack.fc0);
    write_affine(out, stack.fc1);
    write_affine(out, stack.fc2);
  }
  return out;
}

bool write_network_file(const NetworkData& net, const std::string& path, std::string& error) {
  std::vector<uint8_t> bytes;
  try {
    bytes = write_network(net);
  } catch (const std::exception& e) {
    error = e.what();
    return false;
  }
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size())) || !file.flush()) {
    error = path + ": cannot write file";
    return false;
  }
  return true;
}

}  // namespace corvid::nnue
