#!/usr/bin/env bash
# ctest entry point (tests/browser/CMakeLists.txt): installs playwright-core (pinned in package-lock.json;
# it never downloads a browser) and runs the scenarios against Debian's /usr/bin/chromium.
# Exit 77 = skipped, only when Chromium is genuinely missing.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "SKIP: chromium is not installed"
  exit 77
fi
if [ ! -d node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
exec node run.mjs "$@"
