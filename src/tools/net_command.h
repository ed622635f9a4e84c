// The `corvid net` subcommands (inspect, convert, verify, diff, visualize, export, import, features) on a CLI11 app.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>

namespace corvid::tools {

struct NetCommands {
  CLI::App* command = nullptr;  // `net`
  std::function<int()> run;     // runs the chosen subcommand; returns the exit status

  bool chosen() const { return command && command->parsed(); }
};

// Call before parsing; after parsing, `if (net.chosen()) return net.run();`.
NetCommands add_net_commands(CLI::App& app);

}  // namespace corvid::tools
