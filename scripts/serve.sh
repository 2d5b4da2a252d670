#!/usr/bin/env bash
# Installs what is missing, builds the engine (pkg/) and the dataset (www/data/), and serves the explorer on
# http://127.0.0.1:${PORT:-8000}/. index.html also opens directly from the folder, with no server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
cargo run --quiet --release -- build-data
exec cargo run --quiet --release -- serve --port "${PORT:-8000}"
