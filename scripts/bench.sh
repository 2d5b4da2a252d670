#!/usr/bin/env bash
# Benchmarks ICS Explorer in headless Chromium (not part of scripts/test.sh): cold start from file:// and HTTP,
# interaction latency, the LSOA aggregation against plain JavaScript, Arquero and DuckDB-WASM in the same page,
# scaling to 5 million rows, bytes of the offline folder and memory. Prints medians and p95 with ratios against
# the previous run (docs/performance.json, or BENCH_BASELINE=file.json), then rewrites docs/performance.json and
# the tables of docs/performance.md. BENCH_RUNS (default 15) and BENCH_SIZES (default 100000,1000000,5000000)
# shorten it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
cargo build --quiet --release
(cd tests/bench && npm ci --silent --no-audit --no-fund)
exec node tests/bench/run.js
