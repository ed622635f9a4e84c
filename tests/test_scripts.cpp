// The match and bench-signature scripts: their argument handling (match.sh --dry-run plans
// a match without building or playing) and the signature check against commit messages.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "process_support.h"
#include "test_files.h"

using corvid::test::CommandResult;
using corvid::test::run_shell;
using corvid::test::shell_quote;

namespace {

const std::string REPO = std::string(CORVID_TEST_DATA_DIR) + "/../..";

CommandResult match(const std::string& args) {
  return run_shell("bash " + shell_quote(REPO + "/scripts/match.sh") + " --dry-run " + args + " 2>&1");
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("match.sh: a plain match and the SPRT defaults", "[scripts][match]") {
  const CommandResult plain = match("");
  INFO(plain.output);
  CHECK(plain.status == 0);
  CHECK(has(plain.output, "games=100 tc=10+0.1"));
  CHECK_FALSE(has(plain.output, "-sprt"));

  const CommandResult sprt = match("--sprt");
  INFO(sprt.output);
  CHECK(sprt.status == 0);
  CHECK(has(sprt.output, " -sprt elo0=0 elo1=5 alpha=0.05 beta=0.05"));
  CHECK(has(sprt.output, "tc=5+0.05"));
  CHECK(has(sprt.output, "games=20000"));
}

TEST_CASE("match.sh: SPRT bounds and time control as options", "[scripts][match]") {
  const CommandResult r = match("--sprt --elo0 -2 --elo1 3.5 --alpha 0.1 --beta 0.2 --tc 20+0.2 --games 500");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(has(r.output, " -sprt elo0=-2 elo1=3.5 alpha=0.1 beta=0.2"));
  CHECK(has(r.output, "tc=20+0.2"));
  CHECK(has(r.output, "-rounds 250 "));
  const CommandResult legacy = match("--sprt 'elo0=1 elo1=6'");
  INFO(legacy.output);
  CHECK(legacy.status == 0);
  CHECK(has(legacy.output, " -sprt elo0=1 elo1=6 alpha=0.05 beta=0.05"));
}

TEST_CASE("match.sh: bad arguments are refused with a reason and status 2", "[scripts][match]") {
  const struct {
    const char* args;
    const char* reason;
  } cases[] = {
      {"--sprt --elo0 5 --elo1 5", "must be below"},
      {"--sprt --elo1 abc", "expected a number of Elo"},
      {"--sprt --alpha 0.7", "error rate"},
      {"--sprt --beta 0", "error rate"},
      {"--sprt 'elo2=3'", "unknown bound"},
      {"--tc fast", "--tc"},
      {"--games 0", "at least 1"},
      {"--games", "needs a value"},
      {"--bogus", "unknown option --bogus"},
      {"--base-commit no-such-commit-here", "is not a commit"},
      {"--base-commit HEAD --opponent ethereal", "exclude each other"},
  };
  for (const auto& c : cases) {
    const CommandResult r = match(c.args);
    INFO(c.args << "\n" << r.output);
    CHECK(r.status == 2);
    CHECK(has(r.output, c.reason));
    CHECK_FALSE(has(r.output, "command:"));
  }
}

TEST_CASE("match.sh: two commits of the same engine are built and named by their hashes", "[scripts][match]") {
  const CommandResult head = run_shell("git -C " + shell_quote(REPO) + " rev-parse HEAD 2>/dev/null");
  if (head.status != 0 || head.output.size() < 40) {
    WARN("not a git checkout: skipped");
    return;
  }
  const std::string sha = head.output.substr(0, 10);
  const CommandResult r = match("--base-commit HEAD --test-commit HEAD --sprt");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(has(r.output, "name=Corvid-" + sha + " "));  // ours
  CHECK(has(r.output, "name=Corvid-" + sha + "-2 "));  // the opponent, renamed apart
  CHECK(has(r.output, "/corvid-" + sha));
}

TEST_CASE("bench-signature.sh compares bench with the newest commit naming a count", "[scripts][bench]") {
  char dir_template[] = "/tmp/corvid_signature_XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  const std::string engine = dir + "/engine";
  {
    std::ofstream out(engine);
    out << "#!/bin/sh\necho 'Nodes/second : 5'\necho \"$(cat " << dir << "/count) nodes 5 nps\"\n";
  }
  const auto sh = [&](const std::string& command) { return run_shell("cd " + shell_quote(dir) + " && " + command + " 2>&1"); };
  REQUIRE(sh("chmod +x engine && git init -q repo && cd repo && git -c user.name=t -c user.email=t@t commit -q "
             "--allow-empty -m 'no count here'")
              .status == 0);
  const std::string check = "CORVID_REPO=" + shell_quote(dir + "/repo") + " bash " +
                            shell_quote(REPO + "/scripts/bench-signature.sh") + " " + shell_quote(engine);
  const auto commit = [&](const std::string& message) {
    REQUIRE(sh("cd repo && git -c user.name=t -c user.email=t@t commit -q --allow-empty -m " + shell_quote(message)).status ==
            0);
  };
  sh("echo 1234 > count");
  CHECK(sh(check).status == 2);  // no commit names a count
  commit("search change\n\nBench: 1234");
  commit("docs only");  // a later commit without a count: the one before still rules
  const CommandResult same = sh(check);
  INFO(same.output);
  CHECK(same.status == 0);
  sh("echo 1235 > count");
  const CommandResult differs = sh(check);
  INFO(differs.output);
  CHECK(differs.status == 1);
  CHECK(has(differs.output, "1235"));
  commit("another change\n\nBench: 1235");
  CHECK(sh(check).status == 0);
  sh("rm -rf " + shell_quote(dir));
}

TEST_CASE("match.sh: options go to the engine they are given for", "[scripts][match]") {
  const CommandResult r = match("--opponent cmd:/bin/true --opponent-option EvalFile=/nets/other.nnue "
                                "--engine-option Hash=32");
  INFO(r.output);
  REQUIRE(r.status == 0);
  // The opponent's option follows the opponent's -engine, ours follows ours.
  const size_t ours = r.output.find("name=Corvid"), theirs = r.output.find("-engine cmd=/bin/true");
  REQUIRE(ours != std::string::npos);
  REQUIRE(theirs != std::string::npos);
  const size_t opponent_option = r.output.find("option.EvalFile=/nets/other.nnue");
  const size_t engine_option = r.output.find("option.Hash=32");
  REQUIRE(opponent_option != std::string::npos);
  REQUIRE(engine_option != std::string::npos);
  CHECK(opponent_option > theirs);
  CHECK(engine_option > ours);
  CHECK(engine_option < theirs);
}

TEST_CASE("match.sh: a per-engine Threads or Hash is not overwritten by --threads/--hash", "[scripts][match]") {
  // The runners send an engine's own options before -each's, so Threads=1 for both would
  // have come last and won: Threads=2 against Threads=1 would have been 1 against 1.
  const CommandResult r = match("--opponent cmd:/bin/true --engine-option Threads=2 --threads 1 --hash 64");
  INFO(r.output);
  REQUIRE(r.status == 0);
  const size_t theirs = r.output.find("-engine cmd=/bin/true"), each = r.output.find(" -each ");
  REQUIRE(theirs != std::string::npos);
  REQUIRE(each != std::string::npos);
  const std::string ours_part = r.output.substr(0, theirs), theirs_part = r.output.substr(theirs, each - theirs);
  const std::string each_part = r.output.substr(each, r.output.find(" -openings") - each);
  CHECK(has(ours_part, "option.Threads=2"));
  CHECK_FALSE(has(ours_part, "option.Threads=1"));
  CHECK(has(ours_part, "option.Hash=64"));
  CHECK(has(theirs_part, "option.Threads=1"));
  CHECK(has(theirs_part, "option.Hash=64"));
  CHECK_FALSE(has(each_part, "Threads"));
  CHECK_FALSE(has(each_part, "Hash"));
}

TEST_CASE("match.sh --summarise counts an interrupted match's games and faults", "[scripts][match]") {
  // Three games of one opening pair and a half: a win, a loss by our crash, a draw, as
  // fastchess writes them, and a PV warning for us in the runner's log.
  corvid::test::TempDir dir;
  const auto game = [](int round, const char* white, const char* result, const char* termination,
                       const char* last_comment) {
    return std::string("[Event \"Fastchess Tournament\"]\n[Round \"") + std::to_string(round) + "\"]\n[White \"" + white +
           "\"]\n[Black \"" + (std::string(white) == "Corvid" ? "Ethereal" : "Corvid") + "\"]\n[Result \"" + result +
           "\"]\n[Termination \"" + termination + "\"]\n\n1. e4 {+0.10/9 0.02s} e5 {" + last_comment + "} " + result +
           "\n\n";
  };
  std::ofstream(dir / "games.pgn") << game(1, "Corvid", "1-0", "normal", "-9.00/9 0.02s, White mates")
                                   << game(1, "Ethereal", "1-0", "abandoned", "+0.20/9 0.02s, Black disconnects")
                                   << game(2, "Corvid", "1/2-1/2", "normal", "0.00/9 0.02s, Draw by 3-fold repetition");
  std::ofstream(dir / "runner.log") << "Warning; Illegal PV move - move h1h8 from Corvid\n";
  const CommandResult r = run_shell("bash " + shell_quote(REPO + "/scripts/match.sh") + " --summarise " +
                                    shell_quote(dir.path.string()) + " --opponent ethereal 2>&1");
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(has(r.output, "games played: 3\n"));
  CHECK(has(r.output, "W/D/L (Corvid): 1/1/1\n"));
  CHECK(has(r.output, "crashes: Corvid 1, Ethereal 0\n"));
  CHECK(has(r.output, "PV warnings: Corvid 1, Ethereal 0\n"));
  CHECK(has(r.output, "our faults: 2\n"));
  CHECK_FALSE(has(r.output, "runner:"));  // nothing was played

  const CommandResult empty = run_shell("bash " + shell_quote(REPO + "/scripts/match.sh") + " --summarise " +
                                        shell_quote((dir / "nothing-here")) + " 2>&1");
  CHECK(empty.status == 2);
  CHECK(has(empty.output, "no games in"));
}

TEST_CASE("match.sh --summarise takes the players' names from the match, and refuses a name that never played",
          "[scripts][match]") {
  // Our engine won with White and drew with Black; neither name is the default "Corvid".
  corvid::test::TempDir dir;
  std::ofstream(dir / "games.pgn")
      << "[Event \"T\"]\n[Round \"1\"]\n[White \"Corvid-new\"]\n[Black \"Corvid-old\"]\n[Result \"1-0\"]\n\n"
         "1. e4 {White mates} 1-0\n\n"
      << "[Event \"T\"]\n[Round \"1\"]\n[White \"Corvid-old\"]\n[Black \"Corvid-new\"]\n[Result \"1/2-1/2\"]\n\n"
         "1. e4 {Draw by 3-fold repetition} 1/2-1/2\n\n";
  const std::string summarise = "bash " + shell_quote(REPO + "/scripts/match.sh") + " --summarise " + shell_quote(dir.path.string());

  // No names given, no record of them: counting from a side that never played would
  // invert the result, so it is refused.
  const CommandResult refused = run_shell(summarise + " 2>&1");
  INFO(refused.output);
  CHECK(refused.status == 2);
  CHECK(has(refused.output, "\"Corvid\" plays in none of 2 games"));
  CHECK_FALSE(has(refused.output, "W/D/L"));

  // The names the match wrote down.
  std::ofstream(dir / "players") << "Corvid-new\nCorvid-old\n";
  const CommandResult saved = run_shell(summarise + " 2>&1");
  INFO(saved.output);
  CHECK(saved.status == 0);
  CHECK(has(saved.output, "W/D/L (Corvid-new): 1/1/0\n"));
  CHECK(has(saved.output, "crashes: Corvid-new 0, Corvid-old 0\n"));

  // Names given on the command line win over the record.
  const CommandResult given = run_shell(summarise + " --engine-name Corvid-old --opponent-name Corvid-new 2>&1");
  CHECK(has(given.output, "W/D/L (Corvid-old): 0/1/1\n"));
}

namespace {

// spsa.py with these arguments, in `dir`, its runner a fake fastchess that prints `standings`.
CommandResult spsa(const corvid::test::TempDir& dir, const std::string& args, const std::string& standings = "") {
  const std::string runner = (dir.path / "fastchess").string();
  std::ofstream(runner) << "#!/bin/sh\necho \"$@\" > " << shell_quote((dir.path / "runner-args").string()) << "\n"
                        << standings << "\n";
  return run_shell("chmod +x " + shell_quote(runner) + " && python3 " + shell_quote(REPO + "/scripts/spsa.py") +
                   " --fastchess " + shell_quote(runner) + " --engine /bin/true --state " +
                   shell_quote((dir.path / "state.json").string()) + " " + args + " 2>&1");
}

// "name sign moved" per parameter of the state's last iteration: its sign and how far the value
// now is from where it was before (its default, after one iteration).
std::string moves_after_one_iteration(const corvid::test::TempDir& dir) {
  const std::string reader =
      "import json,sys; s=json.load(open(sys.argv[1])); e=s['log'][-1]\n"
      "for n,p in sorted(s['params'].items()): print(n, e['signs'][n], round(p['value']-p['default'],6))";
  return run_shell("python3 -c " + shell_quote(reader) + " " + shell_quote((dir.path / "state.json").string()) + " 2>&1")
      .output;
}

}  // namespace

TEST_CASE("spsa.py: the plan comes from the tunables table, and unknown names are refused", "[scripts][spsa]") {
  corvid::test::TempDir dir;
  const CommandResult plan = spsa(dir, "--params rfp_margin,lmr_base --dry-run");
  INFO(plan.output);
  REQUIRE(plan.status == 0);
  // Defaults and ranges as src/search/tunables.h gives them.
  CHECK(has(plan.output, "rfp_margin     170.00  (default 170, now 170; range 60..300)"));
  CHECK(has(plan.output, "lmr_base       160.00  (default 160, now 160; range 0..300)"));
  // Plus and minus each get every parameter, on either side of the default.
  const size_t plus = plan.output.find("name=plus option.rfp_margin="), minus = plan.output.find("name=minus option.rfp_margin=");
  REQUIRE(plus != std::string::npos);
  REQUIRE(minus != std::string::npos);
  CHECK(plan.output.find("option.lmr_base=", plus) < minus);
  CHECK(plan.output.find("option.lmr_base=", minus) != std::string::npos);
  CHECK(has(plan.output, "-rounds 2 -games 2 -repeat"));
  CHECK_FALSE(std::filesystem::exists(dir.path / "state.json"));  // a dry run keeps nothing

  const CommandResult unknown = spsa(dir, "--params rfp_margin,no_such_margin --dry-run");
  INFO(unknown.output);
  CHECK(unknown.status == 2);
  CHECK(has(unknown.output, "unknown tunable(s): no_such_margin"));
}

TEST_CASE("spsa.py: a won iteration moves each parameter towards plus's side, a failed runner counts nothing",
          "[scripts][spsa]") {
  corvid::test::TempDir dir;
  const CommandResult failed = spsa(dir, "--params rfp_margin,lmr_base,razor_base --max-iterations 1", "exit 3");
  INFO(failed.output);
  CHECK(failed.status == 2);
  CHECK(has(failed.output, "the runner failed (status 3)"));
  CHECK_FALSE(std::filesystem::exists(dir.path / "state.json"));

  const CommandResult won = spsa(dir, "--params rfp_margin,lmr_base,razor_base --max-iterations 1",
                                 "echo 'Games: 4, Wins: 3, Losses: 0, Draws: 1, Points: 3.5 (87.50 %)'");
  INFO(won.output);
  REQUIRE(won.status == 0);
  CHECK(has(won.output, "iteration 1: plus 3-0-1"));
  const auto moves = corvid::test::lines_of(moves_after_one_iteration(dir));
  REQUIRE(moves.size() == 3);
  for (const std::string& line : moves) {
    INFO(line);
    std::istringstream in(line);
    std::string name;
    int sign = 0;
    double moved = 0;
    in >> name >> sign >> moved;
    CHECK((sign == 1 || sign == -1));
    CHECK(moved * sign > 0);  // won by plus: each value went the way plus had it
  }

  // An even iteration moves nothing; the state goes on from iteration 1.
  const std::string before = moves_after_one_iteration(dir);
  const CommandResult even = spsa(dir, "--max-iterations 1", "echo 'Games: 4, Wins: 1, Losses: 1, Draws: 2'");
  INFO(even.output);
  REQUIRE(even.status == 0);
  CHECK(has(even.output, "iteration 2: plus 1-1-2"));
  CHECK(has(even.output, "after 2 of 2000 planned iterations, 8 games (plus +4 =3 -1)"));
  std::string after;
  for (const std::string& line : corvid::test::lines_of(moves_after_one_iteration(dir)))
    after += line.substr(0, line.find(' ')) + line.substr(line.rfind(' ')) + "\n";
  std::string expected;
  for (const std::string& line : corvid::test::lines_of(before))
    expected += line.substr(0, line.find(' ')) + line.substr(line.rfind(' ')) + "\n";
  CHECK(after == expected);
}
