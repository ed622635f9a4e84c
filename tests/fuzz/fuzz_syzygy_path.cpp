// Fuzz target `syzygy_path`: tb::load (the SyzygyPath option) on any string of
// ':'-separated folders, then probes. Before the path the input chooses which of a few
// real tables (copied from tests/data/syzygy) go into a scratch folder, each intact or
// damaged: truncated (to a size no whole table has), its magic bytes changed, emptied, or
// replaced by a folder of that name. Each such table must be named in the load report,
// and must not be used. In the path, '@' stands for the scratch folder, '#' for
// tests/data/syzygy itself and '~' for a missing one; any other text is taken as it is
// (relative or absolute). Then a few positions are probed (WDL, and the root probe with
// its ranking); whatever a probe finds must agree with the real tables.
//
// Damage inside a table that keeps its size and magic (CORVID_FUZZ_TB_CONTENT=1 adds
// byte changes anywhere and truncations to a table-like size) is not detected by Corvid,
// and libfathom trusts table contents: such runs crash in fathom (see
// scripts/results/fuzz-log.md), so they are not part of the default run.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "chess/position.h"
#include "fuzz_support.h"
#include "tb/syzygy.h"

using namespace corvid;
namespace fs = std::filesystem;

namespace {

constexpr const char* TABLES[] = {"KQvK.rtbw", "KQvK.rtbz", "KRvK.rtbw", "KRvK.rtbz",
                                  "KPvK.rtbw", "KPvK.rtbz", "KBvKN.rtbw", "KBvKN.rtbz"};
constexpr const char* FENS[] = {
    "8/8/8/8/8/2k5/8/KQ6 w - - 0 1",   "8/8/8/8/8/2k5/8/KQ6 b - - 0 1",  "8/8/3k4/8/8/8/8/R3K3 w - - 5 40",
    "8/8/8/8/8/1k6/8/R1K5 b - - 0 1",  "8/8/8/4k3/8/8/4P3/4K3 w - - 0 1", "8/8/8/8/8/5k2/4P3/4K3 b - - 0 1",
    "8/8/8/2n5/8/2k5/8/KB6 w - - 0 1", "8/8/8/8/8/8/8/K1k5 w - - 0 1",     "8/4P3/8/8/8/8/k7/4K3 w - - 0 1",
    "k7/2Q5/1K6/8/8/8/8/8 b - - 0 1",  // stalemate
};

struct Expected {
  std::optional<tb::Wdl> wdl;
  std::optional<tb::RootProbe> root;
};

std::vector<Position>& positions() {
  static std::vector<Position> all = [] {
    std::vector<Position> v;
    for (const char* fen : FENS) {
      Position pos;
      std::string error;
      FUZZ_CHECK(pos.set_fen(fen, false, &error), error);
      v.push_back(pos);
    }
    return v;
  }();
  return all;
}

std::string real_dir() { return std::string(CORVID_TEST_DATA_DIR) + "/syzygy"; }

std::vector<std::string>& originals() {
  static std::vector<std::string> files = [] {
    std::vector<std::string> v;
    for (const char* name : TABLES) {
      std::ifstream in(real_dir() + "/" + name, std::ios::binary);
      v.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      FUZZ_CHECK(!v.back().empty(), std::string("cannot read the test table ") + name);
    }
    return v;
  }();
  return files;
}

// What the real tables say about each position.
std::vector<Expected>& expected() {
  static std::vector<Expected> all = [] {
    tb::load(real_dir());
    std::vector<Expected> v;
    for (const Position& pos : positions()) v.push_back({tb::probe_wdl(pos), tb::probe_root(pos)});
    tb::load("");
    return v;
  }();
  return all;
}

bool same(const tb::RootProbe& a, const tb::RootProbe& b) {
  if (a.wdl != b.wdl || a.dtz != b.dtz || a.moves.size() != b.moves.size()) return false;
  for (size_t i = 0; i < a.moves.size(); ++i)
    if (a.moves[i].move != b.moves[i].move || a.moves[i].wdl != b.moves[i].wdl || a.moves[i].dtz != b.moves[i].dtz)
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  chess::init();
  positions();
  originals();
  expected();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;
  fuzz::Bytes in(data, size);
  tb::load("");  // fathom maps the tables: unload them before their files are replaced
  const fs::path dir = fuzz::scratch_dir() / "tables";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);

  // Which tables the scratch folder holds, and how each is damaged.
  static const bool content_damage = [] {
    const char* v = std::getenv("CORVID_FUZZ_TB_CONTENT");
    return v && std::string(v) == "1";
  }();
  const uint8_t present = in.u8();
  std::vector<std::string> damaged;  // tables the load report must name
  bool content_damaged = false;
  for (size_t t = 0; t < std::size(TABLES); ++t) {
    if (!(present & (1u << t))) continue;
    const fs::path file = dir / TABLES[t];
    std::string bytes = originals()[t];
    const uint8_t how = in.u8();
    if (how < 0x80) {  // intact
    } else if (how < 0xa0) {  // truncated to a size whose residue no table has
      bytes.resize(in.u16() % bytes.size());
      if (bytes.size() % 64 == 16) bytes.pop_back();
    } else if (how < 0xb0) {  // wrong magic
      bytes[how % 4] = char(bytes[how % 4] ^ (1 + in.u8() % 255));
    } else if (how < 0xb8) {
      bytes.clear();
    } else if (how < 0xc0) {
      fs::create_directory(file);
      damaged.push_back(file.string());
      continue;
    } else if (content_damage && how < 0xe0) {  // truncated, keeping a table's size residue
      bytes.resize(std::min<size_t>(bytes.size(), 16 + 64 * size_t(in.u8())));
    } else if (content_damage) {  // bytes changed anywhere
      for (int flips = 1 + how % 8; flips > 0; --flips) {
        const size_t at = in.u16() % bytes.size();
        bytes[at] = char(in.u8());
      }
    }
    if (bytes != originals()[t]) {
      if (bytes.size() % 64 == 16 && bytes.substr(0, 4) == originals()[t].substr(0, 4)) content_damaged = true;
      else damaged.push_back(file.string());
    }
    std::ofstream(file, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
  }

  std::string path;
  for (const char c : in.rest()) {
    if (c == '@') path += dir.string();
    else if (c == '#') path += real_dir();
    else if (c == '~') path += (fuzz::scratch_dir() / "missing").string();
    else path += c;
  }
  const tb::LoadReport report = tb::load(path);
  FUZZ_CHECK(report.largest == tb::largest(), "the report and tb::largest() disagree");
  FUZZ_CHECK(report.largest >= 0 && report.largest <= 7, "largest " + std::to_string(report.largest));
  // A damaged table in a folder that was loaded is named among the problems.
  if (path.find(dir.string()) != std::string::npos && fs::is_directory(dir))
    for (const std::string& file : damaged) {
      bool named = false;
      for (const std::string& problem : report.problems) named = named || problem.find(file) != std::string::npos;
      // The folder itself may have been left out (e.g. "@x" names another folder).
      bool folder_loaded = false;
      for (size_t at = 0; (at = path.find(dir.string(), at)) != std::string::npos; at += dir.string().size()) {
        const size_t end = at + dir.string().size();
        const bool starts = at == 0 || path[at - 1] == ':';
        const bool ends = end == path.size() || path[end] == ':' || (path[end] == '/' && (end + 1 == path.size() || path[end + 1] == ':'));
        folder_loaded = folder_loaded || (starts && ends);
      }
      if (folder_loaded) FUZZ_CHECK(named, "damaged table " + file + " is not named in the load report");
    }

  for (size_t i = 0; i < positions().size(); ++i) {
    const Position& pos = positions()[i];
    const std::optional<tb::Wdl> wdl = tb::probe_wdl(pos);
    const std::optional<tb::RootProbe> root = tb::probe_root(pos);
    if (root) {
      (void)tb::best_root_moves(*root, true);
      (void)tb::best_root_moves(*root, false);
    }
    if (content_damaged) continue;  // fathom may read anything then
    const Expected& e = expected()[i];
    if (wdl) FUZZ_CHECK(e.wdl && *wdl == *e.wdl, "WDL of " + pos.fen() + " differs from the real tables'");
    if (root) FUZZ_CHECK(e.root && same(*root, *e.root), "root probe of " + pos.fen() + " differs from the real tables'");
  }
  tb::load("");
  return 0;
}
