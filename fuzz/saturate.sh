#!/bin/bash
# Runs one fuzz target until it is saturated in the sense of FUZZING.md: at least one CPU-hour
# (counting the CPU seconds of earlier runs on the same corpus, given as PRIOR) and 30 minutes of
# wall time without new coverage (`cov:`), whichever is later; or until the epoch second UNTIL.
#
#   bash fuzz/saturate.sh TARGET [PRIOR [UNTIL]] [-- libFuzzer options]
#
# Run from the repository root after `cargo +nightly fuzz build`. The log (each line prefixed
# with the seconds since the start) goes to fuzz/logs/TARGET-<UTC time>.log; its last line says
# why the run stopped, with the CPU seconds used. The fuzzer runs at nice 19 with -timeout=2.
# FUZZ_BIN_DIR names another folder of built targets (a build of a later commit in its own
# target folder, so that the binaries of runs in progress are not replaced under them).
set -u
T=$1
shift
PRIOR=0
UNTIL=0
if [ $# -gt 0 ] && [ "$1" != "--" ]; then PRIOR=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then UNTIL=$1; shift; fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then shift; fi
CPU_GOAL=${CPU_GOAL:-3600}
FLAT_GOAL=${FLAT_GOAL:-1800}
BIN=${FUZZ_BIN_DIR:-fuzz/target/x86_64-unknown-linux-gnu/release}/$T
[ -x "$BIN" ] || { echo "no $BIN: run cargo +nightly fuzz build" >&2; exit 2; }
mkdir -p fuzz/logs "fuzz/artifacts/$T" "fuzz/corpus/$T"
LOG=fuzz/logs/$T-$(date -u +%Y%m%dT%H%M%SZ).log
echo "0 start $(date -u +%FT%TZ) $(git rev-parse --short HEAD 2>/dev/null) prior $PRIOR args: $*" > "$LOG"
start=$(date +%s)
nice -n 19 "$BIN" -timeout=2 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$T/" "$@" "fuzz/corpus/$T" 2>&1 |
    while IFS= read -r l; do printf '%d %s\n' $(($(date +%s) - start)) "$l"; done >> "$LOG" &
sleep 2
# The fuzzer itself: the oldest such process (in fork mode its jobs run the same binary).
PID=$(pgrep -o -f "^$BIN -timeout=2")
why=ended
cpu=0
# Stopping: the job in flight as well as the fuzzer. In fork mode the fuzzer ignores an
# interrupt of its own while a job runs, and exits once the job is interrupted.
while [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; do
    sleep 30
    # utime + stime of the fuzzer and of the jobs it has waited for (fork mode), plus those of
    # the jobs still running, in clock ticks.
    ticks=$(awk '{print $14+$15+$16+$17}' "/proc/$PID/stat" 2>/dev/null) || break
    for job in $(pgrep -f "^$BIN -timeout=2"); do
        [ "$job" = "$PID" ] && continue
        t=$(awk '{print $14+$15}' "/proc/$job/stat" 2>/dev/null) || t=0
        ticks=$((ticks + t))
    done
    cpu=$((ticks / $(getconf CLK_TCK)))
    now=$(($(date +%s) - start))
    last=$(awk '{for(i=2;i<NF;i++) if($i=="cov:"){c=$(i+1)+0; if(c>m){m=c; t=$1}}} END{print t+0}' "$LOG")
    total=$((PRIOR + cpu))
    if [ "$total" -ge "$CPU_GOAL" ] && [ $((now - last)) -ge "$FLAT_GOAL" ]; then
        why="saturated: cpu $total s in all, no new coverage for $((now - last)) s"
        pkill -INT -f "^$BIN -timeout=2"
    elif [ "$UNTIL" -gt 0 ] && [ "$(date +%s)" -ge "$UNTIL" ]; then
        why="deadline: cpu $total s in all, no new coverage for $((now - last)) s"
        pkill -INT -f "^$BIN -timeout=2"
    fi
done
wait
echo "$(($(date +%s) - start)) stop $(date -u +%FT%TZ) cpu $cpu (this run) $why" >> "$LOG"
