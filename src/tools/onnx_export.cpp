#include "tools/onnx_export.h"

#include <cstring>
#include <span>

#include "tools/export_tensors.h"
#include "tools/net_file.h"
#include "tools/onnx_model.h"

namespace corvid::tools {

namespace {

using onnx::Attribute;
using onnx::ElementType;

ElementType element_type(IntType t) {
  return t == IntType::Int8 ? ElementType::Int8 : t == IntType::Int16 ? ElementType::Int16 : ElementType::Int32;
}

// Builds the node list; every value gets a readable name so the graph reads well in Netron.
class GraphBuilder {
 public:
  explicit GraphBuilder(onnx::Model& model) : model_(model) {}

  std::string node(const std::string& op, std::vector<std::string> inputs, const std::string& output,
                   std::vector<Attribute> attributes = {}) {
    model_.nodes.push_back({op, std::move(inputs), {output}, std::move(attributes), output});
    return output;
  }

  template <typename T>
  std::string constant(const std::string& name, ElementType type, std::vector<int64_t> dims, std::vector<T> values) {
    onnx::Tensor t{name, type, std::move(dims), std::string(values.size() * sizeof(T), '\0')};
    std::memcpy(t.raw.data(), values.data(), t.raw.size());
    model_.initializers.push_back(std::move(t));
    return name;
  }
  std::string i32(const std::string& name, int32_t v) { return constant<int32_t>(name, ElementType::Int32, {}, {v}); }
  std::string i64(const std::string& name, int64_t v) { return constant<int64_t>(name, ElementType::Int64, {}, {v}); }
  std::string i64s(const std::string& name, std::vector<int64_t> v) {
    const int64_t n = int64_t(v.size());
    return constant<int64_t>(name, ElementType::Int64, {n}, std::move(v));
  }

  std::string cast(const std::string& in, ElementType to, const std::string& out) {
    return node("Cast", {in}, out, {{"to", Attribute::Kind::Int, int64_t(to), {}}});
  }
  // Columns [begin, end) of a [1, n] value.
  std::string columns(const std::string& in, int64_t begin, int64_t end, const std::string& out) {
    return node("Slice", {in, i64s(out + "_begin", {begin}), i64s(out + "_end", {end}), axis1_}, out);
  }
  std::string concat_columns(std::vector<std::string> in, const std::string& out) {
    return node("Concat", std::move(in), out, {{"axis", Attribute::Kind::Int, 1, {}}});
  }
  // Layer-stack tensor [stacks, ...] -> the slice of the chosen bucket.
  std::string of_bucket(const std::string& tensor, const std::string& out) {
    return node("Gather", {tensor, "bucket"}, out, {{"axis", Attribute::Kind::Int, 0, {}}});
  }

  void set_axis_constants() {
    axis0_ = i64s("axis_0", {0});
    axis1_ = i64s("axis_1", {1});
  }
  const std::string& axis0() const { return axis0_; }

 private:
  onnx::Model& model_;
  std::string axis0_, axis1_;
};

// One block of features summed into the accumulator: its weight and PSQT tensors and the
// input holding each perspective's active indices. HalfKAv2_hm has one block; Full_Threats
// nets add the threat block (int8 weights, same accumulator). A new feature set is one more.
struct FeatureBlock {
  std::string weights, psqt_weights;
  std::string input_suffix;  // us<suffix>, them<suffix>
};

// Sum over active features of one block's rows: Gather, widen, ReduceSum. onnxruntime's
// integer ReduceSum saturates instead of wrapping, so sums are made where they cannot
// overflow: int16/int8 rows in int32, int32 PSQT rows in int64.
std::string sum_rows(GraphBuilder& g, const std::string& table, const std::string& indices, ElementType widen_to,
                     const std::string& out) {
  std::string rows = g.node("Gather", {table, indices}, out + "_rows", {{"axis", Attribute::Kind::Int, 0, {}}});
  rows = g.cast(rows, widen_to, out + "_rows_wide");
  return g.node("ReduceSum", {rows, g.axis0()}, out, {{"keepdims", Attribute::Kind::Int, 1, {}}});
}

// One perspective's transformed half: int16-wrapped accumulator, clipped, pairwise products.
// Threat nets clip at 255 and divide by 512 (HalfKAv2_hm: 127 and 128). Their two int16
// accumulators (piece-square, threats) are added in int16 before clipping; wrapping the
// int32 total once gives the same residue modulo 2^16.
std::string transform_perspective(GraphBuilder& g, const std::vector<FeatureBlock>& blocks, const std::string& side,
                                  int64_t l1, bool threats) {
  std::string acc = g.cast("ft_biases", ElementType::Int32, side + "_acc_bias");
  for (const FeatureBlock& b : blocks)
    acc = g.node("Add", {acc, sum_rows(g, b.weights, side + b.input_suffix, ElementType::Int32, side + "_" + b.weights + "_sum")},
                 side + "_acc_" + b.weights);
  // int16 wrap-around: ((acc + 2^15) mod 2^16) - 2^15; Mod with fmod=0 takes the divisor's sign.
  const std::string shifted = g.node("Add", {acc, "c_32768"}, side + "_acc_shifted");
  const std::string mod = g.node("Mod", {shifted, "c_65536"}, side + "_acc_mod", {{"fmod", Attribute::Kind::Int, 0, {}}});
  const std::string wrapped = g.node("Sub", {mod, "c_32768"}, side + "_acc_int16");
  const std::string clipped = g.node("Clip", {wrapped, "c_0", threats ? "c_255" : "c_127"}, side + "_acc_clipped");
  const std::string a = g.columns(clipped, 0, l1 / 2, side + "_first_half");
  const std::string b = g.columns(clipped, l1 / 2, l1, side + "_second_half");
  const std::string product = g.node("Mul", {a, b}, side + "_products");
  return g.node("Div", {product, threats ? "c_512" : "c_128"}, side + "_transformed");  // >= 0: truncation = shift
}

// Integer input x uint8 with int8 weights stored [outputs, inputs] for the bucket.
std::string affine(GraphBuilder& g, const std::string& input_u8, const std::string& layer) {
  const std::string w = g.of_bucket(layer + "_weights", layer + "_w");
  const std::string wt = g.node("Transpose", {w}, layer + "_wt", {{"perm", Attribute::Kind::Ints, 0, {1, 0}}});
  const std::string dot = g.node("MatMulInteger", {input_u8, wt}, layer + "_dot");
  return g.node("Add", {dot, g.of_bucket(layer + "_biases", layer + "_b")}, layer + "_out");
}

// ClippedReLU: clamp(x >> 6, 0, 127). Div truncates where >> floors, but they differ only
// for negative x, which clamps to 0 either way.
std::string clipped_relu(GraphBuilder& g, const std::string& x, const std::string& out) {
  const std::string shifted = g.node("Div", {x, "c_64"}, out + "_shifted");
  return g.node("Clip", {shifted, "c_0", "c_127"}, out);
}

}  // namespace

std::string onnx_model_bytes(const nnue::NetworkData& net, const std::string& net_name, std::string* error) {
  if (const auto refusal = export_refusal(net.arch)) {
    if (error) *error = *refusal;
    return {};
  }
  const int64_t l1 = net.arch.l1, l2 = net.arch.l2;
  const bool threats = net.arch.feature_set.threat_inputs > 0;
  onnx::Model model;
  model.graph_name = "corvid_nnue";
  model.doc = net_name + " (" + net.arch.describe() + ") exported by Corvid. Inputs: active feature indices of "
              "the side to move (us_features) and of the other side (them_features), and the layer-stack "
              "bucket (piece count - 1) / 4. Outputs: psqt_raw and positional_raw, Stockfish's integers "
              "before the division by 16.";
  model.metadata = {{"net", net_name}, {"architecture", net.arch.describe()}, {"description", net.description}};
  for (const ExportTensor& t : export_tensors(net.arch)) {
    std::vector<int64_t> dims(t.dims.begin(), t.dims.end());
    std::vector<uint8_t> bytes = t.get(net);
    // Threat tables get one zero row at index 79856 (Full_Threats' "no input"): a position
    // without threats, or a runtime that wants fixed-size inputs, can pass it as padding.
    if (t.name.rfind("threat_", 0) == 0) {
      bytes.resize(bytes.size() + bytes.size() / std::size_t(dims[0]), 0);
      ++dims[0];
    }
    model.initializers.push_back({t.name, element_type(t.type), dims, std::string(bytes.begin(), bytes.end())});
  }
  model.inputs = {
      {"us_features", ElementType::Int64, {-1}, {"us_count"}, "active HalfKAv2_hm indices, side to move's view"},
      {"them_features", ElementType::Int64, {-1}, {"them_count"}, "active HalfKAv2_hm indices, other side's view"},
      {"bucket", ElementType::Int64, {}, {}, "layer stack and PSQT bucket, 0..7"}};
  if (threats) {
    model.inputs.push_back({"us_threat_features", ElementType::Int64, {-1}, {"us_threat_count"},
                            "active Full_Threats indices, side to move's view; 79856 pads (at least one)"});
    model.inputs.push_back({"them_threat_features", ElementType::Int64, {-1}, {"them_threat_count"},
                            "active Full_Threats indices, other side's view; 79856 pads (at least one)"});
  }
  model.outputs = {{"psqt_raw", ElementType::Int32, {1}, {}, "(psqt[us][b] - psqt[them][b]) / 2"},
                   {"positional_raw", ElementType::Int32, {1}, {}, "layer stack output plus skip term"}};

  GraphBuilder g(model);
  g.set_axis_constants();
  for (auto [name, v] : {std::pair{"c_0", 0}, {"c_64", 64}, {"c_127", 127},
                         {"c_32768", 32768}, {"c_65536", 65536}})
    g.i32(name, v);
  // The feature-transformer clip and divisor (onnxruntime warns about unused constants).
  if (threats) {
    g.i32("c_255", 255);
    g.i32("c_512", 512);
  } else {
    g.i32("c_128", 128);
  }
  g.i64("c64_0", 0);
  g.i64("c64_2", 2);
  g.i64("c64_2_31", int64_t(1) << 31);
  g.i64("c64_2_32", int64_t(1) << 32);
  g.i64("c64_127", 127);
  g.i64("c64_sqr_divisor", int64_t(1) << 19);  // (x^2 >> 2*6) / 128
  g.i64("c64_skip_multiplier", 600 * 16);
  g.i64("c64_skip_divisor", 127 * 64);
  g.constant<int32_t>("c_fc1_padding", ElementType::Int32, {1, 2}, {0, 0});
  g.i64s("c_output_shape", {1});

  std::vector<FeatureBlock> blocks = {{"ft_weights", "psqt_weights", "_features"}};
  if (threats) blocks.push_back({"threat_weights", "threat_psqt_weights", "_threat_features"});

  // PSQT: the engine's int32 sums, wrapping, made exactly in int64 and wrapped once
  // (((x + 2^31) mod 2^32) - 2^31), then (us - them) / 2 truncating toward zero.
  std::string psqt_us, psqt_them;
  for (const FeatureBlock& b : blocks) {
    const std::string us =
        sum_rows(g, b.psqt_weights, "us" + b.input_suffix, ElementType::Int64, "us_" + b.psqt_weights + "_sum");
    const std::string them =
        sum_rows(g, b.psqt_weights, "them" + b.input_suffix, ElementType::Int64, "them_" + b.psqt_weights + "_sum");
    psqt_us = psqt_us.empty() ? us : g.node("Add", {psqt_us, us}, us + "_total");
    psqt_them = psqt_them.empty() ? them : g.node("Add", {psqt_them, them}, them + "_total");
  }
  const std::string psqt_diff = g.node("Sub", {psqt_us, psqt_them}, "psqt_difference");
  const std::string psqt_shifted = g.node("Add", {psqt_diff, "c64_2_31"}, "psqt_difference_shifted");
  const std::string psqt_mod = g.node("Mod", {psqt_shifted, "c64_2_32"}, "psqt_difference_mod", {{"fmod", Attribute::Kind::Int, 0, {}}});
  const std::string psqt_wrapped = g.node("Sub", {psqt_mod, "c64_2_31"}, "psqt_difference_int32");
  const std::string psqt_half = g.node("Div", {psqt_wrapped, "c64_2"}, "psqt_halved");
  const std::string psqt_half32 = g.cast(psqt_half, ElementType::Int32, "psqt_halved_i32");
  g.node("Gather", {psqt_half32, "bucket"}, "psqt_raw", {{"axis", Attribute::Kind::Int, 1, {}}});

  // Feature transformer output, uint8 [1, L1], side to move first.
  const std::string transformed = g.concat_columns(
      {transform_perspective(g, blocks, "us", l1, threats), transform_perspective(g, blocks, "them", l1, threats)},
      "transformed");
  const std::string transformed_u8 = g.cast(transformed, ElementType::Uint8, "transformed_u8");

  // fc_0, its two activations (squared in int64: x^2 overflows int32), fc_1, fc_2, skip.
  const std::string fc0 = affine(g, transformed_u8, "fc0");
  const std::string main = g.columns(fc0, 0, l2, "fc0_main");
  const std::string skip = g.columns(fc0, l2, l2 + 1, "fc0_skip");
  const std::string main64 = g.cast(main, ElementType::Int64, "fc0_main_i64");
  const std::string squared = g.node("Mul", {main64, main64}, "fc0_squared");
  const std::string sq_shifted = g.node("Div", {squared, "c64_sqr_divisor"}, "fc0_squared_shifted");  // >= 0
  const std::string sq_clipped = g.node("Clip", {sq_shifted, "c64_0", "c64_127"}, "fc0_sqr_clipped_relu");
  const std::string sq32 = g.cast(sq_clipped, ElementType::Int32, "fc0_sqr_clipped_relu_i32");
  const std::string plain = clipped_relu(g, main, "fc0_clipped_relu");
  const std::string fc1_in = g.concat_columns({sq32, plain, "c_fc1_padding"}, "fc1_input");
  const std::string fc1 = affine(g, g.cast(fc1_in, ElementType::Uint8, "fc1_input_u8"), "fc1");
  const std::string fc2_in = g.cast(clipped_relu(g, fc1, "fc1_clipped_relu"), ElementType::Uint8, "fc2_input_u8");
  const std::string fc2 = affine(g, fc2_in, "fc2");
  // Skip term: fc0[15] * 9600 / 8128 in int64, truncating toward zero like C++.
  const std::string skip64 = g.cast(skip, ElementType::Int64, "skip_i64");
  const std::string skip_mul = g.node("Mul", {skip64, "c64_skip_multiplier"}, "skip_scaled");
  const std::string skip_div = g.node("Div", {skip_mul, "c64_skip_divisor"}, "skip_divided");
  const std::string skip32 = g.cast(skip_div, ElementType::Int32, "skip_term");
  const std::string sum = g.node("Add", {fc2, skip32}, "positional_sum");
  g.node("Reshape", {sum, "c_output_shape"}, "positional_raw");
  return onnx::serialize(model);
}

ExportResult export_onnx(const nnue::NetworkData& net, const std::string& net_name, const std::string& out_path) {
  ExportResult r;
  const std::string bytes = onnx_model_bytes(net, net_name, &r.error);
  if (bytes.empty()) return r;
  const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
  r.ok = write_bytes_file(out_path, std::span<const uint8_t>(data, bytes.size()), r.error);
  return r;
}

}  // namespace corvid::tools
