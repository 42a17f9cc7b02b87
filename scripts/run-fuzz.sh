#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets of fuzz/ with clang in their own build dir and runs each for
# FUZZ_SECONDS (default 60), one at a time. Each grows a working corpus in $FUZZ_DIR/corpus/<target> from the
# seeds in fuzz/corpus/<target> and the inputs in fuzz/regressions/<target>; a crash, leak, timeout or broken
# invariant writes its input to fuzz/regressions/<target>/ (commit it with the fix: `make test` replays it).
# FUZZ_TARGETS="slskd_json http_request" picks targets; extra libFuzzer flags go in FUZZ_FLAGS.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_DIR=${FUZZ_DIR:-build-fuzz}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
ALL_TARGETS="slskd_json spotify_json musicbrainz_json wanted_file naming_template remote_path http_request dot_env"
FUZZ_TARGETS=${FUZZ_TARGETS:-$ALL_TARGETS}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

CC=clang CXX=clang++ cmake -S . -B "$FUZZ_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
  -DSOULSPOT_FUZZ=ON -DSOULSPOT_BUILD_TESTS=OFF -DSOULSPOT_BUILD_BENCH=OFF -DSOULSPOT_WERROR=OFF >/dev/null
targets=()
for t in $FUZZ_TARGETS; do targets+=("${t}_fuzz"); done
cmake --build "$FUZZ_DIR" -j "$(nproc)" --target "${targets[@]}"

failed=()
for t in $FUZZ_TARGETS; do
  work="$FUZZ_DIR/corpus/$t"
  mkdir -p "$work" "fuzz/regressions/$t"
  dict=()
  [ -f "fuzz/dicts/$t.dict" ] && dict=("-dict=fuzz/dicts/$t.dict")
  echo "run-fuzz: $t for ${FUZZ_SECONDS}s"
  # One process per target (the machine is shared): the same as -jobs=1 without the log-file indirection.
  # shellcheck disable=SC2086
  if ! "$FUZZ_DIR/fuzz/${t}_fuzz" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
       -print_final_stats=1 -artifact_prefix="fuzz/regressions/$t/" "${dict[@]}" ${FUZZ_FLAGS:-} \
       "$work" "fuzz/corpus/$t" "fuzz/regressions/$t" 2>"$FUZZ_DIR/$t.log"; then
    failed+=("$t")
    tail -n 40 "$FUZZ_DIR/$t.log" >&2
  fi
  grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+[[:space:]]+DONE)' "$FUZZ_DIR/$t.log" | sed "s/^/run-fuzz: $t: /" || true
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-fuzz: crashes in: ${failed[*]} (inputs in fuzz/regressions/<target>/)" >&2
  exit 1
fi
echo "run-fuzz: no crashes"
