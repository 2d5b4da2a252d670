#!/usr/bin/env bash
# Runs every test of ICS Explorer. Installs what is missing first (scripts/setup.sh --test), then:
#   1. native unit and integration tests (cargo test), formatting (cargo fmt --check) and lints (clippy, natively
#      and for the wasm32 web crate, warnings as errors)
#   2. the shipped dataset, pkg/ and the first view prerendered into index.html and embed.html are up to date
#      with their sources
#   3. the web layer in headless Chromium and Firefox ESR (wasm-bindgen-test)
#   4. end-to-end specs, each in headless Chromium (playwright-core) and Firefox ESR (WebDriver BiDi through
#      geckodriver), from file:// and http (tests/e2e/lib/driver.js); the summary counts them per browser
# Every stage runs even if an earlier one fails; the output ends with each runner's own summary lines.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || exit 1

log=$(mktemp -d)
failed=()
# Each stage has a time limit (seconds) well beyond its usual time, so a hung browser fails its stage with a
# message instead of holding the whole run until CI's own limit.
stage() {
  local name=$1 limit=$2; shift 2
  printf '\n\033[1m== %s\033[0m\n' "$name"
  local t0=$SECONDS
  if timeout -k 10 "$limit" "$@" 2>&1 | tee "$log/$name.log"; then :; else failed+=("$name"); fi
  [ $((SECONDS - t0)) -lt "$limit" ] || echo "stage $name stopped: over its limit of $limit s" | tee -a "$log/$name.log"
  echo "stage $name took $((SECONDS - t0)) s" | tee -a "$log/$name.log"
}
fresh_pkg() {
  local want have
  want=$(scripts/inputs-hash.sh); have=$(cat pkg/inputs.sha256 2>/dev/null || true)
  if [ "$want" != "$have" ]; then
    echo "pkg/ is stale: src/, crates/, Cargo.toml, Cargo.lock or scripts/build.sh changed since it was built."
    echo "Run scripts/build.sh and commit pkg/."
    return 1
  fi
  echo "pkg/ is up to date (inputs $want)"
  # scripts/serve.sh rebuilds www/data/ when this hash is stale: a current one lets a fresh clone serve at once.
  want=$(scripts/inputs-hash.sh data); have=$(cat www/data/inputs.sha256 2>/dev/null || true)
  if [ "$want" != "$have" ]; then
    echo "www/data/inputs.sha256 is stale: data/ or src/build/ changed since it was written."
    echo "Run cargo run --release -- build-data, then scripts/inputs-hash.sh data > www/data/inputs.sha256, and commit www/data/."
    return 1
  fi
  echo "www/data/ inputs are up to date (inputs $want)"
}

stage native 1800 cargo test --workspace --quiet
stage fmt 120 cargo fmt --all --check
stage clippy 900 cargo clippy --workspace --all-targets --quiet -- -D warnings
stage clippy-wasm 900 cargo clippy -p ics-web --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
stage dataset 900 cargo run --quiet -- build-data --check
stage prerender 300 cargo run --quiet -- prerender --check
export -f fresh_pkg
stage pkg 60 bash -c fresh_pkg
GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver || echo "${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver")}"
export GECKODRIVER
stage web 900 env CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" cargo test -p ics-web --target wasm32-unknown-unknown --test web
stage web-firefox 900 env -u CHROMEDRIVER cargo test -p ics-web --target wasm32-unknown-unknown --test web
stage e2e 3600 bash -c 'cd tests/e2e && npm test --silent'

printf '\n\033[1m== summary\033[0m\n'
for name in native fmt clippy clippy-wasm dataset prerender pkg web web-firefox e2e; do
  printf -- '-- %s\n' "$name"
  grep -hE '^stage .* (took|stopped)|^test result:|^# (tests|pass|fail|cancelled|skipped) |^# (chromium|firefox|no browser): |^dataset (up to date|unchanged)|^prerender |^pkg/ is|^www/data/ inputs|is stale' "$log/$name.log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED: ${failed[*]}"
  exit 1
fi
echo "all stages passed"
