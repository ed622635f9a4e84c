// `corvid evalbench`: evaluations per second, (a) full refresh + evaluate and
// (b) make + incremental evaluate along fixed pseudo-random games.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "nnue/kernels.h"
#include "nnue/network.h"

namespace corvid {

struct EvalbenchResult {
  double refresh_per_second = 0;
  double incremental_per_second = 0;
  int64_t checksum = 0;  // sum of outputs, so the work cannot be optimised away
};

EvalbenchResult run_evalbench(const nnue::Network& net, const nnue::Kernels& kernels, double seconds_each);

}  // namespace corvid
