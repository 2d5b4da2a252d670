#!/usr/bin/env bash
# Runs every test of ICS Explorer. Installs what is missing first (scripts/setup.sh --test), then:
#   1. native unit and integration tests (cargo test)
#   2. the shipped dataset and pkg/ are up to date with their sources
#   3. the web layer in headless Chromium and Firefox ESR (wasm-bindgen-test)
#   4. end-to-end specs in headless Chromium (playwright-core, node --test), from file:// and http
#   5. a representative part of them in Firefox ESR (WebDriver through geckodriver)
# Every stage runs even if an earlier one fails; the output ends with each runner's own summary lines.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || exit 1

log=$(mktemp -d)
failed=()
stage() {
  local name=$1; shift
  printf '\n\033[1m== %s\033[0m\n' "$name"
  if "$@" 2>&1 | tee "$log/$name.log"; then :; else failed+=("$name"); fi
}
fresh_pkg() {
  local want have
  want=$(scripts/inputs-hash.sh); have=$(cat pkg/inputs.sha256 2>/dev/null || true)
  if [ "$want" != "$have" ]; then
    echo "pkg/ is stale: src/, Cargo.toml, Cargo.lock or scripts/build.sh changed since it was built."
    echo "Run scripts/build.sh and commit pkg/."
    return 1
  fi
  echo "pkg/ is up to date (inputs $want)"
}

stage native cargo test --workspace --quiet
stage dataset cargo run --quiet -- build-data --check
stage pkg fresh_pkg
GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver")}"
export GECKODRIVER
stage web env CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" cargo test --target wasm32-unknown-unknown --test web
stage web-firefox env -u CHROMEDRIVER cargo test --target wasm32-unknown-unknown --test web
stage e2e bash -c 'cd tests/e2e && npm test --silent'
stage firefox bash -c 'cd tests/e2e && node --test --test-concurrency=1 firefox/'

printf '\n\033[1m== summary\033[0m\n'
for name in native dataset pkg web web-firefox e2e firefox; do
  printf -- '-- %s\n' "$name"
  grep -hE '^test result:|^# (tests|pass|fail|cancelled|skipped) |^dataset (up to date|unchanged)|^pkg/ is|is stale' "$log/$name.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all stages passed"
