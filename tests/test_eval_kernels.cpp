// Every SIMD kernel flavour this CPU runs gives exactly the scalar reference's results,
// on random inputs that include the awkward values (negative and saturating ones).
#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "nnue/kernels.h"
#include "util/aligned.h"

using namespace corvid;
using namespace corvid::nnue;

namespace {

template <class T>
AlignedVector<T> random_values(std::mt19937_64& rng, size_t n, int lo, int hi) {
  AlignedVector<T> v(n);
  std::uniform_int_distribution<int> dist(lo, hi);
  for (T& x : v) x = T(dist(rng));
  return v;
}

// Transformed features are mostly zero; keep that shape so the sparse path is exercised.
AlignedVector<uint8_t> sparse_bytes(std::mt19937_64& rng, size_t n, int zero_percent) {
  AlignedVector<uint8_t> v(n);
  for (uint8_t& x : v) x = int(rng() % 100) < zero_percent ? 0 : uint8_t(rng() % 128);
  return v;
}

std::vector<const Kernels*> simd_flavours() {
  std::vector<const Kernels*> flavours;
  for (const Kernels* k : runnable_kernels())
    if (k != &SCALAR_KERNELS) flavours.push_back(k);
  if (flavours.empty()) WARN("this CPU runs no SIMD flavour; only the scalar kernels are checked");
  return flavours;
}

}  // namespace

TEST_CASE("SIMD kernels equal the scalar reference", "[nnue][kernels]") {
  std::mt19937_64 rng(99);
  for (const Kernels* simd : simd_flavours()) {
    INFO("flavour " << simd->name);
    for (int l1 : {128, 256, 1024, 1536, 3072}) {
      INFO("L1 " << l1);
      for (int round = 0; round < 20; ++round) {
        // Feature transformer update, including int16 wrap-around.
        auto src = random_values<int16_t>(rng, l1, -32768, 32767);
        std::vector<AlignedVector<int16_t>> rows;
        for (int k = 0; k < 6; ++k) rows.push_back(random_values<int16_t>(rng, l1, -32768, 32767));
        const int16_t* adds[3] = {rows[0].data(), rows[1].data(), rows[2].data()};
        const int16_t* subs[3] = {rows[3].data(), rows[4].data(), rows[5].data()};
        const int add_count = int(rng() % 4), sub_count = int(rng() % 4);
        AlignedVector<int16_t> expected(l1), got(l1);
        SCALAR_KERNELS.ft_update(expected.data(), src.data(), adds, add_count, subs, sub_count, l1);
        simd->ft_update(got.data(), src.data(), adds, add_count, subs, sub_count, l1);
        REQUIRE(got == expected);

        // Pairwise transform, with values around and beyond the clipping range.
        auto us = random_values<int16_t>(rng, l1, -300, 300), them = random_values<int16_t>(rng, l1, -300, 300);
        AlignedVector<uint8_t> t_expected(l1), t_got(l1);
        SCALAR_KERNELS.ft_transform(us.data(), them.data(), t_expected.data(), l1);
        simd->ft_transform(us.data(), them.data(), t_got.data(), l1);
        REQUIRE(t_got == t_expected);

        // Sparse fc_0 over L1 inputs: weights in both layouts the network keeps.
        auto in = sparse_bytes(rng, l1, round % 2 ? 95 : 40);
        auto w = random_values<int8_t>(rng, size_t(16) * l1, -128, 127);
        AlignedVector<int8_t> blocked(w.size());
        for (int o = 0; o < 16; ++o)
          for (int i = 0; i < l1; ++i) blocked[(size_t(i / 4) * 16 + o) * 4 + i % 4] = w[size_t(o) * l1 + i];
        auto biases = random_values<int32_t>(rng, 16, -100000, 100000);
        int32_t o_expected[16], o_got[16];
        SCALAR_KERNELS.fc0_forward(in.data(), l1, w.data(), blocked.data(), biases.data(), o_expected);
        simd->fc0_forward(in.data(), l1, w.data(), blocked.data(), biases.data(), o_got);
        for (int o = 0; o < 16; ++o) REQUIRE(o_got[o] == o_expected[o]);
      }
    }
    for (int round = 0; round < 200; ++round) {
      // Activations, including inputs whose squares need more than 32 bits.
      auto in = random_values<int32_t>(rng, 32, round % 2 ? -20000 : -3000000, round % 2 ? 20000 : 3000000);
      uint8_t a_expected[32], a_got[32];
      SCALAR_KERNELS.fc0_activation(in.data(), a_expected);
      simd->fc0_activation(in.data(), a_got);
      for (int i = 0; i < 32; ++i) REQUIRE(int(a_got[i]) == int(a_expected[i]));
      SCALAR_KERNELS.clipped_relu32(in.data(), a_expected);
      simd->clipped_relu32(in.data(), a_got);
      for (int i = 0; i < 32; ++i) REQUIRE(int(a_got[i]) == int(a_expected[i]));

      // Dense fc_1 (32 -> 32) and fc_2 (32 -> 1).
      auto x = sparse_bytes(rng, 32, 30);
      auto w = random_values<int8_t>(rng, 32 * 32, -128, 127);
      AlignedVector<int8_t> blocked(w.size());
      for (int o = 0; o < 32; ++o)
        for (int i = 0; i < 32; ++i) blocked[(size_t(i / 4) * 32 + o) * 4 + i % 4] = w[size_t(o) * 32 + i];
      auto biases = random_values<int32_t>(rng, 32, -100000, 100000);
      int32_t f_expected[32], f_got[32];
      SCALAR_KERNELS.fc1_forward(x.data(), w.data(), blocked.data(), biases.data(), f_expected);
      simd->fc1_forward(x.data(), w.data(), blocked.data(), biases.data(), f_got);
      for (int o = 0; o < 32; ++o) REQUIRE(f_got[o] == f_expected[o]);
      REQUIRE(simd->fc2_forward(x.data(), w.data(), biases[0]) ==
              SCALAR_KERNELS.fc2_forward(x.data(), w.data(), biases[0]));
    }
  }
}

TEST_CASE("The build's kernel flavour is one this CPU runs", "[nnue][kernels]") {
  const auto runnable = runnable_kernels();
  CHECK(std::find(runnable.begin(), runnable.end(), &build_kernels()) != runnable.end());
}
