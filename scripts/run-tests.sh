#!/usr/bin/env bash
# `make test`: build, start a throwaway PostgreSQL, run every test (release build, then an ASan/UBSan
# build of the unit tests), stop PostgreSQL. Fails when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=$(nproc)
# Object files are shared between checkouts in different folders (CI clones afresh each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

PGDIR=$(mktemp -d /tmp/soulspot-pg-XXXXXX)
cleanup() { ./scripts/pg-throwaway.sh stop "$PGDIR"; }
trap cleanup EXIT
export SOULSPOT_TEST_PG_DSN
SOULSPOT_TEST_PG_DSN=$(./scripts/pg-throwaway.sh start "$PGDIR" "$(free_port)")
echo "run-tests: PostgreSQL at $SOULSPOT_TEST_PG_DSN"

echo "run-tests: release build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOULSPOT_BUILD_BENCH=ON >/dev/null
cmake --build build -j "$JOBS"
(cd build && ctest --output-on-failure -j "$JOBS" --timeout 600)

if [ "${SOULSPOT_SKIP_ASAN:-0}" != "1" ]; then
  echo "run-tests: ASan/UBSan build"
  # Unit and integration tests only: the end-to-end, browser and docker tests run the release binary once
  # above, and are not built a second time here.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSOULSPOT_SANITIZE=ON -DSOULSPOT_BUILD_BENCH=OFF \
    "-DSOULSPOT_SKIP=e2e;browser;docker" >/dev/null
  cmake --build build-asan -j "$JOBS"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     LSAN_OPTIONS=suppressions="$PWD/../tests/lsan.supp" \
     ctest --output-on-failure -j "$JOBS" --timeout 600 -LE slow)
fi
echo "run-tests: all tests passed"
