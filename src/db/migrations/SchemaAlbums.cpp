// Migration 7 (issue 10): wanted albums. The catalogue `albums` table of migration 1 (never written so far)
// becomes the album road's row: a status in the download vocabulary with a lease like downloads, the
// release it stands for, and the policy for an album that cannot be completed. Its tracklist is
// album_tracks (each entry a tracks row, so the download road fetches it); every scored folder with its
// reasons is album_folders (with the file it offers per track in album_folder_picks); every status change is album_events. A download fetched for an album names it.
#include "db/migrations/Schema.hpp"

namespace soulspot::db::schema
{
    const char* const kAlbumsUp = R"SQL(
ALTER TABLE albums ADD COLUMN artist_name TEXT NOT NULL DEFAULT '';
ALTER TABLE albums ADD COLUMN release_group_mbid TEXT;
ALTER TABLE albums ADD COLUMN primary_type TEXT;
ALTER TABLE albums ADD COLUMN disc_count INTEGER NOT NULL DEFAULT 1;
ALTER TABLE albums ADD COLUMN status TEXT;
ALTER TABLE albums ADD COLUMN source TEXT;
ALTER TABLE albums ADD COLUMN release_choice TEXT;
ALTER TABLE albums ADD COLUMN incomplete_policy TEXT NOT NULL DEFAULT 'wait';
ALTER TABLE albums ADD COLUMN replace_owned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE albums ADD COLUMN quality_profile TEXT;
ALTER TABLE albums ADD COLUMN chosen_folder INTEGER;
ALTER TABLE albums ADD COLUMN search_query TEXT;
ALTER TABLE albums ADD COLUMN search_retries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE albums ADD COLUMN next_attempt_at TEXT;
ALTER TABLE albums ADD COLUMN error_code TEXT;
ALTER TABLE albums ADD COLUMN error_message TEXT;
ALTER TABLE albums ADD COLUMN waiting_for TEXT;
ALTER TABLE albums ADD COLUMN claimed_by TEXT;
ALTER TABLE albums ADD COLUMN claimed_until TEXT;
ALTER TABLE albums ADD COLUMN updated_at TEXT;
ALTER TABLE albums ADD COLUMN completed_at TEXT;
CREATE INDEX ix_albums_status ON albums (status, next_attempt_at);
CREATE TABLE album_tracks (
  album_id {{BIGINT}} NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  track_id {{BIGINT}} NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
  disc_number INTEGER NOT NULL DEFAULT 1,
  track_number INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (album_id, position)
);
CREATE INDEX ix_album_tracks_track ON album_tracks (track_id);
CREATE TABLE album_folders (
  id {{PK}},
  album_id {{BIGINT}} NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  username TEXT NOT NULL,
  directory TEXT NOT NULL,
  accepted INTEGER NOT NULL DEFAULT 0,
  score {{REAL}} NOT NULL DEFAULT 0,
  format TEXT,
  matched_tracks INTEGER NOT NULL DEFAULT 0,
  missing_tracks INTEGER NOT NULL DEFAULT 0,
  audio_files INTEGER NOT NULL DEFAULT 0,
  browsed INTEGER NOT NULL DEFAULT 0,
  reasons TEXT NOT NULL DEFAULT '',
  has_free_slot INTEGER NOT NULL DEFAULT 0,
  queue_length {{BIGINT}} NOT NULL DEFAULT 0,
  upload_speed {{BIGINT}} NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_album_folders_rank ON album_folders (album_id, rank);
CREATE TABLE album_folder_picks (
  folder_id {{BIGINT}} NOT NULL REFERENCES album_folders (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  filename TEXT NOT NULL,
  size {{BIGINT}} NOT NULL DEFAULT 0,
  format TEXT,
  bit_rate INTEGER,
  bit_depth INTEGER,
  sample_rate INTEGER,
  length_seconds INTEGER,
  confidence {{REAL}} NOT NULL DEFAULT 0,
  PRIMARY KEY (folder_id, position)
);
CREATE TABLE album_events (
  id {{PK}},
  album_id {{BIGINT}} NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT,
  at TEXT NOT NULL
);
CREATE INDEX ix_album_events_album ON album_events (album_id, id);
ALTER TABLE downloads ADD COLUMN album_id {{BIGINT}} REFERENCES albums (id) ON DELETE SET NULL;
CREATE INDEX ix_downloads_album ON downloads (album_id);
)SQL";

    const char* const kAlbumsDown = R"SQL(
DROP INDEX ix_downloads_album;
ALTER TABLE downloads DROP COLUMN album_id;
DROP TABLE album_events;
DROP TABLE album_folder_picks;
DROP TABLE album_folders;
DROP TABLE album_tracks;
DROP INDEX ix_albums_status;
ALTER TABLE albums DROP COLUMN completed_at;
ALTER TABLE albums DROP COLUMN updated_at;
ALTER TABLE albums DROP COLUMN claimed_until;
ALTER TABLE albums DROP COLUMN claimed_by;
ALTER TABLE albums DROP COLUMN waiting_for;
ALTER TABLE albums DROP COLUMN error_message;
ALTER TABLE albums DROP COLUMN error_code;
ALTER TABLE albums DROP COLUMN next_attempt_at;
ALTER TABLE albums DROP COLUMN search_retries;
ALTER TABLE albums DROP COLUMN search_query;
ALTER TABLE albums DROP COLUMN chosen_folder;
ALTER TABLE albums DROP COLUMN quality_profile;
ALTER TABLE albums DROP COLUMN replace_owned;
ALTER TABLE albums DROP COLUMN incomplete_policy;
ALTER TABLE albums DROP COLUMN release_choice;
ALTER TABLE albums DROP COLUMN source;
ALTER TABLE albums DROP COLUMN status;
ALTER TABLE albums DROP COLUMN disc_count;
ALTER TABLE albums DROP COLUMN primary_type;
ALTER TABLE albums DROP COLUMN release_group_mbid;
ALTER TABLE albums DROP COLUMN artist_name;
)SQL";
} // namespace soulspot::db::schema
