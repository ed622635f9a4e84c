#!/usr/bin/env bash
# Checks the bench signature: `corvid bench` (depth 13, one thread, 16 MB) must report the
# node count named by the newest commit whose message says `Bench: N`, as every commit
# that changes the search does. A different count means the search changed without its
# commit saying so (or a build differs from the others: the count is the same for every
# flavour). Usage: scripts/bench-signature.sh [path/to/corvid]   (default build/corvid)
# CORVID_REPO=DIR reads the commit messages of another clone (the tests use it).
# Exit status: 0 the counts agree, 1 they differ, 2 the check could not run.
set -euo pipefail

repo_root="${CORVID_REPO:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
engine="${1:-$repo_root/build/corvid}"
[ -x "$engine" ] || { echo "bench-signature: no engine at $engine" >&2; exit 2; }

# The newest commit message naming a count (its last `Bench: N` line, if it has several).
expected="$(git -C "$repo_root" log -n 1 --extended-regexp --grep='Bench: [0-9]+' --format=%B 2>/dev/null |
            grep -oE 'Bench: [0-9]+' | tail -n 1 | grep -oE '[0-9]+' || true)"
if [ -z "$expected" ]; then
  echo "bench-signature: no commit message names a count ('Bench: N'); nothing to check against" >&2
  exit 2
fi
commit="$(git -C "$repo_root" log -n 1 --extended-regexp --grep='Bench: [0-9]+' --format='%h %s')"

# The bench's last line is "<N> nodes <M> nps".
actual="$("$engine" bench 2>/dev/null </dev/null | awk '/ nodes .* nps$/ { n = $1 } END { print n }')"
if [ -z "$actual" ]; then
  echo "bench-signature: $engine bench printed no '<N> nodes <M> nps' line" >&2
  exit 2
fi
if [ "$actual" != "$expected" ]; then
  echo "bench-signature: bench reports $actual nodes, but the newest commit naming one says $expected" >&2
  echo "  ($commit)" >&2
  exit 1
fi
echo "bench signature $actual nodes matches ($commit)"
