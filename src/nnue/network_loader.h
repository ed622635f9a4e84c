// From bytes or a file to an evaluation-ready network, or a message saying why not.
#pragma once

#include <memory>
#include <string>

#include "nnue/embedded_net.h"
#include "nnue/network.h"

namespace corvid::nnue {

struct LoadedNetwork {
  std::unique_ptr<Network> network;  // null when refused
  std::string name;                  // nn-<sha12>.nnue or the file's path
  std::string error;
};

LoadedNetwork load_network_file(const std::string& path);
LoadedNetwork load_embedded_network(NetSlot slot = NetSlot::Big);
// The file at path, or the embedded net when path is empty.
LoadedNetwork load_network(const std::string& path, NetSlot slot = NetSlot::Big);

}  // namespace corvid::nnue
