#!/usr/bin/env bash
# Prints one hash of everything a built part of the folder is made from, so staleness is a comparison:
#   scripts/inputs-hash.sh [pkg]   the engine (pkg/, and the first view prerendered into index.html and embed.html):
#                                  compared with pkg/inputs.sha256
#   scripts/inputs-hash.sh data    the dataset (www/data/): compared with www/data/inputs.sha256
# scripts/test.sh fails when either is stale; scripts/serve.sh rebuilds only then.
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-pkg}" in
  pkg) { find src crates -type f \( -name '*.rs' -o -name '*.js' -o -name Cargo.toml \); echo Cargo.toml; echo Cargo.lock; echo scripts/build.sh; } ;;
  data) find data src/build -type f ;;
  *) echo "usage: scripts/inputs-hash.sh [pkg|data]" >&2; exit 2 ;;
esac | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
