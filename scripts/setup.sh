#!/usr/bin/env bash
# Installs what ICS Explorer's build (and, with --test, its tests) needs and is missing. Idempotent.
#   scripts/setup.sh          wasm32 target, wasm-bindgen-cli pinned to Cargo.lock, binaryen's wasm-opt (npm)
#   scripts/setup.sh --test   also Chromium + ChromeDriver, Firefox ESR + geckodriver, and the end-to-end tests'
#                             npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else say "need root for: $*"; return 1; fi; }
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

command -v cargo >/dev/null || { say "Rust is not installed: see https://rustup.rs"; exit 1; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
# scripts/test.sh checks formatting and lints.
for c in rustfmt clippy; do
  if ! cargo "${c/rustfmt/fmt}" --version >/dev/null 2>&1; then
    say "adding the $c component"
    rustup component add "$c"
  fi
done

# wasm-bindgen's CLI must match the crate version exactly (the JS glue and the wasm must agree).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --force --quiet
fi

# Binaryen's wasm-opt, pinned in tools/package-lock.json (Debian 12's binaryen 108 is too old to read the
# wasm that wasm-bindgen 0.2.130 writes).
if command -v npm >/dev/null; then
  if [ ! -x tools/node_modules/.bin/wasm-opt ] || [ tools/package-lock.json -nt tools/node_modules ]; then
    say "installing binaryen (wasm-opt) from npm"
    (cd tools && npm ci --no-audit --no-fund --loglevel=error)
  fi
else
  say "npm not found: the wasm will be built without wasm-opt (apt-get install nodejs npm to optimise it)"
fi

if [ "${1:-}" = "--test" ]; then
  apt_install chromium chromium-driver firefox-esr
  # geckodriver is not packaged in Debian 12: build it from crates.io (about a minute).
  if ! command -v geckodriver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver" ]; then
    say "installing geckodriver 0.37.1 (for Firefox tests)"
    cargo install geckodriver --version 0.37.1 --quiet
  fi
  if [ ! -d tests/e2e/node_modules ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules ]; then
    say "installing the end-to-end tests' npm packages"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
