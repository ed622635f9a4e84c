#!/usr/bin/env bash
# Calibrates UCI_Elo: for each level X, plays Corvid with UCI_LimitStrength at UCI_Elo X
# against Debian's Stockfish 15.1 at UCI_Elo X (Stockfish's own calibrated scale) through
# scripts/match.sh, and prints the Elo difference ± 95% error at each level. A level where
# Corvid's UCI_Elo means what it says scores about 0.
#   scripts/calibrate-elo.sh [--levels "1500 2000 2500"] [--games N] [--tc TC] [--concurrency N]
# Other options go on to scripts/match.sh. This plays many games: run it on a quiet machine.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
levels="1500 2000 2500"
games=200
tc="10+0.1"
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --levels) levels="$2"; shift 2 ;;
    --games) games="$2"; shift 2 ;;
    --tc) tc="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done
stockfish="${STOCKFISH:-/usr/games/stockfish}"
[ -x "$stockfish" ] || { echo "calibrate-elo.sh: no Stockfish at $stockfish (Debian package stockfish)" >&2; exit 2; }

work="$(mktemp -d /tmp/corvid-calibrate.XXXXXX)"
summary="$work/summary.txt"
for elo in $levels; do
  echo "== UCI_Elo $elo: $games games at $tc" >&2
  out="$work/elo-$elo"
  "$repo_root/scripts/match.sh" --opponent "cmd:$stockfish" --opponent-name "Stockfish-$elo" \
      --opponent-option UCI_LimitStrength=true --opponent-option "UCI_Elo=$elo" \
      --engine-option UCI_LimitStrength=true --engine-option "UCI_Elo=$elo" \
      --games "$games" --tc "$tc" --out "$out" "${pass[@]}" | tee "$out.log" >&2 || true
  result="$(grep -m1 '^W/D/L' "$out.log" || true); $(grep -m1 '^Elo: .*logistic' "$out.log" || echo 'no result')"
  echo "UCI_Elo $elo: $result" >> "$summary"
done
echo "Corvid at UCI_Elo X against Stockfish 15.1 at UCI_Elo X (positive: Corvid stronger than asked):"
cat "$summary"
