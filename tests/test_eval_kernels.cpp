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

        // The same with int8 rows (threat weights), which the kernels widen first.
        std::vector<AlignedVector<int8_t>> rows8;
        for (int k = 0; k < 6; ++k) rows8.push_back(random_values<int8_t>(rng, l1, -128, 127));
        const int8_t* adds8[3] = {rows8[0].data(), rows8[1].data(), rows8[2].data()};
        const int8_t* subs8[3] = {rows8[3].data(), rows8[4].data(), rows8[5].data()};
        SCALAR_KERNELS.ft_update_i8(expected.data(), src.data(), adds8, add_count, subs8, sub_count, l1);
        simd->ft_update_i8(got.data(), src.data(), adds8, add_count, subs8, sub_count, l1);
        REQUIRE(got == expected);

        // Pairwise transform, with values around and beyond the clipping range.
        auto us = random_values<int16_t>(rng, l1, -300, 300), them = random_values<int16_t>(rng, l1, -300, 300);
        AlignedVector<uint8_t> t_expected(l1), t_got(l1);
        SCALAR_KERNELS.ft_transform(us.data(), them.data(), t_expected.data(), l1);
        simd->ft_transform(us.data(), them.data(), t_got.data(), l1);
        REQUIRE(t_got == t_expected);

        // The Full_Threats transform: two accumulators summed with wrap-around (values
        // near the int16 limits), clipped to 0..255.
        const bool extreme = round % 3 == 0;
        auto us_t = random_values<int16_t>(rng, l1, extreme ? -32768 : -300, extreme ? 32767 : 300);
        auto them_t = random_values<int16_t>(rng, l1, extreme ? -32768 : -300, extreme ? 32767 : 300);
        SCALAR_KERNELS.ft_transform_threats(us.data(), us_t.data(), them.data(), them_t.data(), t_expected.data(), l1);
        simd->ft_transform_threats(us.data(), us_t.data(), them.data(), them_t.data(), t_got.data(), l1);
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

        // Stockfish 19's fc_0: 32 outputs, weights blocked [l1/4][32][4].
        auto w32 = random_values<int8_t>(rng, size_t(32) * l1, -128, 127);
        AlignedVector<int8_t> blocked32(w32.size());
        for (int o = 0; o < 32; ++o)
          for (int i = 0; i < l1; ++i) blocked32[(size_t(i / 4) * 32 + o) * 4 + i % 4] = w32[size_t(o) * l1 + i];
        auto biases32 = random_values<int32_t>(rng, 32, -100000, 100000);
        int32_t o32_expected[32], o32_got[32];
        SCALAR_KERNELS.fc0_forward32(in.data(), l1, w32.data(), blocked32.data(), biases32.data(), o32_expected);
        simd->fc0_forward32(in.data(), l1, w32.data(), blocked32.data(), biases32.data(), o32_got);
        for (int o = 0; o < 32; ++o) REQUIRE(o32_got[o] == o32_expected[o]);
      }
    }
    for (int round = 0; round < 200; ++round) {
      // Activations, including inputs whose squares need more than 32 bits.
      auto in = random_values<int32_t>(rng, 32, round % 2 ? -20000 : -3000000, round % 2 ? 20000 : 3000000);
      uint8_t a_expected[32], a_got[32];
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

      // Stockfish 19's dense layers: fc_1 (64 -> 32) and fc_2 (128 -> 1).
      auto x128 = sparse_bytes(rng, 128, 30);
      auto w64 = random_values<int8_t>(rng, 32 * 64, -128, 127);
      AlignedVector<int8_t> blocked64(w64.size());
      for (int o = 0; o < 32; ++o)
        for (int i = 0; i < 64; ++i) blocked64[(size_t(i / 4) * 32 + o) * 4 + i % 4] = w64[size_t(o) * 64 + i];
      SCALAR_KERNELS.fc1_forward64(x128.data(), w64.data(), blocked64.data(), biases.data(), f_expected);
      simd->fc1_forward64(x128.data(), w64.data(), blocked64.data(), biases.data(), f_got);
      for (int o = 0; o < 32; ++o) REQUIRE(f_got[o] == f_expected[o]);
      auto w128 = random_values<int8_t>(rng, 128, -128, 127);
      REQUIRE(simd->fc2_forward128(x128.data(), w128.data(), biases[1]) ==
              SCALAR_KERNELS.fc2_forward128(x128.data(), w128.data(), biases[1]));
    }
  }
}

TEST_CASE("Scalar reference kernels give the format's values", "[nnue][kernels]") {
  // Worked by hand from the format's definitions (shifts by 6, squares by 2*6 + 7 bits).
  SECTION("fc_0 activations (one implementation for every flavour)") {
    int32_t in[16] = {0, 64, 63, -64, 1000, 8191, 8192, 100000, -100000, 4096, 5000, 2047, 2048, 12000, 6000, 777};
    uint8_t out[32];
    fc0_activation_plain(in, out);
    const int squared[15] = {0, 0, 0, 0, 1, 127, 127, 127, 127, 32, 47, 7, 8, 127, 68};
    const int clipped[15] = {0, 1, 0, 0, 15, 127, 127, 127, 0, 64, 78, 31, 32, 127, 93};
    for (int i = 0; i < 15; ++i) {
      CHECK(int(out[i]) == squared[i]);
      CHECK(int(out[15 + i]) == clipped[i]);
    }
    CHECK(out[30] == 0);
    CHECK(out[31] == 0);
  }
  SECTION("Stockfish 19 activations (one implementation for every flavour)") {
    // After fc_0 (shift 7): squares >> 21, plain >> 7; after fc_1 (shift 6): >> 19 and >> 6.
    int32_t in[32] = {0, 1448, 1449, -128, 16256, 16384, 1000000, -1000000, 5000, 724, 725, -65};
    uint8_t out[64];
    concat_activation_plain(in, 7, out);
    const int squared7[12] = {0, 0, 1, 0, 126, 127, 127, 127, 11, 0, 0, 0};
    const int clipped7[12] = {0, 11, 11, 0, 127, 127, 127, 0, 39, 5, 5, 0};
    for (int i = 0; i < 12; ++i) {
      CHECK(int(out[i]) == squared7[i]);
      CHECK(int(out[32 + i]) == clipped7[i]);
    }
    concat_activation_plain(in, 6, out);
    const int squared6[12] = {0, 3, 4, 0, 127, 127, 127, 127, 47, 0, 1, 0};
    const int clipped6[12] = {0, 22, 22, 0, 127, 127, 127, 0, 78, 11, 11, 0};
    for (int i = 0; i < 12; ++i) {
      CHECK(int(out[i]) == squared6[i]);
      CHECK(int(out[32 + i]) == clipped6[i]);
    }
    for (int i = 12; i < 32; ++i) CHECK(int(out[i]) + int(out[32 + i]) == 0);
  }
  SECTION("Full_Threats transform") {
    AlignedVector<int16_t> us(128, 0), us_t(128, 0), them(128, 0), them_t(128, 0);
    us[0] = 200, us_t[0] = 100, us[64] = 255;        // 300 clips to 255: 255 * 255 / 512 = 127
    us[1] = 32767, us_t[1] = 2, us[65] = 255;        // wraps to -32767: 0
    us[2] = 100, us_t[2] = -20, us[66] = 90, us_t[66] = 10;  // 80 * 100 / 512 = 15
    them[3] = 40, them_t[67] = -1, them[67] = 300;   // b = 299 -> 255: 40 * 255 / 512 = 19
    them[4] = 64, them[68] = -5;                     // negative b: 0
    AlignedVector<uint8_t> out(128);
    SCALAR_KERNELS.ft_transform_threats(us.data(), us_t.data(), them.data(), them_t.data(), out.data(), 128);
    CHECK(int(out[0]) == 127);
    CHECK(int(out[1]) == 0);
    CHECK(int(out[2]) == 15);
    CHECK(int(out[64 + 3]) == 19);
    CHECK(int(out[64 + 4]) == 0);
  }
}

TEST_CASE("The build's kernel flavour is one this CPU runs", "[nnue][kernels]") {
  const auto runnable = runnable_kernels();
  CHECK(std::find(runnable.begin(), runnable.end(), &build_kernels()) != runnable.end());
}
