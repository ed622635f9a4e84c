#!/usr/bin/env bash
# Every net the tests compare against (all of nets/manifest.txt), sha256-verified, into
# nets/: the default pair (Stockfish 18 big and small), Stockfish 15.1's net and Stockfish 19's.
set -euo pipefail
exec bash "$(dirname "$0")/get-net.sh" --all "$@"
