// spdlog set-up: stdout belongs to UCI, so every log line goes to stderr.
#pragma once

namespace corvid {
void init_logging();
}
