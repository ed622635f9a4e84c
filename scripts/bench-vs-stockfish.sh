#!/usr/bin/env bash
# Search speed: Corvid's `bench` against Stockfish 15.1's own `bench`, side by side in one run.
# Both search on one thread with the net nn-ad9b42354671.nnue (Corvid's embedded default, and
# Stockfish 15.1's default, embedded in its binary). Each round runs Corvid, then Stockfish, so
# both see the same machine load; each round's nps is what the program itself reports.
# Prints every round, the best and the median nps of each, and the ratio Corvid/Stockfish.
# The two benches search different position lists, so the ratio compares speed, not trees.
#
# Usage: [CORVID=build/corvid] [STOCKFISH=/usr/games/stockfish] [ROUNDS=3] \
#          scripts/bench-vs-stockfish.sh [corvid bench args: depth threads hash --net FILE]
#   (relative paths are taken from the repository root)
#   Corvid runs `corvid bench [args]` (defaults: depth 13, 1 thread, 16 MB hash, embedded net).
#   Stockfish runs `stockfish bench 16 1 13 default depth NNUE` (hash 16, 1 thread, depth 13,
#   its default positions, NNUE on every position; plain `bench` switches NNUE off on every
#   other position). Override with SF_BENCH="...".
#   STOCKFISH defaults to Debian's package (apt-get install stockfish), a 15.1 built for plain
#   x86-64 (SSE2). For a same-flavour comparison point STOCKFISH at a Stockfish 15.1 built
#   (outside this repository) for the CPU flavour Corvid was built for.
set -euo pipefail
cd "$(dirname "$0")/.."
corvid=${CORVID:-build/corvid}
stockfish=${STOCKFISH:-/usr/games/stockfish}
rounds=${ROUNDS:-3}
sf_bench=${SF_BENCH:-16 1 13 default depth NNUE}
corvid_args=("$@")
[ -x "$corvid" ] || { echo "error: no Corvid binary at $corvid (build it, or set CORVID=...)" >&2; exit 1; }
[ -x "$stockfish" ] || { echo "error: no Stockfish at $stockfish (apt-get install stockfish, or set STOCKFISH=...)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# What is being compared: versions, flavours and nets.
echo "Corvid   : $corvid ($("$corvid" --version)), bench ${corvid_args[*]:-(defaults)}"
corvid_net=$(printf 'uci\nquit\n' | "$corvid" | sed -n 's/^option name EvalFile type string default //p')
for ((i = 0; i < ${#corvid_args[@]}; i++)); do  # --net FILE overrides the embedded net
  [ "${corvid_args[i]}" = --net ] && corvid_net=${corvid_args[i + 1]:-}
done
echo "           net ${corvid_net:-(unknown)}"
sf_flavour=$("$stockfish" compiler 2>&1 | sed -n 's/^Compilation settings include: *//p')
echo "Stockfish: $stockfish ($("$stockfish" quit 2>&1 | head -1 | cut -d' ' -f1-2), ${sf_flavour:-flavour unknown}), bench $sf_bench"

# One bench each; prints "<nodes> <nps>". Stockfish's summary goes to stderr, its search to stdout.
run_corvid() {
  "$corvid" bench "${corvid_args[@]}" 2>/dev/null | tail -n 1 | awk '$2 == "nodes" && $4 == "nps" { print $1, $3 }'
}
run_stockfish() {
  # shellcheck disable=SC2086  # sf_bench is a word list
  "$stockfish" bench $sf_bench >"$tmp/sf.out" 2>"$tmp/sf.err"
  cat "$tmp/sf.out" >>"$tmp/sf.all"
  awk -F': *' '/^Nodes searched/ { n = $2 } /^Nodes\/second/ { s = $2 } END { print n, s }' "$tmp/sf.err"
}

c_nps=(); s_nps=(); c_nodes=(); s_nodes=()
printf '\n%-7s %14s %12s %14s %12s %8s\n' round "corvid nodes" "corvid nps" "stockfish nodes" "stockfish nps" ratio
for ((r = 1; r <= rounds; r++)); do
  read -r cn cs < <(run_corvid) || true
  read -r sn ss < <(run_stockfish) || true
  [ -n "${cs:-}" ] || { echo "error: no '<nodes> nodes <nps> nps' line from $corvid bench" >&2; exit 1; }
  [ -n "${ss:-}" ] || { echo "error: no 'Nodes/second' from $stockfish bench" >&2; exit 1; }
  c_nodes+=("$cn"); c_nps+=("$cs"); s_nodes+=("$sn"); s_nps+=("$ss")
  printf '%-7s %14s %12s %14s %12s %8s\n' "$r" "$cn" "$cs" "$sn" "$ss" \
    "$(awk -v a="$cs" -v b="$ss" 'BEGIN { printf "%.3f", a / b }')"
done

best()   { printf '%s\n' "$@" | sort -n | tail -n 1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio()  { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
cb=$(best "${c_nps[@]}"); sb=$(best "${s_nps[@]}")
cm=$(median "${c_nps[@]}"); sm=$(median "${s_nps[@]}")
printf '%-7s %14s %12s %14s %12s %8s\n' best "" "$cb" "" "$sb" "$(ratio "$cb" "$sb")"
printf '%-7s %14s %12s %14s %12s %8s\n' median "" "$cm" "" "$sm" "$(ratio "$cm" "$sm")"

# A bench on one thread is deterministic: the node count must not change between rounds.
[ "$(printf '%s\n' "${c_nodes[@]}" | sort -u | wc -l)" = 1 ] ||
  echo "warning: Corvid's node count differed between rounds (${c_nodes[*]})" >&2
[ "$(printf '%s\n' "${s_nodes[@]}" | sort -u | wc -l)" = 1 ] ||
  echo "warning: Stockfish's node count differed between rounds (${s_nodes[*]})" >&2

# The net(s) Stockfish said it used, and whether it ever searched on its classical eval.
sf_nets=$(grep -o 'NNUE evaluation using [^ ]*' "$tmp/sf.all" | cut -d' ' -f4 | sort -u | paste -sd' ' -)
echo "Stockfish net: ${sf_nets:-(not reported)}"
grep -q 'classical evaluation enabled' "$tmp/sf.all" &&
  echo "warning: Stockfish searched some positions on its classical eval (SF_BENCH without NNUE?)" >&2
true
