#!/usr/bin/env bash
# Whole-process benchmark of the zone path: fake_edera_daemon streams a
# synthetic capture of mixed syscalls as Edera zones over gRPC, edera-guard
# evaluates them with the three upstream Falco rules files.
#   case 1: one zone,  edera-guard on core 0,   edera.workers=1
#   case 2: two zones, edera-guard on cores 0-1, edera.workers=2
# Reports events/s (events evaluated, from the per-zone summary lines, over
# the wall clock of the whole edera-guard run: rules load, connection,
# snapshot, stream, drain) and edera-guard's peak RSS. The fake daemon encodes
# each zone's capture once before its socket opens (--preload), then only
# sends; it runs unpinned and competes for the same cores.
#
# MODE "pinned" instead compares the client with gRPC's ceiling, each reader
# on core 0 and its sender on core 1 (a sender sharing the reader's core
# would be measured with it), RUNS times (default 3) in turn:
#   client:      edera-guard, 1 zone, edera.workers=1, fed by fake_edera_daemon
#   ceiling API: zone_stream_ceiling (reads the replies and only counts them)
#                fed by the same fake_edera_daemon, for each API in
#                CEILING_APIS (default "core cq sync callback view ref")
#   h2 API:      the same reader fed by zone_stream_h2_sender, which writes
#                the same replies as raw HTTP/2 frames and outruns any reader,
#                so the reader is the bottleneck
# For the client: stream seconds (the fake's, first reply to the last one
# read), events/s over them, and client CPU per event from the stream's
# start until the client is idle again (its queued events evaluated).
# GUARD_BINS lists edera-guard binaries to run in turn in each run (copies of
# earlier builds, for before/after comparisons in the same minutes; default
# the build's own); CEILING_APIS=none runs the clients only.
#   scripts/bench-zone.sh [BUILD_DIR] [EVENTS] [all|pinned]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
events=${2:-1000000}
mode=${3:-all}
rules=../shared/compat/rules
[ -d "$rules" ] || { echo "skipped: $rules (the upstream rules) is absent"; exit 0; }
ninja -C "$build" edera-guard make_bench_capture fake_edera_daemon zone_stream_ceiling zone_stream_h2_sender >/dev/null
cap="$build/bench-$events.scap"
[ -f "$cap" ] || "$build/make_bench_capture" "$cap" "$events"
tmp=$(mktemp -d)
fake_pid=""
guard_pid=""
cleanup() {
  [ -n "$guard_pid" ] && kill -KILL "$guard_pid" 2>/dev/null || true
  [ -n "$fake_pid" ] && kill -TERM "$fake_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# wait_for COMMAND... : polls every 50 ms, gives up after 10 minutes.
wait_for() {
  for _ in $(seq 1 12000); do "$@" && return 0; sleep 0.05; done
  return 1
}

# User+system CPU seconds used so far by process $1 (all threads).
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}

run_case() {
  local label=$1 cores=$2 workers=$3 zones=$4
  local sock="$tmp/daemon.socket" zone_args=() i
  for i in $(seq 1 "$zones"); do
    zone_args+=(--zone "00000000-0000-4000-8000-00000000000$i:bench$i=$cap")
  done
  "$build/fake_edera_daemon" --preload --socket "$sock" "${zone_args[@]}" 2> "$tmp/fake.log" &
  fake_pid=$!
  wait_for test -S "$sock"
  local start end
  start=$(date +%s%N)
  taskset -c "$cores" "$build/edera-guard" -r "$rules/falco_rules.yaml" -r "$rules/falco-incubating_rules.yaml" \
    -r "$rules/falco-sandbox_rules.yaml" --edera-socket "$sock" -o edera.workers="$workers" \
    -o edera.discovery_interval_ms=200 -o json_output=true > "$tmp/alerts.txt" 2> "$tmp/guard.log" &
  guard_pid=$!
  if ! wait_for bash -c "[ \$(grep -c 'replay finished' '$tmp/fake.log') -ge $zones ]"; then
    echo "$label: the fake daemon did not finish streaming"; tail -n 5 "$tmp/fake.log" "$tmp/guard.log"; exit 1
  fi
  local rss_kb guard_cpu fake_cpu
  rss_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$guard_pid/status")
  guard_cpu=$(cpu_seconds "$guard_pid")
  fake_cpu=$(cpu_seconds "$fake_pid")
  kill -TERM "$guard_pid"
  wait "$guard_pid" || { echo "$label: edera-guard failed"; tail -n 20 "$tmp/guard.log"; exit 1; }
  guard_pid=""
  end=$(date +%s%N)
  kill -TERM "$fake_pid"; wait "$fake_pid" || true; fake_pid=""
  local ms evaluated dropped alerts
  ms=$(( (end - start) / 1000000 ))
  evaluated=$(sed -n 's/^Edera: zone [^:]*: \([0-9]*\) events, \([0-9]*\) dropped.*/\1/p' "$tmp/guard.log" | awk '{s+=$1} END {print s+0}')
  dropped=$(sed -n 's/^Edera: zone [^:]*: \([0-9]*\) events, \([0-9]*\) dropped.*/\2/p' "$tmp/guard.log" | awk '{s+=$1} END {print s+0}')
  alerts=$(grep -c '^{' "$tmp/alerts.txt" || true)
  echo "$label: $evaluated events evaluated ($dropped dropped) in ${ms} ms = $(( evaluated * 1000 / (ms > 0 ? ms : 1) )) events/s, peak RSS $((rss_kb / 1024)) MiB, $alerts alerts; CPU: edera-guard ${guard_cpu} s, fake daemon ${fake_cpu} s"
}

zone1="00000000-0000-4000-8000-000000000001"

# start_sender LOG PROGRAM ARGS... : the sender on core 1, its pid in fake_pid.
start_sender() {
  local log=$1; shift
  rm -f "$tmp/daemon.socket"
  taskset -c 1 "$@" --socket "$tmp/daemon.socket" 2> "$log" &
  fake_pid=$!
  wait_for test -S "$tmp/daemon.socket"
}

stop_sender() { kill -TERM "$fake_pid"; wait "$fake_pid" || true; fake_pid=""; }

# The ceiling reader on core 0 against the running sender; $1 label, $2 API.
run_ceiling() {
  local messages
  messages=$(sed -n 's/.*preloaded \([0-9]*\) messages.*/\1/p' "$tmp/sender.log")
  echo "$1: $(taskset -c 0 "$build/zone_stream_ceiling" --socket "$tmp/daemon.socket" --zone "$zone1" \
    --messages "$messages" --api "$2")"
}

# edera-guard ($2) on core 0, 1 zone, against fake_edera_daemon on core 1.
run_pinned_client() {
  local label=$1
  start_sender "$tmp/fake.log" "$build/fake_edera_daemon" --preload --zone "$zone1:bench1=$cap"
  taskset -c 0 "$2" -r "$rules/falco_rules.yaml" -r "$rules/falco-incubating_rules.yaml" \
    -r "$rules/falco-sandbox_rules.yaml" --edera-socket "$tmp/daemon.socket" -o edera.workers=1 \
    -o edera.discovery_interval_ms=200 -o json_output=true > "$tmp/alerts.txt" 2> "$tmp/guard.log" &
  guard_pid=$!
  local cpu0 cpu1 prev
  for _ in $(seq 1 60000); do grep -q ': streaming$' "$tmp/fake.log" && break; sleep 0.01; done
  cpu0=$(cpu_seconds "$guard_pid")
  wait_for grep -q 'replay finished' "$tmp/fake.log"
  cpu1=$(cpu_seconds "$guard_pid")
  prev=""
  while [ "$cpu1" != "$prev" ]; do prev=$cpu1; sleep 0.2; cpu1=$(cpu_seconds "$guard_pid"); done  # idle again
  kill -TERM "$guard_pid"
  wait "$guard_pid" || { echo "$label: edera-guard failed"; tail -n 20 "$tmp/guard.log"; exit 1; }
  guard_pid=""
  stop_sender
  local evaluated secs
  evaluated=$(sed -n 's/^Edera: zone [^:]*: \([0-9]*\) events.*/\1/p' "$tmp/guard.log" | head -n 1)
  secs=$(sed -n 's/.*replay finished after [0-9]* messages in \([0-9.]*\) s.*/\1/p' "$tmp/fake.log")
  awk -v l="$label" -v n="$evaluated" -v s="$secs" -v c0="$cpu0" -v c1="$cpu1" -v a="$(grep -c '^{' "$tmp/alerts.txt" || true)" \
    'BEGIN {printf "%s: %d events in %.3f s = %.3f M events/s; client CPU %.2f s from the stream start = %.2f us/event; %d alerts\n", l, n, s, n / s / 1e6, c1 - c0, (c1 - c0) * 1e6 / n, a}'
}

if [ "$mode" = pinned ]; then
  apis=${CEILING_APIS:-core cq sync callback view ref}
  for i in $(seq 1 "${RUNS:-3}"); do
    for bin in ${GUARD_BINS:-$build/edera-guard}; do run_pinned_client "run $i, client $bin" "$bin"; done
    [ "$apis" = none ] && continue
    start_sender "$tmp/sender.log" "$build/fake_edera_daemon" --preload --zone "$zone1:bench1=$cap"
    for api in $apis; do run_ceiling "run $i, ceiling $api, fake daemon" "$api"; done
    stop_sender
    start_sender "$tmp/sender.log" "$build/zone_stream_h2_sender" --zone "$zone1=$cap"
    for api in $apis; do run_ceiling "run $i, ceiling $api, h2 sender" "$api"; done
    stop_sender
  done
  exit 0
fi

for i in 1 2; do
  run_case "run $i, 1 zone, 1 core" 0 1 1
  run_case "run $i, 2 zones, 2 cores" 0,1 2 2
done
