#!/usr/bin/env bash
# The full soak test, outside the default test run (its short version is in it: tests/e2e/specs/soak.test.js):
# 1,000 random interactions across every view, 50 mount and destroy cycles of two embedded explorers, then 20
# imports of a 10 MB file, in headless Chromium; prints the JS heap, wasm memory and DOM nodes after each phase
# and fails when one is over its bound, a listener is left on the host page, or the page logged an error.
#   scripts/soak.sh [short|full]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d tests/e2e/node_modules/playwright-core ] || (cd tests/e2e && npm ci --silent)
node tests/e2e/soak/soak.js "${1:-full}"
