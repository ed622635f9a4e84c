#include "nnue/random_network.h"

#include <limits>
#include <vector>

namespace corvid::nnue {

namespace {

// splitmix64: tiny, and fixed across standard libraries (std distributions are not).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Mostly within +-small, one value in 64 anywhere in T's range, one in 256 at a limit.
template <class T, class Alloc>
void fill(std::vector<T, Alloc>& values, SplitMix64& rng, int64_t small) {
  constexpr int64_t LOW = std::numeric_limits<T>::min();
  constexpr int64_t HIGH = std::numeric_limits<T>::max();
  for (T& v : values) {
    const uint64_t r = rng.next();
    const uint64_t kind = r & 0xff;
    const uint64_t bits = r >> 8;
    int64_t x;
    if (kind == 0) x = (bits & 1) ? HIGH : LOW;
    else if (kind < 4) x = LOW + int64_t(bits % uint64_t(HIGH - LOW + 1));
    else x = int64_t(bits % uint64_t(2 * small + 1)) - small;
    v = static_cast<T>(x);
  }
}

}  // namespace

NetworkData make_random_network(const Architecture& arch, uint64_t seed) {
  NetworkData net = make_zero_network(arch);
  net.description = "Corvid random network, seed " + std::to_string(seed);
  SplitMix64 rng(seed);
  fill(net.ft.biases, rng, 300);
  fill(net.ft.threat_weights, rng, 40);
  fill(net.ft.weights, rng, 100);
  fill(net.ft.threat_psqt_weights, rng, 3000);
  fill(net.ft.psqt_weights, rng, 3000);
  for (LayerStackData& stack : net.stacks)
    for (AffineLayerData* layer : {&stack.fc0, &stack.fc1, &stack.fc2}) {
      fill(layer->biases, rng, 5000);
      fill(layer->weights, rng, 60);
    }
  return net;
}

}  // namespace corvid::nnue
