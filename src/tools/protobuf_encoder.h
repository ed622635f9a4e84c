// A protobuf wire-format encoder, just what writing an ONNX model needs: varint, fixed32
// and length-delimited fields. Corvid writes ONNX models only; an own 60-line encoder is
// smaller than generating C++ from onnx.proto with protoc and linking libprotobuf, and
// the models are checked by two independent decoders (onnx's checker, onnxruntime).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace corvid::tools {

class ProtoEncoder {
 public:
  // Integer fields (int32, int64, enum, bool): negative values take ten bytes, as protobuf says.
  void int_field(int field, int64_t value);
  void float_field(int field, float value);
  // string, bytes, and embedded messages.
  void bytes_field(int field, std::string_view bytes);
  void message_field(int field, const ProtoEncoder& message) { bytes_field(field, message.bytes()); }

  const std::string& bytes() const { return bytes_; }

 private:
  void varint(uint64_t value);
  void tag(int field, int wire_type) { varint(uint64_t(field) << 3 | uint64_t(wire_type)); }

  std::string bytes_;
};

}  // namespace corvid::tools
