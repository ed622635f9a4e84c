#include "nnue/network_loader.h"

#include "nnue/embedded_net.h"
#include "nnue/network_reader.h"

namespace corvid::nnue {

namespace {

LoadedNetwork finish(ReadResult read, std::string name) {
  LoadedNetwork loaded;
  loaded.name = std::move(name);
  if (!read.ok()) {
    loaded.error = read.error;
    return loaded;
  }
  loaded.network = Network::from_data(std::move(*read.network), &loaded.error);
  if (!loaded.network && !loaded.error.empty()) loaded.error = loaded.name + ": " + loaded.error;
  return loaded;
}

}  // namespace

LoadedNetwork load_network_file(const std::string& path) { return finish(read_network_file(path), path); }

LoadedNetwork load_embedded_network(NetSlot slot) {
  if (embedded_net(slot).empty()) {
    LoadedNetwork none;
    none.error = slot == NetSlot::Big
                     ? "this build has no embedded net (build with `make net` first, or set EvalFile)"
                     : "this build has no embedded small net";
    return none;
  }
  return finish(read_network(embedded_net(slot)), std::string(embedded_net_name(slot)));
}

LoadedNetwork load_network(const std::string& path, NetSlot slot) {
  return path.empty() ? load_embedded_network(slot) : load_network_file(path);
}

}  // namespace corvid::nnue
