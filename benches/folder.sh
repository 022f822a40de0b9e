#!/bin/bash
# The folder check through the CLI, timed from outside (issue 14's goal 5): CPU (user + sys,
# from /usr/bin/time) per report of `zfxxgk check DIR` over folders of N files (default
# 20,000) made of hard links to corpus copies, with 1 and 2 threads, and the peak RSS.
#
#   bash benches/folder.sh [N [WORKDIR [ZFXXGK]]]
#
# Folders (under WORKDIR, default a new temporary folder, removed at the end unless given):
#   text  = the 13 raw texts of benches/forms.rs in turn;
#   mixed = in turn one of those texts, an expected cells CSV and the 046 HTML page;
#   html  = the 046 page (43 KB) N/4 times.
# ZFXXGK names a built CLI (default: target/release/zfxxgk, built here).
# CPU times are comparable on a loaded machine; wall times and speed-ups are not: the script
# prints the load average before and after.
set -eu
N=${1:-20000}
WORK=${2:-}
BIN=${3:-target/release/zfxxgk}
cd "$(dirname "$0")/.."
if [ "$BIN" = target/release/zfxxgk ]; then
    cargo build -q --release -p zfxxgk-cli
fi
keep=1
if [ -z "$WORK" ]; then
    WORK=$(mktemp -d)
    keep=0
fi
raw=tests/data/corpus/raw
expected=tests/data/corpus/expected
texts=(000_499bb3d63922cf9c 001_pingtan-2019 003_pingtan-2021 005_pingtan-2023
    007_pingtan-2025 008_huaian-city-2024-pypdf 009_huaian-city-2024-pdfminer
    010_hongze-district-2023-pypdf 011_hongze-district-2024-pypdf 012_shanghai-stcsm-2024-md
    049_huaian-city-2024-layout 050_hongze-district-2023-layout 051_hongze-district-2024-layout)
csvs=("$expected"/*.cells.csv)
html=$raw/046_shanghai-govoffice-2019-js-html.txt
mkdir -p "$WORK/src"
for t in "${texts[@]}"; do cp "$raw/$t.txt" "$WORK/src/"; done
cp "$html" "$WORK/src/046.txt"
i=0
for c in "${csvs[@]}"; do cp "$c" "$WORK/src/$i.cells.csv"; i=$((i + 1)); done
make_folder() { # name count kind
    local d=$WORK/$1
    [ -d "$d" ] && [ "$(find "$d" -type f | wc -l)" -eq "$2" ] && return
    rm -rf "$d"
    mkdir -p "$d"
    local k
    for ((k = 0; k < $2; k++)); do
        local t=${texts[$((k % 13))]}
        case $3 in
        text) ln "$WORK/src/$t.txt" "$d/$k.txt" ;;
        html) ln "$WORK/src/046.txt" "$d/$k.txt" ;;
        mixed)
            case $((k % 3)) in
            0) ln "$WORK/src/$t.txt" "$d/$k.txt" ;;
            1) ln "$WORK/src/$(((k / 3) % ${#csvs[@]})).cells.csv" "$d/$k.cells.csv" ;;
            2) ln "$WORK/src/046.txt" "$d/$k.txt" ;;
            esac
            ;;
        esac
    done
}
make_folder text "$N" text
make_folder mixed "$N" mixed
make_folder html $((N / 4)) html
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| folder | files | threads | user s | sys s | wall s | CPU per report | peak RSS |\n'
printf '|---|--:|--:|--:|--:|--:|--:|--:|\n'
for f in text mixed html; do
    n=$(find "$WORK/$f" -type f | wc -l)
    for threads in 1 2; do
        # check exits 1 when a report has findings: that is not a failure here.
        RAYON_NUM_THREADS=$threads /usr/bin/time -o "$WORK/time" -f '%U %S %e %M' \
            "$BIN" check "$WORK/$f" >/dev/null 2>&1 || true
        # GNU time puts "Command exited with non-zero status" first when it did.
        read -r u s e m < <(tail -1 "$WORK/time")
        awk -v f="$f" -v n="$n" -v t="$threads" -v u="$u" -v s="$s" -v e="$e" -v m="$m" \
            'BEGIN { printf "| %s | %d | %d | %.2f | %.2f | %.2f | %.0f µs | %.1f MB |\n", f, n, t, u, s, e, (u + s) / n * 1e6, m / 1024 }'
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$keep" -eq 1 ] || rm -rf "$WORK"
