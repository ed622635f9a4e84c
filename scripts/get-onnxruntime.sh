#!/usr/bin/env bash
# onnxruntime for node (npm package onnxruntime-node, its CPU binary ships in the package,
# so --ignore-scripts skips the optional GPU download), for the ONNX export tests and
# scripts/check-onnx.sh. Kept in ${XDG_CACHE_HOME:-~/.cache}/corvid-onnxruntime, so later
# runs need no network. Prints the node_modules folder.
set -euo pipefail
version=1.30.0
cache=${XDG_CACHE_HOME:-$HOME/.cache}/corvid-onnxruntime
modules=$cache/node_modules
if [ -f "$modules/onnxruntime-node/package.json" ] &&
   grep -q "\"version\": \"$version\"" "$modules/onnxruntime-node/package.json"; then
  echo "$modules"; exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "get-onnxruntime: npm is missing; installing it" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2 ||
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >&2; }
fi
mkdir -p "$cache"
echo "get-onnxruntime: npm install onnxruntime-node@$version (about 300 MB) into $cache ..." >&2
( cd "$cache" && npm install --ignore-scripts --no-audit --no-fund --silent "onnxruntime-node@$version" >&2 )
echo "$modules"
