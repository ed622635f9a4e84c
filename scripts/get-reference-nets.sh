#!/usr/bin/env bash
# The reference nets the tests check Corvid against, sha256-verified, into nets/:
#   nn-ad9b42354671.nnue  Stockfish 15.1 (HalfKAv2_hm, L1=1024)   via scripts/get-net.sh
#   nn-37f18f62d772.nnue  Stockfish 18 small net (L1=128)          npm package stockfish@18.0.8
#   nn-c288c895ea92.nnue  Stockfish 18 big net (Full_Threats)      npm package stockfish@18.0.8
# The npm nets are cut out of the package's WebAssembly build (scripts/extract-wasm-nets.py).
# Downloads are kept in ${XDG_CACHE_HOME:-~/.cache}/corvid-nets, so later runs need no network.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=nets
cache=${XDG_CACHE_HOME:-$HOME/.cache}/corvid-nets
mkdir -p "$dest" "$cache"

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -c1-12)" = "$2" ]; }

bash scripts/get-net.sh "$dest"

npm_nets=(37f18f62d772:128:0 c288c895ea92:1024:1)
missing=()
for spec in "${npm_nets[@]}"; do
  sha=${spec%%:*}
  sha_ok "$dest/nn-$sha.nnue" "$sha" && continue
  if sha_ok "$cache/nn-$sha.nnue" "$sha"; then cp "$cache/nn-$sha.nnue" "$dest/"; continue; fi
  missing+=("$spec")
done
[ ${#missing[@]} -eq 0 ] && { echo "get-reference-nets: all present in $dest/" >&2; exit 0; }

for tool in npm python3; do
  command -v $tool >/dev/null 2>&1 && continue
  echo "get-reference-nets: $tool is missing; installing it" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  pkg=$tool; [ $tool = npm ] && pkg="nodejs npm"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkg >&2 ||
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkg >&2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "get-reference-nets: fetching npm package stockfish@18.0.8 (about 160 MB) ..." >&2
( cd "$work" && npm pack stockfish@18.0.8 --silent >/dev/null &&
  tar xzf stockfish-18.0.8.tgz package/bin/stockfish-18-single.wasm )
python3 scripts/extract-wasm-nets.py "$work/package/bin/stockfish-18-single.wasm" "$cache" "${missing[@]}"
for spec in "${missing[@]}"; do
  sha=${spec%%:*}
  sha_ok "$cache/nn-$sha.nnue" "$sha" || { echo "get-reference-nets: nn-$sha.nnue failed its sha256 check" >&2; exit 1; }
  cp "$cache/nn-$sha.nnue" "$dest/"
done
echo "get-reference-nets: all present in $dest/" >&2
