// An ONNX model in memory (graph, nodes, initialisers, typed inputs and outputs) and its
// protobuf serialisation, with the field numbers of onnx.proto (ONNX IR version 7,
// default-domain opset 13). Only what the NNUE export uses is modelled.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace corvid::tools::onnx {

// TensorProto.DataType values.
enum class ElementType : int32_t { Float = 1, Uint8 = 2, Int8 = 3, Int16 = 5, Int32 = 6, Int64 = 7 };

struct Tensor {
  std::string name;
  ElementType type = ElementType::Int32;
  std::vector<int64_t> dims;
  std::string raw;  // little-endian elements, row-major
};

struct Attribute {
  std::string name;
  enum class Kind { Int, Ints } kind = Kind::Int;
  int64_t i = 0;
  std::vector<int64_t> ints;
};

struct Node {
  std::string op_type;
  std::vector<std::string> inputs, outputs;
  std::vector<Attribute> attributes;
  std::string name;
};

// A graph input or output. A negative dimension is symbolic, named by dim_names.
struct ValueInfo {
  std::string name;
  ElementType type = ElementType::Int32;
  std::vector<int64_t> dims;
  std::vector<std::string> dim_names;  // for the negative dims, in order
  std::string doc;
};

struct Model {
  std::string graph_name, doc;
  std::vector<Node> nodes;
  std::vector<Tensor> initializers;
  std::vector<ValueInfo> inputs, outputs;
  std::vector<std::pair<std::string, std::string>> metadata;
};

inline constexpr int64_t IR_VERSION = 7;
inline constexpr int64_t OPSET = 13;

std::string serialize(const Model& model);

}  // namespace corvid::tools::onnx
