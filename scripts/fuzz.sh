#!/usr/bin/env bash
# Fuzzes the parsers that take outside input, each for SECONDS (default 60), with cargo-fuzz (libFuzzer) on the
# nightly toolchain: the dataset loader and validator, the packed LSOA columns, "your own data" imports, the URL
# hash through the whole page, and the CSV/JSON/number parsers. Not part of the default test run.
#   scripts/fuzz.sh [SECONDS]
# Crashes land in fuzz/artifacts/<target>/; add each as a case in tests/fuzz_regressions.rs once fixed.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
summary=()
for t in text_parsers lsoa_column import url_hash dataset_load; do
  mkdir -p "corpus/$t" "artifacts/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  extra=()
  if [ "$t" = dataset_load ]; then
    cp ../www/data/dataset.json "corpus/$t/shipped.json"
    extra=(-max_len=1100000)
  fi
  echo "== fuzzing $t for ${secs}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 "${extra[@]}" > "artifacts/$t.log" 2>&1
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "artifacts/$t.log" | grep -oE '[0-9]+$' || echo "?")
  crashes=$(find "artifacts/$t" -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' | wc -l)
  summary+=("$t: $runs executions in ${secs}s, $crashes crash/oom/timeout artifacts")
  tail -n 3 "artifacts/$t.log"
done
printf '\n== summary\n'
printf '%s\n' "${summary[@]}"
