#!/usr/bin/env bash
# Installs every Debian 12 package SoulSpot needs to build, run and test.
# Idempotent and non-interactive: re-running it only installs what is missing.
# --build-only: just what building the binary needs (the Docker build stage uses this).
# --fuzz: also clang and its libFuzzer runtime, for `make fuzz` (fuzz/README.md); `make test` never needs them.
set -euo pipefail
BUILD_ONLY=0
FUZZ=0
for arg in "$@"; do
  case "$arg" in
    --build-only) BUILD_ONLY=1 ;;
    --fuzz) FUZZ=1 ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache
  # libraries
  libboost1.81-dev libboost-url1.81-dev libcurl4-openssl-dev libssl-dev ca-certificates
  nlohmann-json3-dev libsqlite3-dev libpq-dev libfmt-dev libcli11-dev libexpected-dev
  libtag1-dev libsodium-dev
)
TEST_PACKAGES=(
  # tests
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-client sqlite3 python3 python3-yaml curl jq procps sox flac lame
  # bench/library compares the scanner with beets (import -A, no autotag, no copy)
  beets
  # browser tests (tests/browser: Debian's Chromium driven by playwright-core from npm)
  chromium
)

FUZZ_PACKAGES=(
  # fuzz/: clang with -fsanitize=fuzzer (libFuzzer lives in Debian's compiler-rt package)
  clang libclang-rt-14-dev
)

[ "$BUILD_ONLY" = 1 ] || PACKAGES+=("${TEST_PACKAGES[@]}")
[ "$FUZZ" = 0 ] || PACKAGES+=("${FUZZ_PACKAGES[@]}")
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Node.js may come from elsewhere (e.g. NodeSource, which bundles npm); only Debian's when there is none.
[ "$BUILD_ONLY" = 1 ] || command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
