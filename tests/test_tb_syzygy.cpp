// Syzygy probing: `corvid tb` against Debian's `fathom` command (the independent reference)
// on random positions of up to four pieces, known values, and the messages for bad paths,
// bad tables and positions the tables cannot rate.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "chess/movegen.h"
#include "chess/position.h"
#include "process_support.h"
#include "tb/syzygy.h"
#include "test_files.h"

using corvid::test::lines_of;
using corvid::test::run_corvid;
using corvid::test::shell_quote;

namespace {

const std::string TABLES = corvid::test::data_path("syzygy");
const char* FATHOM = "/usr/games/fathom";

// Material of every table in the set ("KQvKR": white has KQ, black KR), so each random
// position has its table.
std::vector<std::string> materials() {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(TABLES))
    if (entry.path().extension() == ".rtbw") names.insert(entry.path().stem().string());
  return {names.begin(), names.end()};
}

// A random legal position with this material (either colour may get either side of
// the name), side to move and 50-move counter random.
std::string random_position(const std::string& material, std::mt19937_64& rng) {
  for (;;) {
    const bool swap = rng() % 2;
    char board[64];
    std::fill(board, board + 64, '.');
    bool white = !swap;
    for (char c : material) {
      if (c == 'v') {
        white = swap;
        continue;
      }
      int sq;
      do sq = int(rng() % 64);
      while (board[sq] != '.' || (c == 'P' && (sq < 8 || sq >= 56)));
      board[sq] = white ? c : char(std::tolower(c));
    }
    std::string fen;
    for (int rank = 7; rank >= 0; --rank) {
      int empty = 0;
      for (int file = 0; file < 8; ++file) {
        const char p = board[rank * 8 + file];
        if (p == '.') {
          ++empty;
          continue;
        }
        if (empty) fen += char('0' + empty);
        empty = 0;
        fen += p;
      }
      if (empty) fen += char('0' + empty);
      if (rank) fen += '/';
    }
    fen += rng() % 2 ? " w" : " b";
    fen += " - - " + std::to_string(rng() % 4 == 0 ? rng() % 100 : 0) + " 1";
    corvid::Position pos;
    std::string error;
    if (pos.set_fen(fen, false, &error)) return fen;
  }
}

struct FathomAnswer {
  std::string wdl;
  int dtz = 0;  // unsigned in fathom's output
};

FathomAnswer ask_fathom(const std::string& fen) {
  const auto r = corvid::test::run_shell(std::string(FATHOM) + " --path=" + shell_quote(TABLES) + " " +
                                         shell_quote(fen) + " 2>&1");
  FathomAnswer a;
  const std::map<std::string, std::string> names = {{"Win", "win"},   {"CursedWin", "cursed-win"}, {"Draw", "draw"},
                                                    {"BlessedLoss", "blessed-loss"}, {"Loss", "loss"}};
  for (const std::string& line : lines_of(r.output)) {
    if (line.rfind("[WDL \"", 0) == 0) {
      const std::string w = line.substr(6, line.size() - 8);
      a.wdl = names.count(w) ? names.at(w) : "?" + w;
    }
    if (line.rfind("[DTZ \"", 0) == 0) a.dtz = std::atoi(line.c_str() + 6);
  }
  return a;
}

bool is_checkmate(const std::string& fen) {
  corvid::Position pos;
  std::string error;
  pos.set_fen(fen, false, &error);
  corvid::MoveList moves;
  corvid::generate<corvid::LEGAL>(pos, moves);
  return moves.empty() && pos.in_check();
}

}  // namespace

TEST_CASE("tb: corvid tb agrees with fathom on random positions of up to four pieces", "[tb]") {
  if (!std::filesystem::exists(FATHOM)) {
    WARN("no " << FATHOM << " (Debian package fathom): skipped");
    return;
  }
  corvid::chess::init();
  // CORVID_TB_SEED picks another set: positions that are in no file of the repository.
  const char* seed_text = std::getenv("CORVID_TB_SEED");
  std::mt19937_64 rng(seed_text ? std::strtoull(seed_text, nullptr, 10) : 20261201);
  const std::vector<std::string> kinds = materials();
  REQUIRE(kinds.size() == 35);
  std::vector<std::string> fens;
  for (int i = 0; i < 700; ++i) fens.push_back(random_position(kinds[size_t(i) % kinds.size()], rng));
  fens.push_back("8/8/8/8/8/3k4/8/3K4 b - - 0 1");  // bare kings: no table, a draw
  std::string input;
  for (const std::string& fen : fens) input += fen + "\n";

  const auto r = run_corvid("tb --path " + shell_quote(TABLES), input);
  REQUIRE(r.status == 0);
  const auto answers = lines_of(r.output);
  REQUIRE(answers.size() == fens.size());
  std::map<std::string, int> seen;
  int mates = 0;
  for (size_t i = 0; i < fens.size(); ++i) {
    INFO(fens[i] << " -> " << answers[i]);
    if (is_checkmate(fens[i])) {
      // fathom's command line calls the mated side's result a win; Syzygy calls it a loss.
      CHECK(answers[i] == "loss 0");
      ++mates;
      continue;
    }
    const FathomAnswer f = ask_fathom(fens[i]);
    const int sign = (f.wdl == "win" || f.wdl == "cursed-win") ? 1 : (f.wdl == "draw" ? 0 : -1);
    const std::string expected = f.wdl + " " + std::to_string(sign * f.dtz);
    INFO("fathom: " << expected);
    CHECK(answers[i] == expected);
    ++seen[f.wdl];
  }
  // The set covers every kind of result.
  CHECK(seen["win"] > 50);
  CHECK(seen["loss"] > 50);
  CHECK(seen["draw"] > 50);
  INFO("checkmates: " << mates);
}

TEST_CASE("tb: known values, and errors for positions the tables cannot rate", "[tb]") {
  const auto r = run_corvid("tb --path " + shell_quote(TABLES) + " " + shell_quote("8/8/8/8/8/3k4/8/3KQ3 w - - 0 1") +
                            " " + shell_quote("8/8/8/8/8/3k4/8/3KQ3 b - - 0 1") + " " +
                            shell_quote("7k/6Q1/6K1/8/8/8/8/8 b - - 0 1") + " " +
                            shell_quote("7k/5Q2/6K1/8/8/8/8/8 b - - 0 1") + " " +
                            shell_quote("r3k3/8/8/8/8/8/8/4K3 b q - 0 1") + " " +
                            shell_quote("4k3/8/8/8/8/8/8/RR2K2R w - - 0 1") + " " + shell_quote("not a fen"));
  REQUIRE(r.status == 0);
  const auto lines = lines_of(r.output);
  REQUIRE(lines.size() == 7);
  CHECK(lines[0] == "win 9");       // KQvK, queen to move: nine plies to the mate (or a capture)
  CHECK(lines[1] == "loss -14");
  CHECK(lines[2] == "loss 0");      // checkmated
  CHECK(lines[3] == "draw 0");      // stalemate
  CHECK(lines[4].rfind("error: castling rights", 0) == 0);
  CHECK(lines[5].rfind("error: 5 pieces; the tables cover at most 4", 0) == 0);
  CHECK(lines[6].rfind("error: invalid FEN", 0) == 0);

  // The 50-move counter turns a win that needs too long into a cursed win.
  const auto cursed = run_corvid("tb --path " + shell_quote(TABLES) + " " + shell_quote("8/8/8/8/8/3k4/8/3KQ3 w - - 95 1"));
  CHECK(cursed.output == "cursed-win 9\n");

  // No usable folder: said on stderr, exit status 1.
  const auto none = run_corvid("tb --path /nonexistent/tables " + shell_quote("8/8/8/8/8/3k4/8/3KQ3 w - - 0 1"), "",
                               corvid::test::Stderr::Merge);
  CHECK(none.status == 1);
  CHECK(none.output.find("folder '/nonexistent/tables' not found") != std::string::npos);
}

TEST_CASE("tb: loading reports missing folders, files that are not folders and bad tables", "[tb]") {
  corvid::chess::init();
  corvid::test::TempDir dir;
  namespace fs = std::filesystem;
  // A folder with a good KQvK pair, a truncated KRvK.rtbw and a KBvK.rtbz of the wrong kind.
  const std::string tables = dir / "tables";
  fs::create_directories(tables);
  fs::copy_file(TABLES + "/KQvK.rtbw", tables + "/KQvK.rtbw");
  fs::copy_file(TABLES + "/KQvK.rtbz", tables + "/KQvK.rtbz");
  fs::copy_file(TABLES + "/KRvK.rtbw", tables + "/KRvK.rtbw");
  fs::resize_file(tables + "/KRvK.rtbw", fs::file_size(tables + "/KRvK.rtbw") - 100);
  fs::copy_file(TABLES + "/KBvK.rtbw", tables + "/KBvK.rtbz");  // WDL bytes under a DTZ name
  const std::string plain_file = dir / "file.txt";
  std::ofstream(plain_file) << "not tables";

  const corvid::tb::LoadReport report = corvid::tb::load("/nonexistent:" + plain_file + ":" + tables);
  std::string all;
  for (const std::string& p : report.problems) all += p + "\n";
  INFO(all);
  CHECK(report.problems.size() == 4);
  CHECK(all.find("folder '/nonexistent' not found") != std::string::npos);
  CHECK(all.find("'" + plain_file + "' is not a folder") != std::string::npos);
  CHECK(all.find("KRvK.rtbw is truncated or corrupt") != std::string::npos);
  CHECK(all.find("KBvK.rtbz is not a Syzygy table") != std::string::npos);
  CHECK(report.largest == 3);

  // The good table answers.
  corvid::Position pos;
  std::string error;
  REQUIRE(pos.set_fen("8/8/8/8/8/3k4/8/3KQ3 w - - 0 1", false, &error));
  const auto wdl = corvid::tb::probe_wdl(pos);
  REQUIRE(wdl.has_value());
  CHECK(*wdl == corvid::tb::Wdl::Win);
  // An empty path unloads.
  CHECK(corvid::tb::load("").largest == 0);
  CHECK(!corvid::tb::probe_wdl(pos).has_value());
}

TEST_CASE("syzygy: search threads may probe tables nobody has read yet at the same time", "[tb]") {
  // Debian's libfathom reads a table on its first probe without a lock of its own: two
  // threads doing so at once crashed the engine (a soak match with Threads=2). Each round
  // unloads and loads the tables (so none is read yet); four threads probe the same positions.
  corvid::chess::init();
  std::mt19937_64 rng(1616);
  const std::vector<std::string> names = materials();
  std::vector<corvid::Position> positions(400);
  for (size_t i = 0; i < positions.size(); ++i) {
    std::string error;
    REQUIRE(positions[i].set_fen(random_position(names[i % names.size()], rng), false, &error));
  }
  for (int round = 0; round < 20; ++round) {
    REQUIRE(corvid::tb::load("").largest == 0);  // the same folder again would keep the tables read
    REQUIRE(corvid::tb::load(TABLES).largest == 4);
    std::atomic<int> found{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&] {
        for (const corvid::Position& pos : positions) found += corvid::tb::probe_wdl(pos).has_value();
      });
    for (std::thread& t : threads) t.join();
    CHECK(found == 4 * int(positions.size()));  // the set is complete: every probe answers
  }
}
