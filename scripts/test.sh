#!/usr/bin/env bash
# Builds edera-guard and runs the whole test suite: unit and integration tests
# (ctest), then the same suite under AddressSanitizer + UBSan, then each fuzzer
# for a short time. Used by the README's test command and by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

echo "== build (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C build -j"$jobs"
echo "== tests"
(cd build && ctest --output-on-failure -j"$jobs")

if [ "${EG_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (AddressSanitizer + UBSan)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DEG_SANITIZE=ON -DEG_BENCHMARKS=OFF >/dev/null
  ninja -C build-asan -j"$jobs"
  echo "== tests under sanitizers"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs")
fi

if [ "${EG_SKIP_FUZZ:-0}" != 1 ]; then
  echo "== fuzzers (short runs)"
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEG_FUZZ=ON -DEG_SANITIZE=ON -DEG_TESTS=OFF -DEG_BENCHMARKS=OFF >/dev/null
  ninja -C build-fuzz -j"$jobs"
  for f in build-fuzz/tests/*_fuzzer; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    corpus=tests/fuzz/corpus/${name%_fuzzer}
    mkdir -p "build-fuzz/corpus/$name"
    echo "-- $name"
    "$f" -max_total_time="${EG_FUZZ_SECONDS:-20}" -rss_limit_mb=2048 -timeout=10 \
      "build-fuzz/corpus/$name" $( [ -d "$corpus" ] && echo "$corpus" ) 2>&1 | tail -n 3
  done
fi
echo "== all tests passed"
