#include "nnue/network_reader.h"

#include <algorithm>
#include <new>
#include <variant>

#include "nnue/byte_io.h"
#include "nnue/leb128.h"
#include "util/regular_file.h"

namespace corvid::nnue {

namespace {

std::string at(std::size_t offset) { return " at offset " + std::to_string(offset); }

[[noreturn]] void refuse(std::size_t offset, const std::string& reason, const std::string& detail) {
  throw FormatError(offset, reason + at(offset) + ": " + detail);
}

std::string printable(std::span<const uint8_t> bytes) {
  std::string s;
  for (uint8_t b : bytes) s += (b >= 0x20 && b < 0x7f && b != '"') ? char(b) : '.';
  return '"' + s + '"';
}

// A block whose first bytes are close to the magic is a damaged magic rather than raw
// data: trained weights never spell most of "COMPRESSED_LEB128".
bool is_damaged_magic(std::span<const uint8_t> head) {
  if (head.size() < LEB128_MAGIC.size()) return false;
  std::size_t same = 0;
  for (std::size_t i = 0; i < LEB128_MAGIC.size(); ++i) same += head[i] == uint8_t(LEB128_MAGIC[i]);
  return same >= 12 && same < LEB128_MAGIC.size();
}

// One feature-transformer block: raw little-endian, or a LEB128 block holding all of
// `outs` back to back.
template <class... T>
BlockStorage read_block(ByteReader& in, const std::string& what, std::span<T>... outs) {
  const std::size_t start = in.offset();
  const auto head = in.peek(LEB128_MAGIC.size());
  const bool compressed = std::equal(head.begin(), head.end(), LEB128_MAGIC.begin(), LEB128_MAGIC.end());
  if (!compressed) {
    if (is_damaged_magic(head))
      refuse(start, "bad LEB128 magic", "expected \"COMPRESSED_LEB128\" for " + what + ", found " + printable(head));
    (in.values(outs, what), ...);
    return {TensorEncoding::Raw, 0};
  }
  in.take(LEB128_MAGIC.size(), what + " LEB128 magic");
  const std::size_t count_offset = in.offset();
  const uint32_t count = in.u32(what + " LEB128 byte count");
  if (count > in.remaining())
    refuse(count_offset, "truncated file",
           what + " LEB128 byte count " + std::to_string(count) + " exceeds the " + std::to_string(in.remaining()) +
               " bytes left in the file");
  const std::size_t payload_offset = in.offset();
  Leb128Decoder decoder(in.take(count, what), payload_offset);
  try {
    (decoder.decode(outs), ...);
    decoder.expect_end();
  } catch (const FormatError& e) {
    throw FormatError(e.offset(), std::string(e.what()) + " (" + what + ", byte count at offset " +
                                      std::to_string(count_offset) + ")");
  }
  return {TensorEncoding::Leb128, count};
}

// Every value takes at least one byte in either encoding, so a file too short for a
// block is refused before the block's memory is allocated: a forged header cannot make
// the reader allocate much more than the file's size.
void check_room(const ByteReader& in, const std::string& what, std::size_t values) {
  if (values > in.remaining())
    refuse(in.offset(), "truncated file",
           what + " holds " + std::to_string(values) + " values, only " + std::to_string(in.remaining()) +
               " bytes left");
}

void read_feature_transformer(ByteReader& in, NetworkData& net) {
  const Architecture& arch = net.arch;
  FeatureTransformerData& ft = net.ft;
  for (const FtBlock& block : ft_blocks(arch.feature_set)) {
    const std::string what = "FT " + ft_block_name(block);
    // The rest of the file must hold what is allocated, before it is allocated. A shared
    // vector is allocated with its first part, whose second part comes later in the file,
    // so the whole vector must fit then.
    std::size_t values = 0;
    for (int k = 0; k < block.count; ++k) {
      const FtTensor t = block.tensors[k];
      const bool second_part = t == FtTensor::PairWeights || t == FtTensor::PairPsqt;
      if (!second_part) check_room(in, what, ft_backing_size(arch, t));
      values += ft_tensor_size(arch, t);
    }
    check_room(in, what, values);
    for (int k = 0; k < block.count; ++k) ft_allocate(ft, arch, block.tensors[k]);

    const FtSpan first = ft_tensor(ft, arch, block.tensors[0]);
    if (block.raw_only) {
      std::visit([&](auto span) { in.values(span, what); }, first);
      continue;
    }
    BlockStorage& storage = *ft.storage_of(block);
    if (block.count == 1)
      storage = std::visit([&](auto span) { return read_block(in, what, span); }, first);
    else
      storage = std::visit([&](auto a, auto b) { return read_block(in, what, a, b); }, first,
                           ft_tensor(ft, arch, block.tensors[1]));
  }
}

void read_affine(ByteReader& in, AffineLayerData& layer, const std::string& name) {
  in.values(std::span(layer.biases), name + " biases");
  in.values(std::span(layer.weights), name + " weights");
}

void read_layer_stacks(ByteReader& in, NetworkData& net) {
  const uint32_t expected = net.arch.layer_stack_hash();
  for (std::size_t i = 0; i < net.stacks.size(); ++i) {
    const std::string name = "layer stack " + std::to_string(i);
    const std::size_t hash_offset = in.offset();
    const uint32_t found = in.u32(name + " FC hash");
    if (found != expected)
      refuse(hash_offset, "FC hash mismatch in " + name,
             "expected " + hex32(expected) + " (" + net.arch.describe() + "), found " + hex32(found));
    read_affine(in, net.stacks[i].fc0, name + " fc_0");
    read_affine(in, net.stacks[i].fc1, name + " fc_1");
    read_affine(in, net.stacks[i].fc2, name + " fc_2");
  }
}

// Whether the file ends in arch's layer stacks: each stack's FC hash where the stack
// sizes put it. Decides which header hash is damaged when the two disagree.
bool layer_stacks_fit(std::span<const uint8_t> bytes, const Architecture& arch) {
  const std::size_t stack_bytes = arch.layer_stack_bytes();
  if (bytes.size() < arch.layer_stacks * stack_bytes) return false;
  const uint32_t expected = arch.layer_stack_hash();
  for (std::size_t i = 0; i < arch.layer_stacks; ++i) {
    ByteReader at(bytes.subspan(bytes.size() - (arch.layer_stacks - i) * stack_bytes, 4));
    if (at.u32("FC hash") != expected) return false;
  }
  return true;
}

// The architecture the file holds. The FT hash names feature set and L1 exactly; the
// network hash must then agree. When it does not, the layer stacks at the end of the
// file tell which header field is wrong, so the refusal names the right one.
Architecture identify_architecture(std::span<const uint8_t> bytes, uint32_t version, uint32_t network_hash,
                                   uint32_t found_ft_hash, std::size_t ft_offset) {
  const auto match = match_ft_hash(found_ft_hash, version);
  if (match && match->feature_set.support == FeatureSetSupport::NameOnly)  // its layer stacks differ too
    refuse(ft_offset, "unsupported feature set " + std::string(match->feature_set.name),
           "FT hash " + hex32(found_ft_hash) + " (feature hash " + hex32(match->feature_set.hash) +
               ", L1=" + std::to_string(match->l1) + ")");
  if (match) {
    const Architecture arch{match->feature_set, match->l1};
    if (arch.network_hash() == network_hash) return arch;
    const std::string expected = "expected " + hex32(arch.network_hash()) + " (" + arch.describe() +
                                 ", as the FT hash " + hex32(found_ft_hash) + " at offset " +
                                 std::to_string(ft_offset) + " names)";
    if (layer_stacks_fit(bytes, arch))
      refuse(4, "network hash mismatch", expected + ", found " + hex32(network_hash));
    for (const LayerSizes& sizes : layer_sizes_from_hashes(network_hash, found_ft_hash, arch.l1, arch.graph())) {
      Architecture other = arch;
      other.l2 = sizes.l2;
      other.l3 = sizes.l3;
      if (layer_stacks_fit(bytes, other))
        refuse(4, "unsupported layer sizes L2=" + std::to_string(other.l2) + " L3=" + std::to_string(other.l3),
               "network hash " + hex32(network_hash) + " and the layer stacks fit " + other.describe() +
                   "; Corvid reads L2=" + std::to_string(arch.l2) + " L3=" + std::to_string(arch.l3));
    }
  }
  for (const Architecture& arch : architectures_from_network_hash(network_hash, version))
    if (layer_stacks_fit(bytes, arch))
      refuse(ft_offset, "FT hash mismatch",
             "expected " + hex32(arch.ft_hash()) + " (" + arch.describe() + ", as the network hash " +
                 hex32(network_hash) + " at offset 4 and the layer stacks name), found " + hex32(found_ft_hash));
  if (match) {
    const Architecture arch{match->feature_set, match->l1};
    refuse(4, "network hash mismatch",
           "expected " + hex32(arch.network_hash()) + " (" + arch.describe() + ", as the FT hash " +
               hex32(found_ft_hash) + " at offset " + std::to_string(ft_offset) + " names), found " +
               hex32(network_hash) + "; the file ends in no layer stacks of either");
  }
  std::string known;
  for (const FeatureSet& fs : known_feature_sets())
    if (fs.version == version) known += (known.empty() ? "" : ", ") + std::string(fs.name) + " " + hex32(fs.hash);
  refuse(ft_offset, "unknown feature set",
         "FT hash " + hex32(found_ft_hash) + " is none of the version " + hex32(version) + " feature sets (" + known +
             ") XOR 2*L1");
}

NetworkData parse(std::span<const uint8_t> bytes, const ReadOptions& options) {
  ByteReader in(bytes);
  const uint32_t version = in.u32("version");
  if (!known_version(version))
    refuse(0, "unsupported version",
           "expected " + hex32(NNUE_VERSION) + " (Stockfish 12 to 18) or " + hex32(NNUE_VERSION_SFNNV16) +
               " (Stockfish 19), found " + hex32(version));
  const uint32_t network_hash = in.u32("network hash");
  const uint32_t description_size = in.u32("description length");
  if (description_size > in.remaining())
    refuse(8, "truncated file",
           "description length " + std::to_string(description_size) + " exceeds the " +
               std::to_string(in.remaining()) + " bytes left in the file");
  const auto description = in.take(description_size, "description");

  const std::size_t ft_offset = in.offset();
  const uint32_t found_ft_hash = in.u32("FT hash");
  const Architecture arch = identify_architecture(bytes, version, network_hash, found_ft_hash, ft_offset);
  if (auto reason = unsupported_reason(arch, options.allow_parse_only))
    refuse(ft_offset, *reason, "FT hash " + hex32(found_ft_hash) + ", network hash " + hex32(network_hash));

  NetworkData net;
  net.arch = arch;
  net.description.assign(description.begin(), description.end());
  read_feature_transformer(in, net);
  net.stacks = make_zero_stacks(arch);
  read_layer_stacks(in, net);
  if (in.remaining() != 0)
    refuse(in.offset(), "trailing bytes",
           std::to_string(in.remaining()) + (in.remaining() == 1 ? " byte" : " bytes") +
               " after the last layer stack, expected end of file");
  return net;
}

}  // namespace

ReadResult read_network(std::span<const uint8_t> bytes, const ReadOptions& options) {
  ReadResult result;
  try {
    result.network = parse(bytes, options);
  } catch (const FormatError& e) {
    result.error = e.what();
    result.error_offset = e.offset();
  } catch (const std::bad_alloc&) {
    result.error = "out of memory while reading the network";
  }
  return result;
}

ReadResult read_network_file(const std::string& path, const ReadOptions& options) {
  ReadResult result;
  std::vector<uint8_t> bytes;
  if (!read_regular_file(path, MAX_NETWORK_FILE_BYTES, bytes, result.error)) return result;
  result = read_network(bytes, options);
  if (!result.ok()) result.error = path + ": " + result.error;
  return result;
}

}  // namespace corvid::nnue
