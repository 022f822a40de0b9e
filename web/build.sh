#!/usr/bin/env bash
# Builds the WebAssembly package: web/pkg/ (ES module for browsers) and web/pkg-node/ (Node.js),
# each with its TypeScript .d.ts. Installs the wasm32 target and the wasm-bindgen CLI of
# exactly the version in Cargo.lock when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || rustup target add wasm32-unknown-unknown

want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$want" ]; then
  echo "build.sh: wasm-bindgen is not in Cargo.lock" >&2
  exit 1
fi
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  echo "== installing wasm-bindgen-cli $want (found: ${have:-none})"
  # --locked first; when the registry lacks a locked version of one of the CLI's own
  # dependencies, resolve them afresh (the CLI's version is still exactly $want).
  cargo install wasm-bindgen-cli --version "$want" --locked ||
    cargo install wasm-bindgen-cli --version "$want"
fi

# The `wasm` profile: release, optimised for size (see [profile.wasm] in Cargo.toml), the
# module to ship and the one BENCHMARKS.md measures. CI sets ZFXXGK_WASM_PROFILE=wasm-ci: the
# same code without LTO, which builds in about half the time on a cold machine.
profile=${ZFXXGK_WASM_PROFILE:-wasm}
cargo build --profile "$profile" --target wasm32-unknown-unknown -p zfxxgk-web
wasm=target/wasm32-unknown-unknown/$profile/zfxxgk_web.wasm
rm -rf web/pkg web/pkg-node
wasm-bindgen --target web --out-dir web/pkg "$wasm"
wasm-bindgen --target nodejs --out-dir web/pkg-node "$wasm"
ls -l web/pkg/*.wasm | awk '{ print "web/pkg: " $5 " bytes" }'
