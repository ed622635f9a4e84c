#!/usr/bin/env bash
# Obtains networks listed in nets/manifest.txt into DEST (default nets/) and checks each
# sha256. Without --all only the default nets (roles default-*), which the build embeds;
# with --all every net in the manifest (the tests' reference nets too).
# Sources:
#   npm-stockfish-18.0.8   the npm package stockfish@18.0.8: its WebAssembly build carries
#                          Stockfish 18's two nets; scripts/extract-wasm-nets.py cuts them out
#   npm-stockfish-19.0.0   the npm package stockfish@19.0.0: Stockfish 19's net, the same way
#   debian-stockfish-15.1  Debian's `stockfish` 15.1 package, whose binary writes its net
#                          with `export_net <file>` (the .deb is downloaded when not installed)
# Downloads are kept in ${XDG_CACHE_HOME:-~/.cache}/corvid-nets, so later runs need no
# network. Idempotent: a verified net is left as it is.
#
# Usage: scripts/get-net.sh [--all] [DEST_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
[ "${1:-}" = --all ] && { all=1; shift; }
dest=${1:-nets}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/corvid-nets
mkdir -p "$dest" "$cache"
sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo

verified() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

install_tool() {  # tool, Debian packages
  command -v "$1" >/dev/null 2>&1 && return 0
  echo "get-net: $1 is missing; installing $2" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $2 >&2 ||
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $2 >&2; }
}

from_npm() {  # version, then the nets in its wasm as NAME:L1:LAYOUT (extract-wasm-nets.py)
  local version=$1 work; shift
  work=$(mktemp -d)
  install_tool npm "nodejs npm"
  install_tool python3 python3
  local wasm="package/bin/stockfish-${version%%.*}-single.wasm"
  echo "get-net: fetching npm package stockfish@$version (about 160 MB) ..." >&2
  ( cd "$work" && npm pack "stockfish@$version" --silent >/dev/null && tar xzf "stockfish-$version.tgz" "$wasm" )
  # Every net of one download goes to the cache.
  python3 scripts/extract-wasm-nets.py "$work/$wasm" "$cache" "$@"
  rm -rf "$work"
}

from_debian() {  # name
  local work stockfish=""; work=$(mktemp -d)
  if [ -x /usr/games/stockfish ] && dpkg-query -W -f='${Version}' stockfish 2>/dev/null | grep -q '^15\.1'; then
    stockfish=/usr/games/stockfish
  else
    echo "get-net: downloading Debian package stockfish (15.1) to extract its net ..." >&2
    ( cd "$work" && { apt-get download stockfish >/dev/null 2>&1 ||
        { $sudo apt-get update -qq >/dev/null 2>&1 && apt-get download stockfish >/dev/null 2>&1; }; } ) ||
      { echo "get-net: could not download the Debian package 'stockfish'" >&2; rm -rf "$work"; return 1; }
    dpkg -x "$work"/stockfish_*.deb "$work/deb"
    stockfish="$work/deb/usr/games/stockfish"
  fi
  printf 'export_net %s\nquit\n' "$cache/$1" | "$stockfish" >/dev/null 2>&1 || true
  rm -rf "$work"
}

status=0
while read -r name sha source role; do
  [ $all = 1 ] || [[ $role == default-* ]] || continue
  target="$dest/$name"
  if verified "$target" "$sha"; then
    echo "get-net: $target present, sha256 ok" >&2
    continue
  fi
  if ! verified "$cache/$name" "$sha"; then
    case $source in
      npm-stockfish-18.0.8) from_npm 18.0.8 37f18f62d772:128:0 c288c895ea92:1024:1 || true ;;
      npm-stockfish-19.0.0) from_npm 19.0.0 1a298aa575a0:1024:2 || true ;;
      debian-stockfish-15.1) from_debian "$name" || true ;;
      *) echo "get-net: unknown source '$source' in nets/manifest.txt" >&2 ;;
    esac
  fi
  if verified "$cache/$name" "$sha"; then
    cp "$cache/$name" "$target"
    echo "get-net: wrote $target (sha256 ok)" >&2
  else
    echo "get-net: could not get $name (sha256 $sha) from $source; put it in $dest/ by other means" >&2
    status=1
  fi
done < <(grep -v '^#' nets/manifest.txt)
exit $status
