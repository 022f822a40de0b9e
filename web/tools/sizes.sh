#!/usr/bin/env bash
# The sizes of the WebAssembly module, as BENCHMARKS.md gives them: the full module of web/pkg
# (web/build.sh: every reader, the XLSX and DOCX writers) and the core alone (the web crate
# without its default features: model, rules, cells CSV, JSON), each after wasm-bindgen, in
# bytes and gzip -9 bytes. Run web/build.sh first; this leaves web/pkg as it was.
set -euo pipefail
cd "$(dirname "$0")/../.."
full=web/pkg/zfxxgk_web_bg.wasm
[ -f "$full" ] || { echo "sizes.sh: run web/build.sh first" >&2; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo build -q --profile wasm --target wasm32-unknown-unknown -p zfxxgk-web --no-default-features
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/wasm/zfxxgk_web.wasm
size() { printf '%s: %s bytes, %s gzip -9 bytes\n' "$1" "$(stat -c %s "$2")" "$(gzip -9 -c "$2" | wc -c)"; }
size "full (readers, docx)" "$full"
size "core (--no-default-features)" "$out/zfxxgk_web_bg.wasm"
