#!/usr/bin/env bash
# Whole-process benchmark: edera-guard with the three upstream Falco rules files
# replaying a synthetic capture of 1 million mixed syscalls, on one core.
# Reports events/s (wall clock of the whole run, load included) and peak RSS.
#   scripts/bench-e2e.sh [BUILD_DIR] [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
events=${2:-1000000}
rules=../shared/compat/rules
[ -d "$rules" ] || { echo "skipped: $rules (the upstream rules) is absent"; exit 0; }
ninja -C "$build" edera-guard make_bench_capture >/dev/null
cap="$build/bench-$events.scap"
[ -f "$cap" ] || "$build/make_bench_capture" "$cap" "$events"
args=(-r "$rules/falco_rules.yaml" -r "$rules/falco-incubating_rules.yaml"
      -r "$rules/falco-sandbox_rules.yaml" -e "$cap" -o json_output=true)
for i in 1 2 3; do
  start=$(date +%s%N)
  taskset -c 0 /usr/bin/time -f "%M" -o "$build/bench-rss.txt" "$build/edera-guard" "${args[@]}" \
    > "$build/bench-alerts.txt" 2> "$build/bench-stderr.txt"
  end=$(date +%s%N)
  ms=$(( (end - start) / 1000000 ))
  rss=$(tail -n 1 "$build/bench-rss.txt")
  alerts=$(grep -c '^{' "$build/bench-alerts.txt" || true)
  echo "run $i: $events events in ${ms} ms = $(( events * 1000 / (ms > 0 ? ms : 1) )) events/s, peak RSS $((rss / 1024)) MiB, $alerts alerts"
done
