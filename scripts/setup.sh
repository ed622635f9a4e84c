#!/usr/bin/env bash
# Installs what building and testing Corvid needs on a Debian/Ubuntu machine.
# Quiet and quick when everything is already there; uses sudo when not root.
set -euo pipefail

# python3-onnx: the tests run onnx's model checker on `corvid net export --format onnx` output.
packages=(cmake make g++ catch2 libcli11-dev libspdlog-dev libpng-dev libfathom-dev fathom gnuchess-book python3-onnx)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: missing ${missing[*]} and no apt-get here: install them with your package manager" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
