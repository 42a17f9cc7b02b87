#include "db/migrations/Schema.hpp"

#include "db/migrations/Migrations.hpp"

namespace soulspot::db
{
    namespace
    {
        // Timestamps are ISO 8601 UTC text: sortable, readable in both engines, and what the API shows.
        const char* const kInitialUp = R"SQL(
CREATE TABLE artists (
  id {{PK}},
  name TEXT NOT NULL,
  spotify_id TEXT UNIQUE,
  musicbrainz_id TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_artists_name ON artists (name);
CREATE TABLE albums (
  id {{PK}},
  title TEXT NOT NULL,
  artist_id {{BIGINT}} REFERENCES artists (id) ON DELETE SET NULL,
  spotify_id TEXT UNIQUE,
  musicbrainz_release_id TEXT,
  release_date TEXT,
  cover_url TEXT,
  total_tracks INTEGER,
  created_at TEXT NOT NULL
);
CREATE TABLE tracks (
  id {{PK}},
  title TEXT NOT NULL,
  artist_name TEXT NOT NULL,
  album_id {{BIGINT}} REFERENCES albums (id) ON DELETE SET NULL,
  album_title TEXT,
  isrc TEXT,
  spotify_id TEXT UNIQUE,
  musicbrainz_recording_id TEXT,
  duration_ms INTEGER,
  track_number INTEGER,
  disc_number INTEGER,
  release_date TEXT,
  cover_url TEXT,
  local_path TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_tracks_isrc ON tracks (isrc);
CREATE TABLE track_artists (
  track_id {{BIGINT}} NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  artist_id {{BIGINT}} NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (track_id, artist_id)
);
CREATE TABLE playlists (
  id {{PK}},
  name TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT 'spotify',
  spotify_id TEXT UNIQUE,
  snapshot_id TEXT,
  owner TEXT,
  auto_download INTEGER NOT NULL DEFAULT 0,
  is_liked_songs INTEGER NOT NULL DEFAULT 0,
  last_synced_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE playlist_tracks (
  playlist_id {{BIGINT}} NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
  track_id {{BIGINT}} NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  added_at TEXT,
  removed_at TEXT,
  PRIMARY KEY (playlist_id, track_id)
);
CREATE TABLE downloads (
  id {{PK}},
  track_id {{BIGINT}} NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT,
  slskd_username TEXT,
  slskd_filename TEXT,
  slskd_transfer_id TEXT,
  size {{BIGINT}},
  bitrate INTEGER,
  format TEXT,
  local_path TEXT,
  progress_percent {{REAL}} NOT NULL DEFAULT 0,
  quality_profile TEXT,
  next_attempt_at TEXT,
  correlation_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT
);
CREATE INDEX ix_downloads_status ON downloads (status, priority, created_at);
CREATE INDEX ix_downloads_track ON downloads (track_id);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE jobs (
  id {{PK}},
  type TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_at TEXT NOT NULL,
  locked_by TEXT,
  locked_at TEXT,
  last_error TEXT,
  correlation_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_jobs_due ON jobs (status, run_at);
)SQL";

        const char* const kInitialDown = R"SQL(
DROP TABLE jobs;
DROP TABLE settings;
DROP TABLE downloads;
DROP TABLE playlist_tracks;
DROP TABLE playlists;
DROP TABLE track_artists;
DROP TABLE tracks;
DROP TABLE albums;
DROP TABLE artists;
)SQL";
        // The download lifecycle (issue 3): candidates with reasons, attempts, blocklist, peer history, a
        // per-query response cache, and what a restart needs to re-attach to slskd's search and transfer.
        const char* const kDownloadLifecycleUp = R"SQL(
ALTER TABLE tracks ADD COLUMN artists TEXT;
ALTER TABLE downloads ADD COLUMN search_retries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE downloads ADD COLUMN search_id TEXT;
ALTER TABLE downloads ADD COLUMN search_query TEXT;
ALTER TABLE downloads ADD COLUMN enqueue_pending INTEGER NOT NULL DEFAULT 0;
ALTER TABLE downloads ADD COLUMN bytes_transferred {{BIGINT}} NOT NULL DEFAULT 0;
ALTER TABLE downloads ADD COLUMN last_progress_at TEXT;
ALTER TABLE downloads ADD COLUMN candidate_id {{BIGINT}};
CREATE TABLE download_candidates (
  id {{PK}},
  download_id {{BIGINT}} NOT NULL REFERENCES downloads (id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  search_query TEXT NOT NULL,
  username TEXT NOT NULL,
  filename TEXT NOT NULL,
  size {{BIGINT}} NOT NULL,
  bitrate INTEGER,
  bit_depth INTEGER,
  sample_rate INTEGER,
  length_seconds INTEGER,
  format TEXT,
  score {{REAL}} NOT NULL,
  confidence {{REAL}} NOT NULL DEFAULT 0,
  quality_tier INTEGER NOT NULL DEFAULT -1,
  accepted INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  has_free_slot INTEGER NOT NULL DEFAULT 0,
  queue_length {{BIGINT}} NOT NULL DEFAULT 0,
  upload_speed {{BIGINT}} NOT NULL DEFAULT 0,
  tried INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_candidates_download ON download_candidates (download_id, rank);
CREATE TABLE download_attempts (
  id {{PK}},
  download_id {{BIGINT}} NOT NULL REFERENCES downloads (id) ON DELETE CASCADE,
  username TEXT NOT NULL,
  filename TEXT NOT NULL,
  transfer_id TEXT,
  outcome TEXT NOT NULL,
  reason_code TEXT,
  message TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX ix_attempts_download ON download_attempts (download_id);
CREATE TABLE blocklist (
  id {{PK}},
  username TEXT NOT NULL,
  filename TEXT,
  reason TEXT NOT NULL,
  expires_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_blocklist_user ON blocklist (username);
CREATE TABLE peer_stats (
  username TEXT PRIMARY KEY,
  successes INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE TABLE search_cache (
  query TEXT PRIMARY KEY,
  responses TEXT NOT NULL,
  response_count INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
)SQL";

        const char* const kDownloadLifecycleDown = R"SQL(
DROP TABLE search_cache;
DROP TABLE peer_stats;
DROP TABLE blocklist;
DROP TABLE download_attempts;
DROP TABLE download_candidates;
ALTER TABLE downloads DROP COLUMN candidate_id;
ALTER TABLE downloads DROP COLUMN last_progress_at;
ALTER TABLE downloads DROP COLUMN bytes_transferred;
ALTER TABLE downloads DROP COLUMN enqueue_pending;
ALTER TABLE downloads DROP COLUMN search_query;
ALTER TABLE downloads DROP COLUMN search_id;
ALTER TABLE downloads DROP COLUMN search_retries;
ALTER TABLE tracks DROP COLUMN artists;
)SQL";
        // Spotify (issue 5): OAuth tokens and pending PKCE logins, both sealed with db::SecretBox (the columns
        // hold "sb1:…" text, never a token), and what playlist sync needs beyond the initial schema.
        const char* const kSpotifyUp = R"SQL(
CREATE TABLE oauth_tokens (
  provider TEXT PRIMARY KEY,
  access_token TEXT NOT NULL,
  refresh_token TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  obtained_at TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '',
  user_id TEXT,
  user_display_name TEXT,
  needs_reauth INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  connected_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE oauth_pending (
  state TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  verifier TEXT NOT NULL,
  created_at TEXT NOT NULL
);
ALTER TABLE playlists ADD COLUMN description TEXT;
ALTER TABLE playlists ADD COLUMN image_url TEXT;
ALTER TABLE playlists ADD COLUMN track_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE playlists ADD COLUMN last_sync_error TEXT;
CREATE INDEX ix_playlist_tracks_track ON playlist_tracks (track_id);
)SQL";

        const char* const kSpotifyDown = R"SQL(
DROP INDEX ix_playlist_tracks_track;
ALTER TABLE playlists DROP COLUMN last_sync_error;
ALTER TABLE playlists DROP COLUMN track_count;
ALTER TABLE playlists DROP COLUMN image_url;
ALTER TABLE playlists DROP COLUMN description;
DROP TABLE oauth_pending;
DROP TABLE oauth_tokens;
)SQL";
        // The library index (issue 6): one row per audio file below the music folder, read with TagLib.
        // size + mtime make rescans incremental; match_key (normalised primary artist + title) finds owned
        // tracks and duplicates; the enrichment_* columns make MusicBrainz enrichment resume after a restart.
        const char* const kLibraryIndexUp = R"SQL(
CREATE TABLE library_files (
  id {{PK}},
  path TEXT NOT NULL UNIQUE,
  size_bytes {{BIGINT}} NOT NULL,
  mtime_ns {{BIGINT}} NOT NULL,
  format TEXT NOT NULL,
  codec TEXT,
  duration_ms INTEGER,
  bitrate INTEGER,
  sample_rate INTEGER,
  bit_depth INTEGER,
  channels INTEGER,
  quality_rank {{BIGINT}},
  title TEXT,
  artist TEXT,
  album TEXT,
  album_artist TEXT,
  track_number INTEGER,
  track_total INTEGER,
  disc_number INTEGER,
  disc_total INTEGER,
  release_date TEXT,
  genre TEXT,
  isrc TEXT,
  mb_recording_id TEXT,
  mb_release_id TEXT,
  has_cover INTEGER NOT NULL DEFAULT 0,
  match_key TEXT,
  track_id {{BIGINT}} REFERENCES tracks (id) ON DELETE SET NULL,
  enrichment_state TEXT NOT NULL DEFAULT 'pending',
  enrichment_attempts INTEGER NOT NULL DEFAULT 0,
  enrichment_next_at TEXT,
  enrichment_error TEXT,
  scanned_at TEXT NOT NULL
);
CREATE INDEX ix_library_files_isrc ON library_files (isrc);
CREATE INDEX ix_library_files_recording ON library_files (mb_recording_id);
CREATE INDEX ix_library_files_key ON library_files (match_key);
CREATE INDEX ix_library_files_track ON library_files (track_id);
CREATE INDEX ix_library_files_enrichment ON library_files (enrichment_state, enrichment_next_at);
)SQL";

        const char* const kLibraryIndexDown = R"SQL(
DROP TABLE library_files;
)SQL";
        // Issue 7: the single UI user, browser sessions and API keys. Secrets are stored only as hashes.
        // The updated_at index feeds the live-update change feed (jobs/DownloadChangeFeed).
        const char* const kAuthUp = R"SQL(
CREATE TABLE auth_users (
  id {{PK}},
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id {{BIGINT}} NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  remote_addr TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE TABLE api_keys (
  id {{PK}},
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT
);
CREATE INDEX ix_downloads_updated ON downloads (updated_at);
)SQL";

        const char* const kAuthDown = R"SQL(
DROP INDEX ix_downloads_updated;
DROP TABLE api_keys;
DROP TABLE auth_sessions;
DROP TABLE auth_users;
)SQL";
    } // namespace

    const std::vector<Migration>& schemaMigrations()
    {
        static const std::vector<Migration> migrations{
            {1, "initial", kInitialUp, kInitialDown},
            {2, "download_lifecycle", kDownloadLifecycleUp, kDownloadLifecycleDown},
            {3, "library_index", kLibraryIndexUp, kLibraryIndexDown},
            {4, "spotify", kSpotifyUp, kSpotifyDown},
            {5, "auth", kAuthUp, kAuthDown},
            {6, "download_robustness", schema::kRobustnessUp, schema::kRobustnessDown},
            {7, "albums", schema::kAlbumsUp, schema::kAlbumsDown},
        };
        return migrations;
    }
} // namespace soulspot::db
