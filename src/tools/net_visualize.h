// `corvid net visualize`: PNG pictures of a net's weights. Feature-transformer and PSQT
// weights as grids of 8x8 boards (one row per king bucket, one column per piece plane),
// and histograms of every tensor.
#pragma once

#include <string>
#include <vector>

#include "nnue/network_data.h"

namespace corvid::tools {

struct VisualizeOptions {
  std::vector<int> neurons = {0, 1, 2, 3};  // feature-transformer outputs to draw
  std::vector<int> king_buckets;            // rows to draw; empty: all 32
  int cell_pixels = 5;                      // size of one square
  // Colours saturate beyond this percentile of |weight| in each picture, so that a few
  // outliers do not wash the rest out.
  double saturate_percentile = 99.0;
};

struct VisualizeResult {
  bool ok = false;
  std::vector<std::string> written;  // paths of the pictures
  std::string error;
};

// out_dir is created when missing.
VisualizeResult visualize_net(const nnue::NetworkData& net, const std::string& out_dir,
                              const VisualizeOptions& options);

}  // namespace corvid::tools
