#include "util/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace corvid {

void init_logging() {
  auto logger = spdlog::stderr_color_mt("corvid");
  logger->set_pattern("[%H:%M:%S.%e] [%l] %v");
  spdlog::set_default_logger(logger);
}

}  // namespace corvid
