#!/usr/bin/env bash
# Perft speed: Corvid and (when installed) Debian's Stockfish 15.1, side by side in one run.
# Both are timed the same way: wall time of the process doing `perft N` minus the wall
# time of the same process doing `perft 1` (start-up, net loading), best of ROUNDS.
#
# Usage: scripts/bench-perft.sh [path/to/corvid]     (ROUNDS=3 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
corvid=${1:-build/corvid}
rounds=${ROUNDS:-3}
[ -x "$corvid" ] || make >/dev/null
stockfish=$(command -v stockfish || ls /usr/games/stockfish 2>/dev/null || true)

kiwipete="r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1"
cases=("startpos|$(printf '%s' 'rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1')|6|119060324"
       "kiwipete|$kiwipete|5|193690690")

now_ns() { date +%s%N; }

# Prints "<nodes> <nanoseconds>" for one run.
run_corvid() {  # fen depth
  local t0 t1 out
  t0=$(now_ns); out=$("$corvid" perft "$2" --fen "$1" 2>/dev/null); t1=$(now_ns)
  echo "$(grep -o 'Nodes searched: [0-9]*' <<<"$out" | grep -o '[0-9]*$') $((t1 - t0))"
}
run_stockfish() {  # fen depth
  local t0 t1 out
  t0=$(now_ns)
  out=$(printf 'position fen %s\ngo perft %s\nquit\n' "$1" "$2" | "$stockfish" 2>/dev/null)
  t1=$(now_ns)
  echo "$(grep -o 'Nodes searched: [0-9]*' <<<"$out" | grep -o '[0-9]*$') $((t1 - t0))"
}

# Best (smallest) time of perft depth minus best time of perft 1.
best_time() {  # runner fen depth expected
  local best=0 base=0 nodes ns i
  for ((i = 0; i < rounds; i++)); do
    read -r nodes ns < <($1 "$2" "$3")
    if [ "$nodes" != "$4" ]; then echo "error: $1 perft $3 gave $nodes nodes, expected $4" >&2; exit 1; fi
    { [ "$best" = 0 ] || [ "$ns" -lt "$best" ]; } && best=$ns
    read -r nodes ns < <($1 "$2" 1)
    { [ "$base" = 0 ] || [ "$ns" -lt "$base" ]; } && base=$ns
  done
  echo $((best > base ? best - base : 1))
}

mnps() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / (t / 1e9) / 1e6 }'; }

printf '%-10s %6s %12s %14s %14s %8s\n' position depth nodes "corvid Mnps" "stockfish Mnps" ratio
for c in "${cases[@]}"; do
  IFS='|' read -r name fen depth nodes <<<"$c"
  ct=$(best_time run_corvid "$fen" "$depth" "$nodes")
  cm=$(mnps "$nodes" "$ct")
  if [ -n "$stockfish" ]; then
    st=$(best_time run_stockfish "$fen" "$depth" "$nodes")
    sm=$(mnps "$nodes" "$st")
    ratio=$(awk -v a="$cm" -v b="$sm" 'BEGIN { printf "%.2f", a / b }')
  else
    sm="(not installed)"; ratio="-"
  fi
  printf '%-10s %6s %12s %14s %14s %8s\n' "$name" "$depth" "$nodes" "$cm" "$sm" "$ratio"
done
[ -n "$stockfish" ] || echo "Install Debian's 'stockfish' package to compare against Stockfish 15.1." >&2
