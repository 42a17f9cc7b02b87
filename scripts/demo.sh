#!/usr/bin/env bash
# `make demo`: SoulSpot wired to the test fakes (slskd, Spotify, MusicBrainz/Cover Art Archive) with
# generated audio and a sample playlist, so a newcomer watches the whole road — import, search,
# download, verify, tag, library — in the browser within a minute, without any account.
# Ctrl-C stops everything. Data lives in ./demo-data (DEMO_DIR) and starts fresh on every run.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DEMO=$(mkdir -p "${DEMO_DIR:-demo-data}" && cd "${DEMO_DIR:-demo-data}" && pwd)
PORT=${DEMO_PORT:-8765}
BIN=${SOULSPOT_BIN:-$ROOT/build/soulspot}
FAKES=$ROOT/tests/fakes
PIDS=()

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "demo: stopping"
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all INT TERM EXIT

# Starts a fake (it prints "PORT <n>" once listening) and echoes its port.
start_fake() {
  local name=$1; shift
  local out="$DEMO/logs/$name.out"
  python3 "$FAKES/$name.py" --port 0 "$@" >"$out" 2>"$DEMO/logs/$name.log" &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    if grep -q '^PORT ' "$out" 2>/dev/null; then awk '/^PORT /{print $2; exit}' "$out"; return; fi
    sleep 0.1
  done
  echo "demo: $name did not start; see $DEMO/logs/$name.log" >&2
  exit 1
}

[ -x "$BIN" ] || { echo "demo: $BIN is missing; run 'make build' first" >&2; exit 1; }
rm -rf "$DEMO/data" "$DEMO/slskd-downloads" "$DEMO/slskd-incomplete" "$DEMO/music" "$DEMO/logs"
mkdir -p "$DEMO/data" "$DEMO/slskd-downloads" "$DEMO/music" "$DEMO/logs"
echo "demo: generating sample audio (first run only) …"
PLAYLISTS=$(python3 "$ROOT/scripts/demo_fixtures.py" "$DEMO")
MIX_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["mix"])' "$PLAYLISTS")
LATE_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["late"])' "$PLAYLISTS")

SLSKD_PORT=$(start_fake fake_slskd --scenario "$DEMO/slskd-scenario.json" --downloads "$DEMO/slskd-downloads" \
  --incomplete "$DEMO/slskd-incomplete" --api-key demo-slskd-key)
SPOTIFY_PORT=$(start_fake fake_spotify --data "$DEMO/spotify.json")
MB_PORT=$(start_fake fake_musicbrainz --data "$DEMO/musicbrainz.json")

export API_HOST=${DEMO_HOST:-127.0.0.1} API_PORT=$PORT
export DATABASE_URL="sqlite:///$DEMO/data/soulspot.db"
export STORAGE_DOWNLOAD_PATH="$DEMO/slskd-downloads" STORAGE_MUSIC_PATH="$DEMO/music" STORAGE_CACHE_PATH="$DEMO/data/cache"
export SLSKD_URL="http://127.0.0.1:$SLSKD_PORT" SLSKD_API_KEY=demo-slskd-key SLSKD_DOWNLOAD_PATH="$DEMO/slskd-downloads"
export SPOTIFY_CLIENT_ID=soulspot-demo SPOTIFY_API_URL="http://127.0.0.1:$SPOTIFY_PORT/v1"
export SPOTIFY_ACCOUNTS_URL="http://127.0.0.1:$SPOTIFY_PORT" SPOTIFY_REDIRECT_URI="http://127.0.0.1:$PORT/api/v1/auth/spotify/callback"
export MUSICBRAINZ_URL="http://127.0.0.1:$MB_PORT/ws/2" COVERART_URL="http://127.0.0.1:$MB_PORT"
export SECRET_KEY=${SECRET_KEY:-soulspot-demo-secret} LOG_FORMAT=${LOG_FORMAT:-text}
# Snappier than production so the road takes seconds: searches close together, progress polled often.
export SEARCH_MIN_GAP_MS=300 SEARCH_TIMEOUT_MS=3000 DOWNLOAD_MONITOR_INTERVAL_MS=500 DOWNLOAD_MAX_CONCURRENT=3

(cd "$DEMO" && exec "$BIN" serve) >"$DEMO/logs/soulspot.log" 2>&1 &
PIDS+=($!)
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs "$BASE/health" >/dev/null || { echo "demo: SoulSpot did not start; see $DEMO/logs/soulspot.log" >&2; exit 1; }

# Connect the fake Spotify (it approves at once) and import the first playlist with auto-download on.
curl -fsL -o /dev/null "$BASE/api/v1/auth/spotify/login" || echo "demo: Spotify connect failed (see the log)"
curl -fs -o /dev/null -H 'Content-Type: application/json' -X POST "$BASE/api/v1/playlists/import" \
  -d "{\"url\": \"https://open.spotify.com/playlist/$MIX_ID\", \"auto_download\": true}" \
  || echo "demo: importing the sample playlist failed (see the log)"

cat <<MSG

  SoulSpot demo is running:  $BASE/

  "SoulSpot Demo Mix" is imported and downloading: watch the Dashboard and Downloads pages.
  Try it yourself on the Playlists page:
    - import https://open.spotify.com/playlist/$LATE_ID  (Spotify link), or
    - the file $DEMO/late-night.csv  (CSV import)
  One source of "Slow Orbit" fails on purpose: its detail page shows the fallback and "Pick this".
  Files land in $DEMO/music; logs in $DEMO/logs.  Ctrl-C stops everything.

MSG
wait "${PIDS[@]}"
