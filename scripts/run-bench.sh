#!/usr/bin/env bash
# `make bench`: every benchmark in bench/, each printing ratios against a reference measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOULSPOT_BUILD_BENCH=ON >/dev/null
cmake --build build -j "$(nproc)"
for b in build/bench/*/bench-*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b"
done
