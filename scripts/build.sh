#!/usr/bin/env bash
# Builds the WebAssembly engine into pkg/ as classic scripts that work from file:// (no fetch, no modules):
#   pkg/ics_explorer.js        wasm-bindgen glue (--target no-modules), global `IcsExplorerWasm`, then the DOM
#                              builder crates/ics-web/js/dom.js (global `IcsExplorerDom`)
#   pkg/ics_explorer_wasm.js   the optimised wasm, deflated, as base64: global `ICS_EXPLORER_WASM`
#   pkg/inputs.sha256          hash of the inputs, so CI can tell when pkg/ is stale
# then prerenders the first view into index.html and embed.html with the same code, natively.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Paths baked into panic messages must not depend on where the repository or cargo's registry live. SIMD
# (simd128, in every current browser) speeds up the LSOA sums (crates/lsoa-sums). These flags are for the
# wasm build only: the native build below keeps its own cache.
RUSTFLAGS="--remap-path-prefix=$PWD=. --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=~/.cargo -C target-feature=+simd128 ${RUSTFLAGS:-}" \
  cargo build --quiet -p ics-web --lib --target wasm32-unknown-unknown --profile wasm-release
# The web crate is the cdylib; --out-name keeps pkg/'s file names (ics_explorer.js, ics_explorer_bg.wasm).
wasm-bindgen target/wasm32-unknown-unknown/wasm-release/ics_web.wasm --out-name ics_explorer \
  --target no-modules --no-modules-global IcsExplorerWasm --no-typescript \
  --remove-name-section --remove-producers-section --out-dir "$tmp"

wasm="$tmp/ics_explorer_bg.wasm"
wasm_opt=tools/node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ]; then
  # --converge repeats -Oz until it stops shrinking the file (a few hundred bytes, a few seconds).
  "$wasm_opt" -Oz --converge --enable-simd "$wasm" -o "$tmp/opt.wasm"
  wasm="$tmp/opt.wasm"
else
  echo "build: $wasm_opt not found (run scripts/setup.sh); shipping the unoptimised wasm" >&2
fi

mkdir -p pkg
cat "$tmp/ics_explorer.js" crates/ics-web/js/dom.js > pkg/ics_explorer.js
# The wasm travels inside a classic script (file:// pages cannot fetch it), deflated with Zopfli (the loader
# inflates it with the browser's DecompressionStream).
cargo run --quiet --release -- wasm-script "$wasm" > pkg/ics_explorer_wasm.js
scripts/inputs-hash.sh > pkg/inputs.sha256
cargo run --quiet --release -- prerender
echo "build: pkg/ written; wasm $(stat -c %s "$wasm") bytes ($(gzip -9c "$wasm" | wc -c) gzipped), pkg/ics_explorer_wasm.js $(stat -c %s pkg/ics_explorer_wasm.js) bytes"
