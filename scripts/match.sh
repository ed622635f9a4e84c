#!/usr/bin/env bash
# Plays Corvid against another UCI engine, or two commits of Corvid against each other (each
# built from this repository in a temporary git worktree), as a fixed-length gauntlet or an
# SPRT, with fastchess, or cutechess-cli if fastchess is missing, then summarises the games
# from our side (the engine, or the --test-commit build):
# W/D/L, Elo with a 95% interval, and the faults of each engine (crashes, time losses,
# illegal moves, stalls, and bestmoves that do not start the last PV). Run
# `scripts/match.sh --help` for the options.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

usage() {
  cat <<EOF
Usage: scripts/match.sh [options]
  --engine PATH          our engine (default: build/corvid under the repository root)
  --engine-name NAME     its name in the PGN (default: Corvid)
  --engine-option N=V    UCI option for our engine only; repeatable (Threads or Hash given
                         here, or with --opponent-option, override --threads/--hash for that
                         engine: e.g. --engine-option Threads=2 against the same engine at 1)
  --opponent WHO         stockfish (Debian's /usr/games/stockfish 15.1), ethereal (Debian's
                         ethereal-chess), or cmd:/path/to/engine (default: stockfish)
  --opponent-name NAME   opponent's name in the PGN (default: derived from --opponent)
  --opponent-option N=V  UCI option for the opponent only; repeatable (e.g. the same Corvid
                         with another net: --opponent cmd:build/corvid
                         --opponent-option EvalFile=nets/nn-ad9b42354671.nnue)
  --base-commit REV      same engine, two commits: the opponent is Corvid built at REV
  --test-commit REV      our engine is Corvid built at REV (default: --engine, as built now)
  --jobs N               parallel compile jobs for those builds (default: all cores)
  --games N              games to play (default: 100), in pairs with colours reversed per opening
                         (odd N rounds up); with --sprt, the most games to play (default: 20000)
  --sprt                 run an SPRT (stops when it accepts or rejects) with these bounds:
  --elo0 E --elo1 E      Elo of the null and the alternative hypothesis (default: 0 and 5)
  --alpha P --beta P     error rates (default: 0.05 each)
                         (--sprt "elo0=0 elo1=5 alpha=0.05 beta=0.05" is also accepted)
  --tc TC                time control, moves/seconds+increment (default: 10+0.1; SPRT: 5+0.05)
  --timemargin MS        overrun allowed before a loss on time, for GUI latency (default: 0, strict)
  --concurrency N        games at once (default: 1)
  --threads N            Threads for each engine (default: 1)
  --hash MB              Hash for each engine (default: 16)
  --book FILE            EPD openings (default: scripts/books/openings-8ply.epd; with
                         --variant fischerandom, scripts/books/chess960.epd)
  --variant V            standard (default) or fischerandom (Chess960: the runner sets
                         UCI_Chess960 and the openings are Chess960 start positions)
  --seed N               seed for the random opening order (default: random, printed)
  --out DIR              results folder (default: a new /tmp/corvid-match.XXXXXX)
  --pgn FILE             games file, overwritten (default: DIR/games.pgn)
  --fail-on-faults       exit 1 if our engine crashed, stalled, lost on time, played an illegal
                         move or answered a bestmove that does not start its last PV
  --dry-run              check the options and print the plan and the runner's command line;
                         build nothing, play nothing
  --summarise DIR        play nothing: summarise the games already in DIR (games.pgn and
                         runner.log of an earlier match, finished or interrupted); the
                         players' names come from DIR/players (written by the match) unless
                         --engine-name/--opponent-name are given; a summary whose engine
                         plays in none of the games is refused
Runner: \$FASTCHESS, else fastchess on PATH, else \$CUTECHESS, else cutechess-cli on PATH.
Exit status: 0 done, 1 our engine had faults (with --fail-on-faults), 2 the match could not run.
EOF
}

die() { echo "match.sh: $*" >&2; exit 2; }
absolute_path() { [[ "$1" = /* ]] && echo "$1" || echo "$PWD/$1"; }

engine_path="$repo_root/build/corvid"; engine_name="Corvid"; engine_options=(); engine_name_given=false
opponent="stockfish"; opponent_name=""; opponent_options=(); opponent_name_given=false
games=""; sprt=false; elo0=0; elo1=5; alpha=0.05; beta=0.05; time_control=""; time_margin_ms=0
base_commit=""; test_commit=""; jobs="$(nproc 2>/dev/null || echo 2)"; dry_run=false
concurrency=1; threads=1; hash_mb=16
book=""; variant=standard; seed=$(( (RANDOM << 15) | RANDOM ))
out_dir=""; pgn_file=""; fail_on_faults=false; summarise_dir=""

while [ $# -gt 0 ]; do
  option="$1"
  case "$option" in
    -h|--help) usage; exit 0 ;;
    --fail-on-faults) fail_on_faults=true; shift; continue ;;
    --dry-run) dry_run=true; shift; continue ;;
    --sprt)
      sprt=true; shift
      # The older form: the bounds as words after it, "elo0=0 elo1=5 alpha=0.05 beta=0.05".
      while [ $# -gt 0 ] && [[ "$1" == *=* && "$1" != -* ]]; do
        for pair in $1; do
          case "$pair" in
            elo0=*) elo0="${pair#*=}" ;; elo1=*) elo1="${pair#*=}" ;;
            alpha=*) alpha="${pair#*=}" ;; beta=*) beta="${pair#*=}" ;;
            *) die "--sprt: unknown bound '$pair' (elo0=, elo1=, alpha=, beta=)" ;;
          esac
        done
        shift
      done
      continue ;;
    --engine|--engine-name|--engine-option|--opponent|--opponent-name|--opponent-option|--base-commit|--test-commit|--jobs|--games|\
    --elo0|--elo1|--alpha|--beta|--tc|--timemargin|--concurrency|--threads|--hash|--book|--variant|--seed|--out|--pgn|\
    --summarise) ;;
    *) die "unknown option $option (see --help)" ;;
  esac
  [ $# -ge 2 ] || die "$option needs a value (see --help)"
  value="$2"; shift 2
  case "$option" in
    --engine) engine_path="$(absolute_path "$value")" ;;
    --engine-name) engine_name="$value"; engine_name_given=true ;;
    --engine-option) engine_options+=("option.$value") ;;
    --opponent) opponent="$value" ;;
    --opponent-name) opponent_name="$value"; opponent_name_given=true ;;
    --opponent-option) opponent_options+=("option.$value") ;;
    --games) games="$value" ;;
    --elo0) elo0="$value" ;;
    --elo1) elo1="$value" ;;
    --alpha) alpha="$value" ;;
    --beta) beta="$value" ;;
    --base-commit) base_commit="$value" ;;
    --test-commit) test_commit="$value" ;;
    --jobs) jobs="$value" ;;
    --tc) time_control="$value" ;;
    --timemargin) time_margin_ms="$value" ;;
    --concurrency) concurrency="$value" ;;
    --threads) threads="$value" ;;
    --hash) hash_mb="$value" ;;
    --book) book="$(absolute_path "$value")" ;;
    --variant) variant="$value" ;;
    --seed) seed="$value" ;;
    --out) out_dir="$(absolute_path "$value")" ;;
    --pgn) pgn_file="$(absolute_path "$value")" ;;
    --summarise) summarise_dir="$(absolute_path "$value")" ;;
  esac
done

if $sprt; then games="${games:-20000}"; time_control="${time_control:-5+0.05}"; fi
games="${games:-100}"; time_control="${time_control:-10+0.1}"
for number in "$games" "$concurrency" "$threads" "$hash_mb" "$time_margin_ms" "$seed" "$jobs"; do
  [[ "$number" =~ ^[0-9]+$ ]] || die "expected a whole number, got '$number'"
done
[ "$games" -ge 1 ] || die "--games must be at least 1"
[[ "$time_control" =~ ^([0-9]+/)?[0-9]+(\.[0-9]+)?(\+[0-9]+(\.[0-9]+)?)?$ ]] ||
  die "--tc: expected [moves/]seconds[+increment], e.g. 10+0.1, got '$time_control'"
for bound in "$elo0" "$elo1"; do
  [[ "$bound" =~ ^-?[0-9]+(\.[0-9]+)?$ ]] || die "--elo0/--elo1: expected a number of Elo, got '$bound'"
done
awk -v a="$elo0" -v b="$elo1" 'BEGIN { exit !(a < b) }' || die "--elo0 ($elo0) must be below --elo1 ($elo1)"
for rate in "$alpha" "$beta"; do
  [[ "$rate" =~ ^0?\.[0-9]+$ ]] && awk -v p="$rate" 'BEGIN { exit !(p > 0 && p < 0.5) }' ||
    die "--alpha/--beta: expected an error rate between 0 and 0.5, got '$rate'"
done
sprt_args=""; ! $sprt || sprt_args="elo0=$elo0 elo1=$elo1 alpha=$alpha beta=$beta"
case "$variant" in
  standard) book="${book:-$repo_root/scripts/books/openings-8ply.epd}" ;;
  fischerandom) book="${book:-$repo_root/scripts/books/chess960.epd}" ;;
  *) die "--variant must be standard or fischerandom, got '$variant'" ;;
esac
[ -r "$book" ] || die "no opening book at $book"

# Summarise the PGN from our engine's side. A fault is read from the text both runners put in
# the last comment of the game ("White loses on time", "Black makes an illegal move",
# "White disconnects", "Black's connection stalls"), or failing that from the Termination tag
# ("time forfeit", "illegal move"/"rules infraction", "abandoned"). The faulty engine is the
# loser; in a drawn game (flag fall against bare king) it is the colour the comment names.
# Elo: logistic, Elo = -400*log10(1/score - 1). Its 95% interval maps score +- 1.96 standard
# errors, the error taken over game pairs (one opening, both colours; Round tag) when every
# round holds two finished games, else over single games.
summarise_pgn() {
  awk -v us="$engine_name" -v them="$opponent_name" -v us_pv="$(pv_warnings "$engine_name")" \
      -v them_pv="$(pv_warnings "$opponent_name")" '
    function finish_game(   fault, faulty, named, score, i) {
      if (result == "") return
      if (result == "*") { unfinished++; result = ""; return }
      if (white != us && black != us) { foreign++; seen[white]; seen[black]; result = ""; return }
      we_are_white = (white == us)
      if (result == "1/2-1/2") { score = 0.5; draws++ }
      else if ((result == "1-0") == we_are_white) { score = 1; wins++ }
      else { score = 0; losses++ }
      played++; game_score[played] = score; pair_sum[round] += score; pair_games[round]++
      comment = ""; if (match(moves, /\{[^}]*\}[^{]*$/)) comment = substr(moves, RSTART, RLENGTH)
      if (comment ~ /loses on time/ || termination == "time forfeit") fault = "time"
      else if (comment ~ /illegal move/ || termination ~ /^(illegal move|rules infraction)$/) fault = "illegal"
      else if (comment ~ /connection stalls/ || termination == "stalled connection") fault = "stall"
      else if (comment ~ /disconnects/ || termination == "abandoned") fault = "crash"
      if (fault != "") {
        named = comment ~ /White (loses|makes|disconnects)|White.s connection/ ? "white" : "black"
        if (result == "1/2-1/2") faulty = (named == "white") == we_are_white ? "us" : "them"
        else faulty = score == 0 ? "us" : "them"
        faults[faulty, fault]++
      }
      result = ""
    }
    function elo(s) { return -400 * log(1 / s - 1) / log(10) }
    /^\[Event / { finish_game(); white = black = termination = moves = ""; round = "?" }
    /^\[/ { tag = $0; sub(/^\[/, "", tag); name = tag; sub(/ .*/, "", name)
            value = tag; sub(/^[^"]*"/, "", value); sub(/"\][ \t\r]*$/, "", value)
            if (name == "White") white = value; if (name == "Black") black = value
            if (name == "Result") result = value; if (name == "Termination") termination = value
            if (name == "Round") round = value; next }
    { moves = moves " " $0 }
    END {
      finish_game()
      if (foreign) {   # counting them from the wrong side would invert the result
        players = ""; for (p in seen) players = players (players == "" ? "" : ", ") "\"" p "\""
        printf "match.sh: \"%s\" plays in none of %d games (players: %s): give --engine-name as in the match\n", \
               us, foreign, players > "/dev/stderr"
        exit 2
      }
      printf "games played: %d\nW/D/L (%s): %d/%d/%d\n", played, us, wins, draws, losses
      if (unfinished) printf "unfinished games (not counted): %d\n", unfinished
      samples = 0; by_pairs = 1
      for (r in pair_games) if (pair_games[r] != 2) by_pairs = 0
      if (by_pairs) { for (r in pair_sum) x[++samples] = pair_sum[r] / 2; unit = "game pairs" }
      else { for (i = 1; i <= played; i++) x[++samples] = game_score[i]; unit = "games" }
      sum = sumsq = 0; for (i = 1; i <= samples; i++) { sum += x[i]; sumsq += x[i] * x[i] }
      if (samples > 0) {
        mean = sum / samples; se = sqrt((sumsq / samples - mean * mean) / samples)
        lo = mean - 1.96 * se; hi = mean + 1.96 * se
        if (mean <= 0 || mean >= 1) text = (mean <= 0 ? "-inf" : "+inf")
        else { e = elo(mean); text = sprintf("%+.1f", e == 0 ? 0 : e) }   # no "-0.0"
        if (lo <= 0 || hi >= 1 || se == 0) text = text " +/- inf"
        else text = text sprintf(" +/- %.1f", (elo(hi) - elo(lo)) / 2)
        printf "score: %.1f%%\nElo: %s (95%%, logistic, error over %d %s)\n", 100 * mean, text, samples, unit
      }
      printf "crashes: %s %d, %s %d\n", us, faults["us", "crash"], them, faults["them", "crash"]
      printf "time losses: %s %d, %s %d\n", us, faults["us", "time"], them, faults["them", "time"]
      printf "illegal moves: %s %d, %s %d\n", us, faults["us", "illegal"], them, faults["them", "illegal"]
      printf "stalls: %s %d, %s %d\n", us, faults["us", "stall"], them, faults["them", "stall"]
      printf "PV warnings: %s %d, %s %d\n", us, us_pv, them, them_pv
      printf "our faults: %d\n", faults["us", "crash"] + faults["us", "time"] + faults["us", "illegal"] + \
                                   faults["us", "stall"] + us_pv
    }' "$pgn_file"
}

# fastchess warns in its log when a bestmove does not start the engine's last PV or a PV
# holds an illegal move: "Warning; ... PV ... from <engine name>".
pv_warnings() {
  awk -v who="$1" '/^Warning;.*PV/ { line = $0; sub(/[ \t\r]+$/, "", line)
                                     if (substr(line, length(line) - length(who) - 5) == " from " who) n++ }
                   END { print n + 0 }' "$runner_log"
}

# Same engine, two commits: each is built from this repository at that commit.
resolve_commit() {
  git -C "$repo_root" rev-parse --verify --quiet "$1^{commit}" || die "$2: '$1' is not a commit of $repo_root"
}
[ -z "$test_commit" ] || test_sha="$(resolve_commit "$test_commit" --test-commit)"
if [ -n "$base_commit" ]; then
  base_sha="$(resolve_commit "$base_commit" --base-commit)"
  [ "$opponent" = stockfish ] || die "--base-commit and --opponent exclude each other"
  opponent="corvid-commit"
fi
[ -n "$test_commit" ] || $dry_run || [ -n "$summarise_dir" ] || [ -x "$engine_path" ] ||
  die "no engine at $engine_path (build Corvid first, or pass --engine PATH)"
[ -z "$test_commit" ] || engine_name="${engine_name/#Corvid/Corvid-${test_sha:0:10}}"
[ -n "$out_dir" ] || $dry_run || out_dir="$(mktemp -d /tmp/corvid-match.XXXXXX)"
out_dir="${out_dir:-/tmp/corvid-match.DRYRUN}"

# Builds Corvid at a commit in a temporary worktree (the repository's nets are copied in so
# nothing is downloaded) and leaves the binary in the results folder; prints its path.
build_commit() {
  local sha="$1" binary="$out_dir/corvid-${1:0:10}" tree
  if $dry_run; then echo "$binary"; return; fi
  if [ ! -x "$binary" ]; then
    tree="$(mktemp -d /tmp/corvid-commit.XXXXXX)"
    git -C "$repo_root" worktree add --detach --quiet "$tree" "$sha" >&2 || die "git worktree add $sha failed"
    cp -n "$repo_root"/nets/*.nnue "$tree/nets/" 2>/dev/null || true
    echo "building Corvid ${sha:0:10} in $tree" >&2
    if ! make -C "$tree" build JOBS="$jobs" >"$out_dir/build-${sha:0:10}.log" 2>&1 || [ ! -x "$tree/build/corvid" ]; then
      git -C "$repo_root" worktree remove --force "$tree" >&2 || true
      die "building ${sha:0:10} failed (see $out_dir/build-${sha:0:10}.log)"
    fi
    cp "$tree/build/corvid" "$binary"
    git -C "$repo_root" worktree remove --force "$tree" >&2 || true
  fi
  echo "$binary"
}

case "$opponent" in
  corvid-commit) opponent_path="$out_dir/corvid-${base_sha:0:10}"; default_opponent_name="Corvid-${base_sha:0:10}" ;;
  stockfish) opponent_path=/usr/games/stockfish; default_opponent_name=Stockfish ;;
  ethereal) opponent_path=/usr/games/ethereal-chess; default_opponent_name=Ethereal ;;
  cmd:*) opponent_path="$(absolute_path "${opponent#cmd:}")"; default_opponent_name="$(basename "$opponent_path")" ;;
  *) die "--opponent must be stockfish, ethereal or cmd:/path/to/engine" ;;
esac
install_hint=" (Debian: apt-get install stockfish ethereal-chess)"; [[ "$opponent" != cmd:* ]] || install_hint=""
[ "$opponent" = corvid-commit ] || $dry_run || [ -n "$summarise_dir" ] || [ -x "$opponent_path" ] ||
  die "no executable opponent at $opponent_path$install_hint"
opponent_name="${opponent_name:-$default_opponent_name}"
[ "$opponent_name" != "$engine_name" ] || opponent_name="$opponent_name-2"

if [ -n "$summarise_dir" ]; then
  pgn_file="${pgn_file:-$summarise_dir/games.pgn}"; runner_log="$summarise_dir/runner.log"
  [ -s "$pgn_file" ] || die "no games in $pgn_file"
  if [ -r "$summarise_dir/players" ]; then   # line 1 our engine, line 2 the opponent
    { read -r saved_engine; read -r saved_opponent; } < "$summarise_dir/players" || true
    $engine_name_given || engine_name="${saved_engine:-$engine_name}"
    $opponent_name_given || opponent_name="${saved_opponent:-$opponent_name}"
  fi
  [ -r "$runner_log" ] || runner_log=/dev/null   # no log: PV warnings cannot be counted
  echo "=== summary from $pgn_file ==="
  summarise_pgn
  exit 0
fi

# Find a runner. Both are built from their public sources, outside this repository.
if [ -n "${FASTCHESS:-}" ]; then runner="$FASTCHESS"; runner_kind=fastchess
elif command -v fastchess >/dev/null; then runner="$(command -v fastchess)"; runner_kind=fastchess
elif [ -n "${CUTECHESS:-}" ]; then runner="$CUTECHESS"; runner_kind=cutechess
elif command -v cutechess-cli >/dev/null; then runner="$(command -v cutechess-cli)"; runner_kind=cutechess
elif $dry_run; then runner="fastchess"; runner_kind=fastchess   # only to show the command line
else
  die "neither fastchess nor cutechess-cli found. Build one from its public source outside this
repository (https://github.com/Disservin/fastchess: 'make'; or https://github.com/cutechess/cutechess)
and put it on PATH, or set FASTCHESS=/path/to/fastchess or CUTECHESS=/path/to/cutechess-cli."
fi
$dry_run || [ -x "$runner" ] || die "runner $runner is not executable"

$dry_run || mkdir -p "$out_dir"
[ -z "$test_commit" ] || engine_path="$(build_commit "$test_sha")"
[ -z "$base_commit" ] || opponent_path="$(build_commit "$base_sha")"
pgn_file="${pgn_file:-$out_dir/games.pgn}"
runner_log="$out_dir/runner.log"
$dry_run || rm -f "$pgn_file"   # both runners would otherwise append to an old file
$dry_run || printf '%s\n%s\n' "$engine_name" "$opponent_name" > "$out_dir/players"   # for --summarise

rounds=$(( (games + 1) / 2 ))   # one round = one opening played twice, colours reversed
each_settings=("tc=$time_control" "timemargin=$time_margin_ms")
# Threads and Hash go to each engine on its own: the runners send an engine's options in the
# order given, its own before -each's, so a per-engine value would be overwritten by -each's.
for setting in "Threads=$threads" "Hash=$hash_mb"; do
  name="${setting%%=*}"
  [[ " ${engine_options[*]} " = *" option.$name="* ]] || engine_options+=("option.$setting")
  [[ " ${opponent_options[*]} " = *" option.$name="* ]] || opponent_options+=("option.$setting")
done
[ "$runner_kind" = fastchess ] || each_settings=(proto=uci "${each_settings[@]}")   # cutechess-cli needs it
runner_args=(
  -engine "cmd=$engine_path" "name=$engine_name" "${engine_options[@]}"
  -engine "cmd=$opponent_path" "name=$opponent_name" "${opponent_options[@]}"
  -each "${each_settings[@]}"
  -openings "file=$book" format=epd order=random -srand "$seed"
  -rounds "$rounds" -games 2 -repeat -concurrency "$concurrency"
  -variant "$variant"
  -recover   # a crashed engine is restarted, and the game is recorded as its loss
)
if [ "$runner_kind" = fastchess ]; then
  runner_args+=(-pgnout "file=$pgn_file" append=false -config "outname=$out_dir/config.json")
else
  runner_args+=(-pgnout "$pgn_file")
fi
# shellcheck disable=SC2206  # the SPRT parameters are meant to split on spaces
[ -z "$sprt_args" ] || runner_args+=(-sprt $sprt_args)

echo "runner: $runner ($runner_kind)"
echo "match: $engine_name ($engine_path) vs $opponent_name ($opponent_path)"
echo "settings: games=$games${sprt_args:+ (SPRT $sprt_args)} tc=$time_control timemargin=${time_margin_ms}ms" \
     "threads=$threads hash=${hash_mb}MB concurrency=$concurrency variant=$variant book=$book seed=$seed"
echo "output: pgn=$pgn_file log=$runner_log"
if $dry_run; then
  printf 'command:'; printf ' %q' "$runner" "${runner_args[@]}"; echo
  exit 0
fi

runner_status=0
"$runner" "${runner_args[@]}" 2>&1 | tee "$runner_log" || runner_status=$?

echo
echo "=== runner's report ==="
# The runner's final standings: its log from the last "Results of" (fastchess) or "Score of"
# (cutechess-cli) line on, which includes fastchess's per-player "Timeouts:"/"Crashed:" tallies.
awk '/^(Results of|Score of) / { kept = 0 } { lines[++kept] = $0 }
     END { for (i = 1; i <= kept; i++) if (lines[i] ~ /[^ ]/ && lines[i] !~ /^(Total Time|Finished match)/) print lines[i] }' \
  "$runner_log"
echo "=== summary from $pgn_file ==="
[ -s "$pgn_file" ] || { echo "no games were recorded"; die "the match could not run (runner exit status $runner_status)"; }
summary="$(summarise_pgn)"
echo "$summary"
[ "$runner_status" -eq 0 ] || die "the runner stopped with exit status $runner_status (see $runner_log)"
if $fail_on_faults && ! grep -qx 'our faults: 0' <<< "$summary"; then
  echo "match.sh: $engine_name had faults" >&2; exit 1
fi
