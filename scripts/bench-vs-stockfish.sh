#!/usr/bin/env bash
# Search speed: Corvid's `bench` against Stockfish's own `bench`, side by side in one run, on
# one and the same file of positions (Corvid's built-in list, `corvid bench --list`), the
# same depth, hash and one thread. Rounds alternate Corvid, Stockfish, so both see the same
# machine load. For each run it prints the nodes, the engine's own reported time and nps,
# and the wall time the script measured (which also holds start-up and net loading); a
# reported time longer than the wall time, or a wall time over twice the reported time
# plus 2 s, is flagged. Then the best and median nps of each and the ratio Corvid/Stockfish.
#
# Usage: [CORVID=build/corvid] [STOCKFISH=path] [ROUNDS=3] [DEPTH=13] [HASH=16] \
#          [NET=path/to/net.nnue] [FENS=file] scripts/bench-vs-stockfish.sh
#   NET: the big net Corvid uses (default: its embedded pair). Give Stockfish the same net:
#        build Stockfish (outside this repository) with that net as its default, or compare
#        Stockfish 15.1 with NET=nets/nn-ad9b42354671.nnue. The script prints both sides' nets.
#   STOCKFISH: default Debian's package (15.1, plain x86-64). For a same-flavour comparison
#        point it at a Stockfish built for the CPU flavour Corvid was built for.
set -euo pipefail
cd "$(dirname "$0")/.."
corvid=${CORVID:-build/corvid}
stockfish=${STOCKFISH:-/usr/games/stockfish}
rounds=${ROUNDS:-3}
depth=${DEPTH:-13}
hash=${HASH:-16}
[ -x "$corvid" ] || { echo "error: no Corvid binary at $corvid (build it, or set CORVID=...)" >&2; exit 1; }
[ -x "$stockfish" ] || { echo "error: no Stockfish at $stockfish (apt-get install stockfish, or set STOCKFISH=...)" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

fens=${FENS:-$tmp/positions.epd}
[ -n "${FENS:-}" ] || "$corvid" bench --list >"$fens"
corvid_args=("$depth" 1 "$hash" --fens "$fens")
[ -n "${NET:-}" ] && corvid_args+=(--net "$NET")

sf_version=$("$stockfish" quit 2>&1 | head -1 | cut -d' ' -f1-2)
sf_args=("$hash" 1 "$depth" "$fens" depth)
# Stockfish 15.1 and older take an evaluation type; NNUE on every position, not the hybrid.
[[ $sf_version =~ Stockfish\ 1[0-5] ]] && sf_args+=(NNUE)

echo "Positions: $(wc -l <"$fens") from ${FENS:-corvid bench --list}, depth $depth, hash $hash MB, 1 thread"
echo "Corvid   : $corvid ($("$corvid" --version)), bench ${corvid_args[*]}"
corvid_nets=$(printf 'uci\nquit\n' | "$corvid" 2>/dev/null | sed -n 's/^option name \(EvalFile[A-Za-z]*\) type string default /\1=/p' | paste -sd' ' -)
echo "           nets ${NET:+EvalFile=$NET (given) }${corvid_nets:-(unknown)}"
sf_flavour=$("$stockfish" compiler 2>&1 | sed -n 's/^Compilation \(settings include\|architecture *\): *//p' | paste -sd' ' -)
echo "Stockfish: $stockfish ($sf_version, ${sf_flavour:-flavour unknown}), bench ${sf_args[*]}"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Each prints "<nodes> <reported ms> <nps> <wall ms>".
run_corvid() {
  local t0 t1; t0=$(now_ms)
  "$corvid" bench "${corvid_args[@]}" >"$tmp/c.out" 2>/dev/null
  t1=$(now_ms)
  awk -v wall=$((t1 - t0)) '/^Total time/ { ms = $NF } $2 == "nodes" && $4 == "nps" { print $1, ms, $3, wall }' "$tmp/c.out"
}
run_stockfish() {
  local t0 t1; t0=$(now_ms)
  "$stockfish" bench "${sf_args[@]}" >"$tmp/s.out" 2>"$tmp/s.err"
  t1=$(now_ms)
  cat "$tmp/s.out" "$tmp/s.err" >>"$tmp/sf.all"
  awk -F': *' -v wall=$((t1 - t0)) '/^Total time/ { ms = $2 } /^Nodes searched/ { n = $2 } /^Nodes\/second/ { s = $2 }
    END { print n, ms, s, wall }' "$tmp/s.err"
}
check_times() {  # name reported wall
  if [ "$2" -gt "$3" ] || [ "$3" -gt $((2 * $2 + 2000)) ]; then
    echo "warning: $1 reported ${2} ms but the run took ${3} ms of wall time" >&2
  fi
}

c_nps=(); s_nps=(); c_nodes=(); s_nodes=()
printf '\n%-6s %12s %9s %9s %10s | %12s %9s %9s %10s | %7s\n' round "corvid nodes" "ms" "wall ms" "nps" \
  "sf nodes" "ms" "wall ms" "nps" ratio
for ((r = 1; r <= rounds; r++)); do
  read -r cn cms cs cw < <(run_corvid) || true
  read -r sn sms ss sw < <(run_stockfish) || true
  [ -n "${cs:-}" ] || { echo "error: no '<nodes> nodes <nps> nps' line from $corvid bench" >&2; exit 1; }
  [ -n "${ss:-}" ] || { echo "error: no 'Nodes/second' from $stockfish bench" >&2; exit 1; }
  check_times Corvid "$cms" "$cw"
  check_times Stockfish "$sms" "$sw"
  c_nodes+=("$cn"); c_nps+=("$cs"); s_nodes+=("$sn"); s_nps+=("$ss")
  printf '%-6s %12s %9s %9s %10s | %12s %9s %9s %10s | %7s\n' "$r" "$cn" "$cms" "$cw" "$cs" "$sn" "$sms" "$sw" "$ss" \
    "$(awk -v a="$cs" -v b="$ss" 'BEGIN { printf "%.3f", a / b }')"
done

best()   { printf '%s\n' "$@" | sort -n | tail -n 1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio()  { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
cb=$(best "${c_nps[@]}"); sb=$(best "${s_nps[@]}")
cm=$(median "${c_nps[@]}"); sm=$(median "${s_nps[@]}")
echo
echo "best   nps: Corvid $cb, Stockfish $sb, ratio $(ratio "$cb" "$sb")"
echo "median nps: Corvid $cm, Stockfish $sm, ratio $(ratio "$cm" "$sm")"

# A bench on one thread is deterministic: the node count must not change between rounds.
[ "$(printf '%s\n' "${c_nodes[@]}" | sort -u | wc -l)" = 1 ] ||
  echo "warning: Corvid's node count differed between rounds (${c_nodes[*]})" >&2
[ "$(printf '%s\n' "${s_nodes[@]}" | sort -u | wc -l)" = 1 ] ||
  echo "warning: Stockfish's node count differed between rounds (${s_nodes[*]})" >&2

# The net(s) Stockfish said it used.
sf_nets=$(grep -o 'NNUE evaluation using [^ ]*' "$tmp/sf.all" | cut -d' ' -f4 | sort -u | paste -sd' ' -)
echo "Stockfish nets: ${sf_nets:-(not reported)}"
