#!/usr/bin/env bash
# Builds edera-guard and runs the whole test suite, twice:
#   1. a normal optimised build (g++): unit + integration tests (ctest), benchmarks built;
#   2. a clang build under AddressSanitizer + UBSan with libFuzzer instrumentation: the same
#      ctest suite again, then every fuzzer for a short time.
# One sanitizer build serves both the sanitized suite and the fuzzers, to keep CI short.
# Used by the README's test command and by CI. EG_SKIP_SANITIZERS=1 skips step 2.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== build (g++, RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEG_TESTS=ON -DEG_BENCHMARKS=ON >/dev/null
ninja -C build -j"$jobs"
echo "== tests"
(cd build && ctest --output-on-failure -j"$jobs")

if [ "${EG_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (clang, AddressSanitizer + UBSan + fuzzers)"
  CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEG_SANITIZE=ON -DEG_FUZZ=ON -DEG_TESTS=ON -DEG_BENCHMARKS=OFF >/dev/null
  ninja -C build-asan -j"$jobs"
  echo "== tests under sanitizers"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     ctest --output-on-failure -j"$jobs")

  echo "== fuzzers (short runs)"
  for f in build-asan/tests/*_fuzzer; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    seeds=tests/fuzz/corpus/${name%_fuzzer}
    work=build-asan/fuzz-corpus/$name
    mkdir -p "$work"
    echo "-- $name"
    args=("$work")
    [ -d "$seeds" ] && args+=("$seeds")
    "$f" -max_total_time="${EG_FUZZ_SECONDS:-20}" -rss_limit_mb=2048 -timeout=10 "${args[@]}" \
      > "build-asan/$name.log" 2>&1 || { tail -n 40 "build-asan/$name.log"; exit 1; }
    tail -n 1 "build-asan/$name.log"
  done
fi
echo "== all tests passed"
