#!/bin/bash
# Runs each saved unit of a target again, alone, and says what it is:
#
#   bash fuzz/triage.sh TARGET [ARTIFACT...]      (default: every file in fuzz/artifacts/TARGET/)
#
# libFuzzer's -timeout is wall time, so on a loaded machine a unit that needs little CPU can be
# saved as a timeout. Run alone, a unit that passes and used less than 2 s of CPU in the
# instrumented build is "not slow"; one that takes 2 s of CPU or more is "SLOW" and one that fails
# is "CRASH": those two are real and become regression tests (tests/fuzz_regressions.rs).
set -u
T=$1
shift
BIN=fuzz/target/x86_64-unknown-linux-gnu/release/$T
[ -x "$BIN" ] || { echo "no $BIN: run cargo +nightly fuzz build" >&2; exit 2; }
if [ $# -eq 0 ]; then set -- "fuzz/artifacts/$T"/*; fi
real=0
TIMEFORMAT='%U %S'
times=$(mktemp)
for unit in "$@"; do
    [ -f "$unit" ] || continue
    { time "$BIN" -rss_limit_mb=2048 -runs=1 "$unit" > /dev/null 2>&1; } 2> "$times"
    status=$?
    cpu=$(awk '{printf "%.2f", $1 + $2}' "$times")
    if [ "$status" -ne 0 ]; then
        verdict=CRASH
        real=$((real + 1))
    elif awk -v c="$cpu" 'BEGIN{exit !(c >= 2)}'; then
        verdict=SLOW
        real=$((real + 1))
    else
        verdict="not slow"
    fi
    echo "$verdict: $cpu s CPU, $(wc -c < "$unit") bytes, $unit"
done
rm -f "$times"
[ "$real" -eq 0 ]
