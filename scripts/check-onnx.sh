#!/usr/bin/env bash
# Exports a net to ONNX and checks it in onnxruntime against NNUE vector files, exactly:
#   bash scripts/check-onnx.sh NET.nnue VECTORS.csv [VECTORS.csv ...]
# (default: every vector file for that net in tests/data/nnue). Uses build/corvid, or the
# binary in $CORVID. Exit status 0 when every position matches.
set -euo pipefail
cd "$(dirname "$0")/.."
net=${1:?usage: check-onnx.sh NET.nnue [VECTORS.csv ...]}
shift
corvid=${CORVID:-build/corvid}
name=$(basename "$net" .nnue)
vectors=("$@")
[ ${#vectors[@]} -gt 0 ] || vectors=(tests/data/nnue/"$name".*.csv)
modules=$(bash scripts/get-onnxruntime.sh)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$corvid" net export "$net" --format onnx --out "$work/$name.onnx" >/dev/null
status=0
for v in "${vectors[@]}"; do
  grep -v '^#' "$v" | awk -F';' 'NF { print $(NF-3) }' | "$corvid" net features --net "$net" >"$work/features.txt"
  echo "check-onnx: $v" >&2
  NODE_PATH=$modules node scripts/onnx-vectors.js "$work/$name.onnx" "$v" "$work/features.txt" || status=1
done
exit $status
