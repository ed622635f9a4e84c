#include "tools/onnx_model.h"

#include "tools/protobuf_encoder.h"

namespace corvid::tools::onnx {

namespace {

// Field numbers from onnx.proto.
namespace model_f { constexpr int ir_version = 1, producer_name = 2, producer_version = 3, doc = 6, graph = 7,
                    opset_import = 8, metadata_props = 14; }
namespace opset_f { constexpr int domain = 1, version = 2; }
namespace graph_f { constexpr int node = 1, name = 2, initializer = 5, doc = 10, input = 11, output = 12; }
namespace node_f { constexpr int input = 1, output = 2, name = 3, op_type = 4, attribute = 5; }
namespace attr_f { constexpr int name = 1, i = 3, ints = 8, type = 20; constexpr int64_t INT = 2, INTS = 7; }
namespace tensor_f { constexpr int dims = 1, data_type = 2, name = 8, raw_data = 9; }
namespace value_f { constexpr int name = 1, type = 2, doc = 3; }
namespace type_f { constexpr int tensor_type = 1, elem_type = 1, shape = 2; }
namespace shape_f { constexpr int dim = 1, dim_value = 1, dim_param = 2; }
namespace entry_f { constexpr int key = 1, value = 2; }

ProtoEncoder encode(const Tensor& t) {
  ProtoEncoder e;
  for (int64_t d : t.dims) e.int_field(tensor_f::dims, d);
  e.int_field(tensor_f::data_type, int64_t(t.type));
  e.bytes_field(tensor_f::name, t.name);
  e.bytes_field(tensor_f::raw_data, t.raw);
  return e;
}

ProtoEncoder encode(const Attribute& a) {
  ProtoEncoder e;
  e.bytes_field(attr_f::name, a.name);
  if (a.kind == Attribute::Kind::Int) {
    e.int_field(attr_f::i, a.i);
    e.int_field(attr_f::type, attr_f::INT);
  } else {
    for (int64_t v : a.ints) e.int_field(attr_f::ints, v);
    e.int_field(attr_f::type, attr_f::INTS);
  }
  return e;
}

ProtoEncoder encode(const Node& n) {
  ProtoEncoder e;
  for (const std::string& in : n.inputs) e.bytes_field(node_f::input, in);
  for (const std::string& out : n.outputs) e.bytes_field(node_f::output, out);
  if (!n.name.empty()) e.bytes_field(node_f::name, n.name);
  e.bytes_field(node_f::op_type, n.op_type);
  for (const Attribute& a : n.attributes) e.message_field(node_f::attribute, encode(a));
  return e;
}

ProtoEncoder encode(const ValueInfo& v) {
  ProtoEncoder shape;
  std::size_t symbolic = 0;
  for (int64_t d : v.dims) {
    ProtoEncoder dim;
    if (d >= 0)
      dim.int_field(shape_f::dim_value, d);
    else
      dim.bytes_field(shape_f::dim_param, symbolic < v.dim_names.size() ? v.dim_names[symbolic++] : "n");
    shape.message_field(shape_f::dim, dim);
  }
  ProtoEncoder tensor_type;
  tensor_type.int_field(type_f::elem_type, int64_t(v.type));
  tensor_type.message_field(type_f::shape, shape);
  ProtoEncoder type;
  type.message_field(type_f::tensor_type, tensor_type);
  ProtoEncoder e;
  e.bytes_field(value_f::name, v.name);
  e.message_field(value_f::type, type);
  if (!v.doc.empty()) e.bytes_field(value_f::doc, v.doc);
  return e;
}

}  // namespace

std::string serialize(const Model& model) {
  ProtoEncoder graph;
  for (const Node& n : model.nodes) graph.message_field(graph_f::node, encode(n));
  graph.bytes_field(graph_f::name, model.graph_name);
  for (const Tensor& t : model.initializers) graph.message_field(graph_f::initializer, encode(t));
  if (!model.doc.empty()) graph.bytes_field(graph_f::doc, model.doc);
  for (const ValueInfo& v : model.inputs) graph.message_field(graph_f::input, encode(v));
  for (const ValueInfo& v : model.outputs) graph.message_field(graph_f::output, encode(v));

  ProtoEncoder opset;
  opset.bytes_field(opset_f::domain, "");
  opset.int_field(opset_f::version, OPSET);

  ProtoEncoder m;
  m.int_field(model_f::ir_version, IR_VERSION);
  m.bytes_field(model_f::producer_name, "corvid");
  m.bytes_field(model_f::producer_version, CORVID_VERSION);
  if (!model.doc.empty()) m.bytes_field(model_f::doc, model.doc);
  m.message_field(model_f::graph, graph);
  m.message_field(model_f::opset_import, opset);
  for (const auto& [key, value] : model.metadata) {
    ProtoEncoder entry;
    entry.bytes_field(entry_f::key, key);
    entry.bytes_field(entry_f::value, value);
    m.message_field(model_f::metadata_props, entry);
  }
  return m.bytes();
}

}  // namespace corvid::tools::onnx
