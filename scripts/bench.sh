#!/usr/bin/env bash
# Benchmarks ICS Explorer in headless Chromium (not part of scripts/test.sh): the first chart painted from file://
# as a ratio to a static page of the 42 ICS names (index.html prerendered, if it has a declarative shadow root, and
# live, without it), each start-up phase (User Timing marks), the same over HTTP; interaction latency; the LSOA
# aggregation against plain JavaScript, Arquero and DuckDB-WASM in the same page, scaling to 5 million rows, and
# the dataset read in the wasm step by step; bytes of the offline folder and of the wasm; memory. Prints medians
# and p95 with ratios against the previous run (docs/performance.json, or BENCH_BASELINE=file.json), then rewrites
# docs/performance.json and the tables of docs/performance.md. BENCH_RUNS (default 15) and BENCH_SIZES (default
# 100000,1000000,5000000) shorten it; BENCH_ONLY=cold_start,interaction,engine,size runs some parts and only
# prints; BENCH_ALT=folder (a copy of index.html, www/ and pkg/ of another build, e.g. .bench-before/, which
# .gitignore lists) adds that build's live cold start to the same rounds, for a before/after in one run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
scripts/build.sh
cargo build --quiet --release
(cd tests/bench && npm ci --silent --no-audit --no-fund)
exec node tests/bench/run.js
