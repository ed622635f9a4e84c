// `corvid net visualize`: every picture it announces exists and is a PNG that libpng can
// decode, with board colours on both sides of zero.
#include <catch2/catch.hpp>

#include <png.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

#include "net_test_support.h"
#include "process_support.h"
#include "test_files.h"
#include "nnue/network_writer.h"
#include "nnue/random_network.h"

using namespace corvid::nnue;

namespace {

using corvid::test::CommandResult;

CommandResult run(const std::string& arguments) {
  return corvid::test::run_corvid(arguments, "", corvid::test::Stderr::Merge);
}

using corvid::test::TempDir;

uint32_t be32(const std::vector<uint8_t>& b, std::size_t at) {
  return uint32_t(b[at]) << 24 | uint32_t(b[at + 1]) << 16 | uint32_t(b[at + 2]) << 8 | uint32_t(b[at + 3]);
}

struct Picture {
  uint32_t width = 0, height = 0;
  std::vector<uint8_t> rgb;
};

// Checks the signature and IHDR by hand, then decodes the whole file with libpng.
Picture check_png(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  INFO(path);
  REQUIRE(bytes.size() > 33);
  const uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  REQUIRE(std::memcmp(bytes.data(), signature, 8) == 0);
  REQUIRE(be32(bytes, 8) == 13);
  REQUIRE(std::memcmp(bytes.data() + 12, "IHDR", 4) == 0);
  Picture p;
  p.width = be32(bytes, 16);
  p.height = be32(bytes, 20);
  CHECK(p.width > 0);
  CHECK(p.height > 0);

  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  REQUIRE(png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) != 0);
  image.format = PNG_FORMAT_RGB;
  p.rgb.resize(PNG_IMAGE_SIZE(image));
  const int finished = png_image_finish_read(&image, nullptr, p.rgb.data(), 0, nullptr);
  INFO(image.message);
  REQUIRE(finished != 0);
  CHECK(image.width == p.width);
  CHECK(image.height == p.height);
  return p;
}

// Pixels clearly red (positive weights) and clearly blue (negative weights).
std::pair<std::size_t, std::size_t> red_and_blue(const Picture& p) {
  std::size_t red = 0, blue = 0;
  for (std::size_t i = 0; i + 2 < p.rgb.size(); i += 3) {
    const int r = p.rgb[i], g = p.rgb[i + 1], b = p.rgb[i + 2];
    red += r > 150 && r > b + 60 && r > g + 60;
    blue += b > 150 && b > r + 60;
  }
  return {red, blue};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("tools: corvid net visualize writes decodable PNG pictures", "[tools][visualize]") {
  TempDir dir;
  const std::string net = (dir.path / "net.nnue").string();
  std::string error;
  REQUIRE(write_network_file(make_random_network(Architecture{HALF_KA_V2_HM, 128}, 3), net, error));
  const std::string out = (dir.path / "pictures").string();
  const CommandResult r = run("net visualize '" + net + "' --out '" + out + "' --neurons 0,17 --cell 4");
  INFO(r.output);
  REQUIRE(r.status == 0);
  const std::vector<std::string> written = lines_of(r.output);
  std::set<std::string> names;
  for (const std::string& path : written) names.insert(std::filesystem::path(path).filename());
  std::set<std::string> expected = {"ft_neuron_0.png", "ft_neuron_17.png", "psqt_overview.png", "ft_histograms.png"};
  for (int i = 0; i < 8; ++i) {
    expected.insert("psqt_bucket_" + std::to_string(i) + ".png");
    expected.insert("stack_" + std::to_string(i) + "_histograms.png");
  }
  CHECK(names == expected);
  for (const std::string& path : written) {
    const Picture p = check_png(path);
    if (path.find("ft_neuron_") != std::string::npos || path.find("psqt_bucket_") != std::string::npos) {
      // 11 piece planes across and 32 king buckets down, 8 squares of 4 pixels each.
      CHECK(p.width >= 11 * 8 * 4);
      CHECK(p.height >= 32 * 8 * 4);
      const auto [red, blue] = red_and_blue(p);
      CHECK(red > 1000);  // random weights of both signs
      CHECK(blue > 1000);
    }
  }
}

TEST_CASE("tools: corvid net visualize draws a reference net with the rows asked for", "[tools][visualize]") {
  const std::string net = corvid::test::reference_net("nn-37f18f62d772.nnue");
  if (net.empty()) return;
  TempDir dir;
  const std::string all = (dir.path / "all").string(), two = (dir.path / "two").string();
  REQUIRE(run("net visualize '" + net + "' --out '" + all + "' --neurons 5").status == 0);
  REQUIRE(run("net visualize '" + net + "' --out '" + two + "' --neurons 5 --king-buckets 0,31").status == 0);
  const Picture full = check_png(all + "/ft_neuron_5.png");
  const Picture part = check_png(two + "/ft_neuron_5.png");
  CHECK(full.width == part.width);
  CHECK(full.height > part.height + 30 * 8 * 5);  // 30 fewer rows of 8 squares, 5 pixels each
  check_png(all + "/ft_histograms.png");
}

TEST_CASE("tools: corvid net visualize refuses bad requests", "[tools][visualize]") {
  TempDir dir;
  const std::string net = (dir.path / "net.nnue").string();
  std::string error;
  REQUIRE(write_network_file(make_random_network(Architecture{HALF_KA_V2_HM, 128}, 3), net, error));
  const CommandResult neuron = run("net visualize '" + net + "' --out '" + dir.path.string() + "/p' --neurons 128");
  CHECK(neuron.status == 1);
  CHECK_THAT(neuron.output, Catch::Contains("neuron 128 out of range"));
  const CommandResult bucket = run("net visualize '" + net + "' --out '" + dir.path.string() + "/p' --king-buckets 32");
  CHECK(bucket.status == 1);
  CHECK_THAT(bucket.output, Catch::Contains("king bucket 32"));
  CHECK(run("net visualize /dev/null --out '" + dir.path.string() + "/p'").status == 1);
}
