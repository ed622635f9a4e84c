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

// The `corvid evalbench` command: one table row per net (the embedded one when `nets` is
// empty). The checksum column is the same for every kernel flavour of one net.
int evalbench_command(std::vector<std::string> nets, const std::string& kernel_name, double seconds);

}  // namespace corvid
