#!/usr/bin/env bash
# Prints one hash of everything pkg/ is built from. CI compares it with pkg/inputs.sha256.
set -euo pipefail
cd "$(dirname "$0")/.."
{ find src crates -type f \( -name '*.rs' -o -name '*.js' -o -name Cargo.toml \); echo Cargo.toml; echo Cargo.lock; echo scripts/build.sh; } | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1
