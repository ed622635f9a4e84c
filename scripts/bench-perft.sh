#!/usr/bin/env bash
# Perft speed: Corvid against one or more Stockfish builds, side by side in one run, on the
# start position (perft 6) and Kiwipete (perft 5), 1 thread each.
#
# Every engine is timed the same way: the wall time of a fresh process doing `perft N`, less
# the wall time of a fresh process doing `perft 1` (start-up, tables, net loading), best of
# ROUNDS each, the engines taking turns within each round. Corvid's own reported time (its
# "perft N: ... in T ms" log line) is printed beside its wall figure; when the two disagree
# by more than 15% + 30 ms the row is flagged, and the ratios use the larger (slower) time.
# Node counts are checked against the known values.
#
# Usage: [ROUNDS=3] [STOCKFISH=/path/sf[:/path/sf2...]] scripts/bench-perft.sh [path/to/corvid]
#   STOCKFISH: default Debian's /usr/games/stockfish (15.1, plain x86-64). For the same CPU
#   flavour as Corvid's build, build Stockfish outside this repository and name it here.
set -euo pipefail
cd "$(dirname "$0")/.."
corvid=${1:-build/corvid}
rounds=${ROUNDS:-3}
[ -x "$corvid" ] || { echo "error: no Corvid binary at $corvid (run make, or pass a path)" >&2; exit 1; }
default_sf=$(command -v stockfish || ls /usr/games/stockfish 2>/dev/null || true)
IFS=':' read -r -a stockfishes <<<"${STOCKFISH:-$default_sf}"

kiwipete="r3k2r/p1ppqpb1/bn2pnp1/3PN3/1p2P3/2N2Q1p/PPPBBPPP/R3K2R w KQkq - 0 1"
cases=("startpos|rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1|6|119060324"
       "kiwipete|$kiwipete|5|193690690")

now_ns() { date +%s%N; }

# Prints "<nodes> <wall ns> <reported ms or ->" for one fresh process.
run_engine() {  # engine fen depth
  local t0 t1 out nodes reported="-"
  if [ "$1" = "$corvid" ]; then
    t0=$(now_ns); out=$("$corvid" perft "$3" --fen "$2" 2>&1); t1=$(now_ns)
    reported=$(sed -n 's/.*perft [0-9]*: [0-9]* nodes in \([0-9]*\) ms.*/\1/p' <<<"$out")
  else
    t0=$(now_ns); out=$(printf 'position fen %s\ngo perft %s\nquit\n' "$2" "$3" | "$1" 2>/dev/null); t1=$(now_ns)
  fi
  nodes=$(grep -o 'Nodes searched: [0-9]*' <<<"$out" | grep -o '[0-9]*$')
  echo "$nodes $((t1 - t0)) ${reported:--}"
}

engines=("$corvid")
for sf in "${stockfishes[@]}"; do
  [ -n "$sf" ] || continue
  [ -x "$sf" ] || { echo "error: no Stockfish at $sf" >&2; exit 1; }
  engines+=("$sf")
done
echo "Corvid   : $corvid ($("$corvid" --version 2>/dev/null | head -1))"
for ((e = 1; e < ${#engines[@]}; e++)); do
  echo "Stockfish: ${engines[$e]} ($(echo quit | "${engines[$e]}" 2>/dev/null | head -1))"
done
[ ${#engines[@]} -gt 1 ] || echo "No Stockfish found: install Debian's 'stockfish' or set STOCKFISH=path." >&2
echo "Best of $rounds rounds; time = wall(perft N) - wall(perft 1), fresh process each."
echo

# keep_smaller ARRAY KEY VALUE: ARRAY[KEY] becomes VALUE when unset or larger.
keep_smaller() {
  local -n array=$1
  if [ -z "${array[$2]:-}" ] || [ "$3" -lt "${array[$2]}" ]; then array[$2]=$3; fi
}

mnps() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.1f", n / (t / 1e9) / 1e6 }'; }

printf '%-9s %5s %-44s %9s %9s %12s %8s\n' position depth engine "time ms" "Mnps" "reported ms" "ratio"
for c in "${cases[@]}"; do
  IFS='|' read -r name fen depth nodes <<<"$c"
  declare -A best=() base=() reported=()
  for ((r = 0; r < rounds; r++)); do
    for e in "${engines[@]}"; do
      read -r n ns rep < <(run_engine "$e" "$fen" "$depth")
      if [ "$n" != "$nodes" ]; then echo "error: $e perft $depth on $name gave '$n' nodes, expected $nodes" >&2; exit 1; fi
      keep_smaller best "$e" "$ns"
      [ "$rep" = "-" ] || keep_smaller reported "$e" "$rep"
      read -r n ns rep < <(run_engine "$e" "$fen" 1)
      keep_smaller base "$e" "$ns"
    done
  done
  corvid_ns=0
  for e in "${engines[@]}"; do
    t=$(( best[$e] > base[$e] ? best[$e] - base[$e] : 1 ))
    flag=""
    if [ -n "${reported[$e]:-}" ]; then
      rep_ns=$(( reported[$e] * 1000000 ))
      if awk -v w="$t" -v r="$rep_ns" 'BEGIN { d = w - r; if (d < 0) d = -d; m = (w > r ? w : r); exit !(d > 0.15 * m + 30e6) }'; then
        flag="  <- wall and reported disagree"
      fi
      [ "$rep_ns" -gt "$t" ] && t=$rep_ns   # the slower of the two counts
    fi
    if [ "$e" = "$corvid" ]; then
      corvid_ns=$t; label="Corvid"; ratio="1.00"
    else
      label="$e"; ratio="$(awk -v c="$corvid_ns" -v s="$t" 'BEGIN { printf "%.2f", s / c }')"
    fi
    printf '%-9s %5s %-44s %9.0f %9s %12s %8s%s\n' "$name" "$depth" "${label:0:44}" "$(awk -v t="$t" 'BEGIN { print t / 1e6 }')" \
      "$(mnps "$nodes" "$t")" "${reported[$e]:--}" "$ratio" "$flag"
  done
  unset best base reported
done
echo
echo "ratio: that engine's time over Corvid's (above 1: Corvid is faster by that factor)."
