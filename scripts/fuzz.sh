#!/usr/bin/env bash
# Fuzzes every door outside data comes through, with cargo-fuzz (libFuzzer) on the nightly toolchain. The targets'
# bodies are crates/ics-fuzz (the default test run runs them briefly): the small text parsers, a packed LSOA column,
# the measure and boundary tables of the wire format on their own, the IMD 2019 edition changed in its structure,
# "your own data" imports, the dataset loader on raw text and on the shipped dataset changed in its structure, the
# URL codec alone, and the page's state machine (a URL hash, then random messages, its invariants checked after
# each). Not part of the default test run.
#   scripts/fuzz.sh [SECONDS [TARGET...]]      each target for SECONDS (default 60), in one job per core
# Prints, per target, executions, executions per second, corpus size, how long before the end the corpus last
# changed and how many changes its last hour saw (an hour without a change is the "stopped growing" of
# docs/reliability.md) and crashes, and appends them to fuzz/artifacts/runs.tsv. Crashes land in
# fuzz/artifacts/<target>/; once fixed, copy each into fuzz/crashes/<target>/ (the default test run replays them all).
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(text_parsers lsoa_column wire_tables edition_tree import dataset_text dataset_tree url_hash url_update)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
# The structure-aware targets' bytes are choices (a node, a message), not text to match, so they run without
# comparison tracing, which triples their speed; in a target folder of their own, so the builds do not thrash.
structured() { case $1 in url_update | dataset_tree | edition_tree) return 0 ;; esac; return 1; }
cargo +nightly fuzz build # once, before the jobs share the build
cargo +nightly fuzz build -s none
CARGO_TARGET_DIR=target/structured cargo +nightly fuzz build -s none --no-trace-compares
jobs=$(nproc)
run() {
  local t=$1 extra=()
  mkdir -p "corpus/$t" "artifacts/$t"
  cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
  cp -n crashes/"$t"/* "corpus/$t/" 2>/dev/null || true
  # No crate of ours has unsafe code and the inflate (miniz_oxide) forbids it, so AddressSanitizer finds nothing a
  # panic would not. It stays on for the fast parsers, where it costs little, in case that changes; the slow
  # targets run without it (it costs them most of their executions).
  local san=address
  case $t in url_hash | url_update | dataset_tree | edition_tree | import | wire_tables) san=none ;; esac
  # A dictionary (fuzz/dicts/<target>.dict: the URL hash's keys) lets mutations insert whole words.
  [ -f "dicts/$t.dict" ] && extra=(-dict="dicts/$t.dict")
  local start=$SECONDS fuzz=(cargo +nightly fuzz run -s "$san")
  structured "$t" && fuzz=(env CARGO_TARGET_DIR=target/structured cargo +nightly fuzz run -s none --no-trace-compares)
  "${fuzz[@]}" "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="artifacts/$t/" "${extra[@]}" > "artifacts/$t.log" 2>&1
  # The time it ran: less than asked when it stopped at a crash.
  local took=$((SECONDS - start)) runs corpus crashes newest quiet hour
  runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "artifacts/$t.log" | grep -oE '[0-9]+$' | tail -1)
  corpus=$(find "corpus/$t" -type f | wc -l)
  crashes=$(find "artifacts/$t" -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' | wc -l)
  # Minutes from the last input added to (or shrunk in) the corpus to the end of the run.
  newest=$(find "corpus/$t" -type f -printf '%T@\n' | sort -n | tail -1)
  quiet=$(( ($(date +%s) - ${newest%.*}) / 60 ))
  # Inputs added (or shrunk) in the run's last hour (all of it, if shorter): how far it is from an hour without a
  # change. Only this run's: a file changed before it started does not count.
  hour=$(find "corpus/$t" -type f -newermt "@$(($(date +%s) - (took < 3600 ? took : 3600)))" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "${runs:-?}" "$took" "$corpus" "$crashes" "$quiet" "$hour" >> artifacts/runs.tsv
  printf '%-14s %12s executions in %ss (%s/s), corpus %s (last changed %s min before the end, %s changes in the last hour), %s crash/oom/timeout artifacts\n' \
    "$t" "${runs:-?}" "$took" "$(( ${runs:-0} / (took > 0 ? took : 1) ))" "$corpus" "$quiet" "$hour" "$crashes"
}
mkdir -p artifacts
i=0
for t in "${targets[@]}"; do
  run "$t" &
  i=$((i + 1))
  if [ $((i % jobs)) -eq 0 ]; then wait; fi
done
wait
printf '\nEvery run so far (fuzz/artifacts/runs.tsv: time, target, executions, seconds, corpus, crashes, minutes the corpus was\nunchanged at the end, corpus changes in the last hour); totals:\n'
awk -F'\t' '{ n[$2] += $3; s[$2] += $4 } END { for (t in n) printf "%-14s %12d executions in %d s\n", t, n[t], s[t] }' artifacts/runs.tsv | sort
