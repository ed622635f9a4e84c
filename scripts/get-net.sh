#!/usr/bin/env bash
# Obtains the default network (first line of nets/manifest.txt) into nets/ and checks
# its sha256. Source: Debian's `stockfish` 15.1 package, whose binary carries this net
# and writes it out with its `export_net <file>` command. The installed package is used
# when present; otherwise the .deb is downloaded (apt-get download, no install) and
# unpacked in a temporary folder. Idempotent: a verified net is left as it is.
#
# Usage: scripts/get-net.sh [DEST_DIR]       (default: nets)
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-nets}
read -r name sha source < <(grep -v '^#' nets/manifest.txt | head -n 1)
target="$dest/$name"

verified() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$sha" ]; }

if verified "$target"; then
  echo "get-net: $target present, sha256 ok" >&2
  exit 0
fi
[ "$source" = debian-stockfish-15.1 ] || { echo "get-net: unknown source '$source' in nets/manifest.txt" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stockfish=""
if [ -x /usr/games/stockfish ] && dpkg-query -W -f='${Version}' stockfish 2>/dev/null | grep -q '^15\.1'; then
  stockfish=/usr/games/stockfish
else
  echo "get-net: downloading Debian package stockfish (15.1) to extract its net ..." >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  ( cd "$work" && { apt-get download stockfish >/dev/null 2>&1 ||
      { $sudo apt-get update -qq >/dev/null 2>&1 && apt-get download stockfish >/dev/null 2>&1; }; } ) || {
    echo "get-net: could not download the Debian package 'stockfish'; get $name by other means" \
         "(sha256 $sha) and put it in $dest/" >&2
    exit 1
  }
  dpkg -x "$work"/stockfish_*.deb "$work/deb"
  stockfish="$work/deb/usr/games/stockfish"
fi

printf 'export_net %s\nquit\n' "$work/$name" | "$stockfish" >/dev/null 2>&1 || true
if ! verified "$work/$name"; then
  echo "get-net: the net written by $stockfish does not have sha256 $sha" >&2
  exit 1
fi
mkdir -p "$dest"
mv "$work/$name" "$target"
echo "get-net: wrote $target (sha256 ok)" >&2
