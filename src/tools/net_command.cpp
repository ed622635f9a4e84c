#include "tools/net_command.h"

#include <iostream>
#include <optional>

#include "tools/net_convert.h"
#include "tools/net_features.h"
#include "tools/net_file.h"
#include "tools/net_inspect.h"
#include "tools/net_verify_diff.h"
#include "tools/net_visualize.h"
#include "tools/nnef_export.h"
#include "tools/onnx_export.h"

namespace corvid::tools {

namespace {

// Option values live here, shared by the parser and the runner.
struct NetCommandState {
  CLI::App* inspect = nullptr;
  CLI::App* convert = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* diff = nullptr;
  CLI::App* visualize = nullptr;
  CLI::App* export_ = nullptr;
  CLI::App* import = nullptr;
  CLI::App* features = nullptr;

  std::string file, second_file, out;
  bool json = false;
  std::string ft_compression;
  std::optional<std::string> description;
  bool out_sha = false;
  VisualizeOptions visualize_options;
  std::string format;
};

int fail(const std::string& command, const std::string& message) {
  std::cerr << "corvid net " << command << ": " << message << "\n";
  return 1;
}

int run_inspect(const NetCommandState& s) {
  const NetFile file = load_net_file(s.file);
  if (!file.ok()) return fail("inspect", file.error);
  if (s.json)
    print_inspection_json(file, std::cout);
  else
    print_inspection_text(file, std::cout);
  return 0;
}

int run_convert(const NetCommandState& s) {
  ConvertOptions options;
  if (s.ft_compression == "leb128") options.ft_encoding = nnue::TensorEncoding::Leb128;
  if (s.ft_compression == "none") options.ft_encoding = nnue::TensorEncoding::Raw;
  options.description = s.description;
  options.out_sha = s.out_sha;
  const ConvertResult result = convert_net_file(s.file, s.out, options);
  if (!result.ok) return fail("convert", result.error);
  std::cout << result.written_path << "\n";
  return 0;
}

int run_verify(const NetCommandState& s) {
  const VerifyResult result = verify_net_file(s.file);
  std::cout << result.line << "\n";  // OK or FAIL: the result, on stdout either way
  return result.ok ? 0 : 1;
}

int run_visualize(const NetCommandState& s) {
  const NetFile file = load_net_file(s.file);
  if (!file.ok()) return fail("visualize", file.error);
  const VisualizeResult result = visualize_net(*file.net, s.out, s.visualize_options);
  if (!result.ok) return fail("visualize", result.error);
  for (const std::string& path : result.written) std::cout << path << "\n";
  return 0;
}

int run_export(const NetCommandState& s) {
  const NetFile file = load_net_file(s.file);
  if (!file.ok()) return fail("export", file.error);
  const std::string name = base_name(s.file);
  const ExportResult result =
      s.format == "onnx" ? export_onnx(*file.net, name, s.out) : export_nnef(*file.net, name, s.out);
  if (!result.ok) return fail("export", result.error);
  std::cout << s.out << "\n";
  return 0;
}

int run_import(const NetCommandState& s) {
  const ExportResult result = import_nnef(s.file, s.out);
  if (!result.ok) return fail("import", result.error);
  std::cout << s.out << "\n";
  return 0;
}

int run_features(const NetCommandState& s) {
  nnue::FeatureSet feature_set = nnue::HALF_KA_V2_HM;
  if (!s.file.empty()) {
    const NetFile file = load_net_file(s.file);
    if (!file.ok()) return fail("features", file.error);
    feature_set = file.net->arch.feature_set;
  }
  return print_features(feature_set, std::cin, std::cout, std::cerr);
}

}  // namespace

NetCommands add_net_commands(CLI::App& app) {
  auto state = std::make_shared<NetCommandState>();
  NetCommandState& s = *state;
  CLI::App* net = app.add_subcommand("net", "Inspect, convert, verify, compare, picture, export and import .nnue files");
  net->require_subcommand(1);

  s.inspect = net->add_subcommand("inspect", "Print a net's architecture, hashes, description and tensor statistics");
  s.inspect->add_option("FILE", s.file, "The .nnue file")->required();
  s.inspect->add_flag("--json", s.json, "Print JSON instead of text");

  s.convert = net->add_subcommand("convert", "Rewrite a net with another compression or description");
  s.convert->add_option("IN", s.file, "The .nnue file to read")->required();
  s.convert->add_option("OUT", s.out, "The file to write (a folder with --out-sha)")->required();
  s.convert->add_option("--ft-compression", s.ft_compression,
                        "Feature-transformer encoding: leb128 or none (default: as in IN)")
      ->check(CLI::IsMember({"leb128", "none"}));
  s.convert->add_option("--description", s.description, "Replace the description");
  s.convert->add_flag("--out-sha", s.out_sha, "Treat OUT as a folder and name the file nn-<sha12>.nnue");

  s.verify = net->add_subcommand("verify", "Check a net's structure; exit status 0 when sound, 1 when not");
  s.verify->add_option("FILE", s.file, "The .nnue file")->required();

  s.diff = net->add_subcommand(
      "diff", "List the tensors in which two nets differ, and by how much; exit status 0 same, 1 differ, 2 error");
  s.diff->add_option("A", s.file, "First .nnue file")->required();
  s.diff->add_option("B", s.second_file, "Second .nnue file")->required();

  s.visualize = net->add_subcommand("visualize", "Draw PNG pictures of a net's weights");
  s.visualize->add_option("FILE", s.file, "The .nnue file")->required();
  s.visualize->add_option("--out", s.out, "Folder for the pictures (created when missing)")->required();
  s.visualize->add_option("--neurons", s.visualize_options.neurons,
                          "Feature-transformer outputs to draw (default: 0 1 2 3)")
      ->delimiter(',');
  s.visualize->add_option("--king-buckets", s.visualize_options.king_buckets,
                          "King buckets (board rows) to draw, 0-31 (default: all)")
      ->delimiter(',');
  s.visualize->add_option("--cell", s.visualize_options.cell_pixels, "Pixels per square")->check(CLI::Range(4, 32));
  s.visualize->add_option("--saturate", s.visualize_options.saturate_percentile,
                          "Percentile of |weight| at which colours saturate")
      ->check(CLI::Range(50.0, 100.0));

  s.export_ = net->add_subcommand("export", "Write a net as an ONNX model or an NNEF archive (tar)");
  s.export_->add_option("FILE", s.file, "The .nnue file")->required();
  s.export_->add_option("--format", s.format, "onnx or nnef")->required()->check(CLI::IsMember({"onnx", "nnef"}));
  s.export_->add_option("--out", s.out, "The file to write (.onnx, or .tar for NNEF)")->required();

  s.import = net->add_subcommand("import", "Turn an NNEF archive written by `net export` back into a .nnue file");
  s.import->add_option("PATH", s.file, "The NNEF archive (.tar)")->required();
  s.import->add_option("--out", s.out, "The .nnue file to write")->required();

  s.features = net->add_subcommand(
      "features", "Print the active feature indices of each FEN read from stdin: <bucket> <us,...> <them,...>");
  s.features->add_option("--net", s.file, "The net whose feature set to use (default: HalfKAv2_hm)");

  NetCommands commands;
  commands.command = net;
  commands.run = [state]() -> int {
    const NetCommandState& st = *state;
    if (st.inspect->parsed()) return run_inspect(st);
    if (st.convert->parsed()) return run_convert(st);
    if (st.verify->parsed()) return run_verify(st);
    if (st.diff->parsed()) return diff_net_files(st.file, st.second_file, std::cout, std::cerr);
    if (st.visualize->parsed()) return run_visualize(st);
    if (st.export_->parsed()) return run_export(st);
    if (st.import->parsed()) return run_import(st);
    if (st.features->parsed()) return run_features(st);
    return 1;
  };
  return commands;
}

}  // namespace corvid::tools
