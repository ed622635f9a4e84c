#!/usr/bin/env bash
# Runs one libFuzzer target of tests/fuzz for a while and says what it did.
#   scripts/fuzz.sh TARGET SECONDS [extra libFuzzer arguments]
# TARGET is fen, uci, nnue, book or syzygy_path, built by `make fuzz` into build-fuzz/
# (CORVID_FUZZ_BUILD to use another folder). It starts from the committed seeds in
# tests/fuzz/corpus/TARGET and keeps what it finds new in build-fuzz/corpus/TARGET (the
# committed seeds are never written). A crash, sanitizer report, broken check or hang is
# saved under build-fuzz/findings/TARGET/ and makes the exit status non-zero.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS [extra libFuzzer arguments]" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2
build=${CORVID_FUZZ_BUILD:-build-fuzz}
binary=$build/tests/fuzz/fuzz_$target
seeds=tests/fuzz/corpus/$target
work=$build/corpus/$target
findings=$build/findings/$target
log=$build/logs/$target.log
if ! [ -x "$binary" ]; then
  echo "fuzz.sh: no $binary; build it with 'make fuzz'" >&2
  exit 2
fi
mkdir -p "$work" "$findings" "$(dirname "$log")"
before=$(find "$findings" -type f | wc -l)

# The tables, books and nets the targets make live in a scratch folder per process;
# stdout (fathom's messages) is dropped, stderr kept for sanitizer reports.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
start=$(date +%s)
"$binary" "$work" "$seeds" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 \
  -close_fd_mask=1 -print_final_stats=1 -artifact_prefix="$findings/" "$@" >"$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - start ))

executions=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | awk '{print $2}')
if [ -z "$executions" ]; then executions=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#'); fi
# libFuzzer's own count of the inputs it keeps (seeds and new ones), from its last status line.
corpus=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | awk '{print $2}')
saved=$(find "$work" -type f | wc -l)
after=$(find "$findings" -type f | wc -l)
new=$(( after - before ))
echo "fuzz $target: ${executions:-0} executions in $elapsed s, corpus ${corpus:-?} inputs ($saved new in $work), $new new findings, exit $status (log $log)"
if [ "$status" -ne 0 ] || [ "$new" -gt 0 ]; then
  grep -E -m 5 'ERROR: |FUZZ CHECK FAILED|runtime error|SUMMARY' "$log" >&2
  ls -t "$findings" | head -n "$(( new > 0 ? new : 1 ))" | sed "s|^|  $findings/|" >&2
  echo "fuzz $target: FINDING (see $log and $findings/)" >&2
  exit 1
fi
exit 0
