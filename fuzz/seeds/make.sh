#!/bin/sh
# Fills fuzz/corpus/<target>/ with seeds from the test corpus (fuzz/corpus is git-ignored).
# Run from the repository root: sh fuzz/seeds/make.sh
set -eu
raw=tests/data/corpus/raw
expected=tests/data/corpus/expected
out=fuzz/corpus
mkdir -p "$out/text" "$out/html" "$out/xlsx" "$out/docx" "$out/any" "$out/roundtrip" "$out/cells_csv" "$out/json" "$out/pdf"

# text: every raw text (PDF text, crawled pages, layout text, Markdown, the JS/HTML page).
cp "$raw"/*.txt "$out/text/"
# html: the raw page with HTML in a JavaScript string, plus each expected report rendered as HTML.
cp "$raw"/046_*.txt "$out/html/"
cp "$expected"/*.cells.csv "$out/cells_csv/"
# json, html, xlsx seeds made by the CLI from the expected cells.
# ZFXXGK names a built CLI to use (e.g. target/release/zfxxgk); else a debug build is made.
if [ -z "${ZFXXGK:-}" ]; then
    cargo build -q -p zfxxgk-cli
    ZFXXGK=target/debug/zfxxgk
fi
for f in "$expected"/*.cells.csv; do
    b=$(basename "$f" .cells.csv)
    "$ZFXXGK" convert --to json "$f" > "$out/json/$b.json"
    "$ZFXXGK" convert --to html "$f" > "$out/html/$b.html"
    "$ZFXXGK" convert --to xlsx -o "$out/xlsx/$b.xlsx" "$f"
    "$ZFXXGK" convert --to docx -o "$out/docx/$b.docx" "$f"
done
# pdf: the three published PDFs.
cp tests/data/originals/*.pdf "$out/pdf/"
# docx: also the real template (an unfilled form).
cp tests/data/originals/*.docx "$out/docx/"
# any: every shape.
for d in text html xlsx docx json cells_csv pdf; do cp "$out/$d"/* "$out/any/"; done
# roundtrip: the first byte picks the reader (0 cells, 1 json, 2 text, 3 html, 4 xlsx, 5 any).
i=0
for dir in cells_csv json text html xlsx; do
    for f in "$out/$dir"/*; do
        { printf "\\$(printf %03o "$i")"; cat "$f"; } > "$out/roundtrip/$i-$(basename "$f")"
    done
    i=$((i + 1))
done
# The committed seeds: each target's corpus of earlier runs, minimised (FUZZING.md).
for d in fuzz/seeds/*/; do
    [ -d "$d" ] || continue
    t=$(basename "$d")
    mkdir -p "$out/$t"
    cp "$d"* "$out/$t/"
done
echo "seeds: $(find "$out" -type f | wc -l) files under $out"
