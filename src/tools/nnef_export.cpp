#include "tools/nnef_export.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "nnue/network_writer.h"
#include "tools/export_tensors.h"
#include "tools/net_file.h"
#include "tools/nnef_tensor_file.h"
#include "tools/tar_archive.h"

namespace corvid::tools {

namespace {

constexpr const char* META_FILE = "corvid-nnue.txt";
constexpr const char* DESCRIPTION_FILE = "description.txt";

std::string shape_text(const std::vector<uint32_t>& dims) {
  std::string s = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(dims[i]);
  }
  return s + "]";
}

std::string encoding_name(nnue::TensorEncoding e) { return e == nnue::TensorEncoding::Leb128 ? "leb128" : "raw"; }

// The first line of the description, short, for a comment.
std::string comment_safe(const std::string& text) {
  std::string line = text.substr(0, text.find_first_of("\r\n"));
  if (line.size() > 120) line = line.substr(0, 117) + "...";
  return line;
}

// Fragments shared by every HalfKAv2_hm net; only the graph body depends on the sizes.
constexpr const char* FRAGMENTS = R"(# Integer division as C++ does it: toward zero.
fragment truncating_div( x: tensor<scalar>, divisor: scalar ) -> ( y: tensor<scalar> )
{
    quotient = div(x, divisor);
    negative = lt(quotient, 0.0);
    up = ceil(quotient);
    down = floor(quotient);
    y = select(negative, up, down);
}

# ClippedReLU after a right shift (floor division by 2^shift), as the engine's >> does.
fragment clipped_relu( x: tensor<scalar>, divisor: scalar ) -> ( y: tensor<scalar> )
{
    shifted = div(x, divisor);
    floored = floor(shifted);
    y = clamp(floored, 0.0, 127.0);
}

# One perspective: accumulator (int16, wraps modulo 2^16 in the engine), clipped to
# 0..127, then the products of its two halves divided by 128.
fragment feature_transform( features: tensor<scalar>, weights: tensor<scalar>, biases: tensor<scalar>,
                            half: integer, width: integer ) -> ( output: tensor<scalar> )
{
    sums = matmul(features, weights);
    accumulator = add(sums, biases);
    clipped = clamp(accumulator, 0.0, 127.0);
    first = slice(clipped, axes = [1], begin = [0], end = [half]);
    second = slice(clipped, axes = [1], begin = [half], end = [width]);
    products = mul(first, second);
    output = clipped_relu(products, 128.0);
}

# PSQT: (us - them) / 2 for every bucket.
fragment psqt( us_features: tensor<scalar>, them_features: tensor<scalar>, weights: tensor<scalar> )
    -> ( output: tensor<scalar> )
{
    us = matmul(us_features, weights);
    them = matmul(them_features, weights);
    difference = sub(us, them);
    output = truncating_div(difference, 2.0);
}

# One layer stack, the one at [index, next) of the stacked tensors: fc_0 (15 outputs and
# the skip term), squared and plain ClippedReLU, fc_1, ClippedReLU, fc_2, plus the skip
# term scaled by 600 * 16 / (127 * 64).
fragment layer_stack( input: tensor<scalar>, fc0_weights: tensor<scalar>, fc0_biases: tensor<scalar>,
                      fc1_weights: tensor<scalar>, fc1_biases: tensor<scalar>, fc2_weights: tensor<scalar>,
                      fc2_biases: tensor<scalar>, index: integer, next: integer ) -> ( output: tensor<scalar> )
{
    w0_slice = slice(fc0_weights, axes = [0], begin = [index], end = [next]);
    w0 = squeeze(w0_slice, axes = [0]);
    b0 = slice(fc0_biases, axes = [0], begin = [index], end = [next]);
    fc0 = linear(input, w0, b0);
    main = slice(fc0, axes = [1], begin = [0], end = [15]);
    skip = slice(fc0, axes = [1], begin = [15], end = [16]);
    squared = sqr(main);
    squared_act = clipped_relu(squared, 524288.0);
    plain_act = clipped_relu(main, 64.0);
    padding = constant<scalar>(shape = [1, 2], value = [0.0]);
    act0 = concat([squared_act, plain_act, padding], axis = 1);
    w1_slice = slice(fc1_weights, axes = [0], begin = [index], end = [next]);
    w1 = squeeze(w1_slice, axes = [0]);
    b1 = slice(fc1_biases, axes = [0], begin = [index], end = [next]);
    fc1 = linear(act0, w1, b1);
    act1 = clipped_relu(fc1, 64.0);
    w2_slice = slice(fc2_weights, axes = [0], begin = [index], end = [next]);
    w2 = squeeze(w2_slice, axes = [0]);
    b2 = slice(fc2_biases, axes = [0], begin = [index], end = [next]);
    fc2 = linear(act1, w2, b2);
    skip_scaled = mul(skip, 9600.0);
    skip_term = truncating_div(skip_scaled, 8128.0);
    output = add(fc2, skip_term);
}
)";

// Full_Threats nets: the threat rows (int8) join the same accumulator, which is clipped at
// 255 and whose products are divided by 512; their PSQT joins the PSQT.
constexpr const char* THREAT_FRAGMENTS = R"(
fragment feature_transform_threats( features: tensor<scalar>, weights: tensor<scalar>, biases: tensor<scalar>,
                                    threat_features: tensor<scalar>, threat_weights: tensor<scalar>,
                                    half: integer, width: integer ) -> ( output: tensor<scalar> )
{
    sums = matmul(features, weights);
    threat_sums = matmul(threat_features, threat_weights);
    both = add(sums, threat_sums);
    accumulator = add(both, biases);
    clipped = clamp(accumulator, 0.0, 255.0);
    first = slice(clipped, axes = [1], begin = [0], end = [half]);
    second = slice(clipped, axes = [1], begin = [half], end = [width]);
    products = mul(first, second);
    output = clipped_relu(products, 512.0);
}

fragment psqt_threats( us_features: tensor<scalar>, them_features: tensor<scalar>, weights: tensor<scalar>,
                       us_threat_features: tensor<scalar>, them_threat_features: tensor<scalar>,
                       threat_weights: tensor<scalar> ) -> ( output: tensor<scalar> )
{
    us = matmul(us_features, weights);
    them = matmul(them_features, weights);
    us_threats = matmul(us_threat_features, threat_weights);
    them_threats = matmul(them_threat_features, threat_weights);
    us_total = add(us, us_threats);
    them_total = add(them, them_threats);
    difference = sub(us_total, them_total);
    output = truncating_div(difference, 2.0);
}
)";

}  // namespace

std::string nnef_graph_text(const nnue::NetworkData& net, const std::string& net_name) {
  const std::vector<ExportTensor> tensors = export_tensors(net.arch);
  const uint32_t inputs = net.arch.feature_set.psq_inputs, stacks = net.arch.layer_stacks;
  const bool threats = net.arch.feature_set.threat_inputs > 0;
  std::ostringstream g;
  g << "version 1.0;\nextension KHR_enable_fragment_definitions;\n\n"
    << "# " << net_name << ": " << net.arch.describe() << ", exported by Corvid.\n"
    << "# Description: " << comment_safe(net.description) << "\n"
    << "# Every tensor holds integers (types and scales in graph.quant); the operations below are\n"
    << "# the engine's integer arithmetic written with NNEF's operations. The ONNX export runs it.\n"
    << "# Inputs: 0/1 vectors of the active features of the side to move (us) and the other side\n"
    << "# (them), and a one-hot bucket mask ((pieces - 1) / 4). Outputs: Stockfish's raw integers.\n\n"
    << FRAGMENTS << (threats ? THREAT_FRAGMENTS : "") << "\n";
  g << "graph nnue( us_features, them_features, " << (threats ? "us_threat_features, them_threat_features, " : "")
    << "bucket_mask ) -> ( psqt_raw, positional_raw )\n{\n";
  g << "    us_features = external<scalar>(shape = [1, " << inputs << "]);\n";
  g << "    them_features = external<scalar>(shape = [1, " << inputs << "]);\n";
  if (threats) {
    g << "    us_threat_features = external<scalar>(shape = [1, " << net.arch.feature_set.threat_inputs << "]);\n";
    g << "    them_threat_features = external<scalar>(shape = [1, " << net.arch.feature_set.threat_inputs << "]);\n";
  }
  g << "    bucket_mask = external<scalar>(shape = [1, " << stacks << "]);\n";
  for (const ExportTensor& t : tensors)
    g << "    " << t.name << " = variable<scalar>(shape = " << shape_text(t.dims) << ", label = '" << t.label << "');\n";
  for (const char* side : {"us", "them"}) {
    g << "    " << side << " = ";
    if (threats)
      g << "feature_transform_threats(" << side << "_features, ft_weights, ft_biases, " << side
        << "_threat_features, threat_weights";
    else
      g << "feature_transform(" << side << "_features, ft_weights, ft_biases";
    g << ", half = " << net.arch.l1 / 2 << ", width = " << net.arch.l1 << ");\n";
  }
  g << "    transformed = concat([us, them], axis = 1);\n";
  std::string outputs;
  for (uint32_t b = 0; b < stacks; ++b) {
    g << "    stack" << b << " = layer_stack(transformed, fc0_weights, fc0_biases, fc1_weights, fc1_biases, "
      << "fc2_weights, fc2_biases, index = " << b << ", next = " << b + 1 << ");\n";
    if (b) outputs += ", ";
    outputs += "stack" + std::to_string(b);
  }
  g << "    positional_all = concat([" << outputs << "], axis = 1);\n";
  if (threats)
    g << "    psqt_all = psqt_threats(us_features, them_features, psqt_weights, us_threat_features, "
         "them_threat_features, threat_psqt_weights);\n";
  else
    g << "    psqt_all = psqt(us_features, them_features, psqt_weights);\n";
  g << "    psqt_selected = mul(psqt_all, bucket_mask);\n";
  g << "    psqt_raw = sum_reduce(psqt_selected, axes = [1]);\n";
  g << "    positional_selected = mul(positional_all, bucket_mask);\n";
  g << "    positional_raw = sum_reduce(positional_selected, axes = [1]);\n}\n";
  return g.str();
}

std::string nnef_quant_text(const nnue::NetworkData& net) {
  std::ostringstream q;
  q << "# Stored integers: real value = scale * integer (nnue-pytorch's quantisation).\n";
  for (const ExportTensor& t : export_tensors(net.arch)) {
    char scale[32];
    std::snprintf(scale, sizeof scale, "%.17g", t.quantisation.scale);
    q << "\"" << t.name << "\": zero_point_linear_quantize(zero_point = 0, scale = " << scale
      << ", bits = " << bits_of(t.type) << ", signed = true, symmetric = false);  # " << t.quantisation.why << "\n";
  }
  return q.str();
}

std::vector<uint8_t> nnef_archive(const nnue::NetworkData& net, const std::string& net_name, std::string* error) {
  if (const auto refusal = export_refusal(net.arch)) {
    if (error) *error = *refusal;
    return {};
  }
  auto text = [](const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); };
  std::vector<TarEntry> entries;
  entries.push_back({"graph.nnef", text(nnef_graph_text(net, net_name))});
  entries.push_back({"graph.quant", text(nnef_quant_text(net))});
  for (const ExportTensor& t : export_tensors(net.arch))
    entries.push_back({t.label + ".dat", write_nnef_tensor(t.dims, uint32_t(bits_of(t.type)), t.get(net))});
  std::ostringstream meta;
  meta << "# What the .nnue file holds besides the tensors; `corvid net import` reads it.\n"
       << "feature_set " << net.arch.feature_set.name << "\n"
       << "l1 " << net.arch.l1 << "\n"
       << "ft_biases_encoding " << encoding_name(net.ft.biases_storage.encoding) << "\n"
       << "ft_weights_encoding " << encoding_name(net.ft.weights_storage.encoding) << "\n"
       << "ft_psqt_encoding " << encoding_name(net.ft.psqt_storage.encoding) << "\n";
  entries.push_back({META_FILE, text(meta.str())});
  entries.push_back({DESCRIPTION_FILE, text(net.description)});
  return write_tar(entries);
}

ExportResult export_nnef(const nnue::NetworkData& net, const std::string& net_name, const std::string& out_path) {
  ExportResult r;
  const std::vector<uint8_t> archive = nnef_archive(net, net_name, &r.error);
  if (archive.empty()) return r;
  r.ok = write_bytes_file(out_path, archive, r.error);
  return r;
}

std::optional<nnue::NetworkData> import_nnef_archive(const std::vector<uint8_t>& archive, std::string* error) {
  auto fail = [&](const std::string& m) -> std::optional<nnue::NetworkData> {
    if (error) *error = m;
    return std::nullopt;
  };
  std::string tar_error;
  const auto entries = read_tar(archive, &tar_error);
  if (!entries) return fail(tar_error);
  std::map<std::string, const std::vector<uint8_t>*> files;
  for (const TarEntry& e : *entries) files[e.name] = &e.bytes;
  if (!files.count(META_FILE)) return fail(std::string("no ") + META_FILE + " in the archive (not a Corvid NNEF export?)");

  std::map<std::string, std::string> meta;
  std::istringstream lines(std::string(files[META_FILE]->begin(), files[META_FILE]->end()));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    if (space != std::string::npos) meta[line.substr(0, space)] = line.substr(space + 1);
  }
  nnue::Architecture arch;
  bool known = false;
  for (const nnue::FeatureSet& fs : nnue::known_feature_sets())
    if (fs.name == meta["feature_set"]) arch.feature_set = fs, known = true;
  if (!known) return fail(std::string(META_FILE) + ": unknown feature_set '" + meta["feature_set"] + "'");
  try {
    arch.l1 = uint32_t(std::stoul(meta["l1"]));
  } catch (const std::exception&) {
    return fail(std::string(META_FILE) + ": l1 '" + meta["l1"] + "' is not a number");
  }
  if (arch.l1 < nnue::MIN_L1 || arch.l1 > nnue::MAX_L1 || arch.l1 % nnue::L1_MULTIPLE)
    return fail(std::string(META_FILE) + ": l1 " + std::to_string(arch.l1) + " is outside 128..3072 (multiple of 32)");
  if (const auto refusal = export_refusal(arch)) return fail(*refusal);

  nnue::NetworkData net = nnue::make_zero_network(arch);
  for (const ExportTensor& t : export_tensors(arch)) {
    const std::string path = t.label + ".dat";
    if (!files.count(path)) return fail("no " + path + " in the archive");
    std::string tensor_error;
    const auto tensor = read_nnef_tensor(*files[path], &tensor_error);
    if (!tensor) return fail(path + ": " + tensor_error);
    if (tensor->dims != t.dims)
      return fail(path + ": shape " + shape_text(tensor->dims) + ", expected " + shape_text(t.dims));
    if (tensor->item_type != NNEF_ITEM_SIGNED_INT || tensor->bits_per_item != uint32_t(bits_of(t.type)))
      return fail(path + ": items are type " + std::to_string(tensor->item_type) + " with " +
                  std::to_string(tensor->bits_per_item) + " bits, expected signed integers (4) of " +
                  std::to_string(bits_of(t.type)) + " bits");
    t.set(net, tensor->data);
  }
  for (auto [key, storage] : {std::pair{"ft_biases_encoding", &net.ft.biases_storage},
                              {"ft_weights_encoding", &net.ft.weights_storage},
                              {"ft_psqt_encoding", &net.ft.psqt_storage}}) {
    const std::string& value = meta[key];
    if (value != "raw" && value != "leb128")
      return fail(std::string(META_FILE) + ": " + key + " is '" + value + "', expected raw or leb128");
    storage->encoding = value == "raw" ? nnue::TensorEncoding::Raw : nnue::TensorEncoding::Leb128;
  }
  if (files.count(DESCRIPTION_FILE)) net.description.assign(files[DESCRIPTION_FILE]->begin(), files[DESCRIPTION_FILE]->end());
  return net;
}

ExportResult import_nnef(const std::string& archive_path, const std::string& out_path) {
  ExportResult r;
  std::ifstream in(archive_path, std::ios::binary);
  if (!in) {
    r.error = archive_path + ": cannot open";
    return r;
  }
  const std::vector<uint8_t> archive{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::string error;
  const auto net = import_nnef_archive(archive, &error);
  if (!net) {
    r.error = archive_path + ": " + error;
    return r;
  }
  r.ok = nnue::write_network_file(*net, out_path, r.error);
  return r;
}

}  // namespace corvid::tools
