#!/usr/bin/env bash
# Installs every Debian 12 package SoulSpot needs to build, run and test.
# Idempotent and non-interactive: re-running it only installs what is missing.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build pkg-config ccache
  # libraries
  libboost1.81-dev libboost-url1.81-dev libcurl4-openssl-dev libssl-dev ca-certificates
  nlohmann-json3-dev libsqlite3-dev libpq-dev libfmt-dev libspdlog-dev libcli11-dev libexpected-dev
  libtag1-dev libsodium-dev
  # tests
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql postgresql-client sqlite3 python3 python3-yaml curl jq procps sox flac lame
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
