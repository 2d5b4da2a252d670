#!/usr/bin/env bash
# Serves the explorer on http://127.0.0.1:${PORT:-8000}/. The built engine (pkg/) and dataset (www/data/) are
# committed, so a fresh clone serves at once: it builds (installing what the build needs) only when one of them is
# stale for its sources, or when asked to.
#   scripts/serve.sh            serve (rebuilding first only what is stale)
#   scripts/serve.sh --build    rebuild the engine, the dataset and the prerendered first view, then serve
# It serves with its own small server (crates/ics-serve, compiled in seconds) or, without Rust, python3's. No
# server is needed at all: index.html also opens directly from the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-8000}
say() { printf '\033[1mserve:\033[0m %s\n' "$*"; }

build=
case "${1:-}" in
  --build) build="asked to" ;;
  "") ;;
  *) echo "usage: scripts/serve.sh [--build]   (PORT=9000 scripts/serve.sh for another port)" >&2; exit 2 ;;
esac
stale() { [ "$(scripts/inputs-hash.sh "$1")" != "$(cat "$2" 2>/dev/null || true)" ]; }
[ -n "$build" ] || ! stale pkg pkg/inputs.sha256 || build="pkg/ is stale for src/ and crates/"
[ -n "$build" ] || ! stale data www/data/inputs.sha256 || build="www/data/ is stale for data/ and src/build/"

if [ -n "$build" ]; then
  if ! command -v cargo >/dev/null; then
    say "building ($build) needs Rust, which is not installed: see https://rustup.rs"
    say "or serve the folder as it is with: python3 -m http.server --bind 127.0.0.1 $port (or open index.html)"
    exit 1
  fi
  say "building: $build"
  scripts/setup.sh
  cargo run --quiet --release -- build-data
  scripts/inputs-hash.sh data > www/data/inputs.sha256
  # The engine, then the first view prerendered into index.html and embed.html from the dataset just built.
  scripts/build.sh
fi

if command -v cargo >/dev/null; then
  exec cargo run --quiet --release -p ics-serve -- --port "$port"
elif command -v python3 >/dev/null; then
  say "Rust is not installed: serving with python3 at http://127.0.0.1:$port/ (Ctrl+C to stop)"
  exec python3 -m http.server --bind 127.0.0.1 "$port"
else
  say "neither Rust nor python3 is installed: open $PWD/index.html in a browser (it needs no server)"
  exit 1
fi
