// Migration 6 (issue 12): the download road made safe against doubles and strandings.
// - one active download per track, held by a partial unique index instead of check-then-insert;
// - a lease (claimed_by / claimed_until) on rows a worker owns, so a watchdog finds work with no live
//   owner and a second instance on the same PostgreSQL takes over a killed one's work;
// - waiting_for: the visible "waiting for slskd" while a download waits on an outage (status unchanged);
// - download_events: every status change with its reason (the durable history);
// - the never-used generic jobs table goes.
#include "db/migrations/Schema.hpp"

namespace soulspot::db::schema
{
    const char* const kRobustnessUp = R"SQL(
UPDATE downloads SET status = 'CANCELLED', error_code = 'duplicate',
  error_message = 'a second active download of the same track (kept the oldest)'
  WHERE status IN ('QUEUED', 'SEARCHING', 'DOWNLOADING', 'VERIFYING')
  AND id NOT IN (SELECT MIN(id) FROM downloads WHERE status IN ('QUEUED', 'SEARCHING', 'DOWNLOADING', 'VERIFYING')
                 GROUP BY track_id);
CREATE UNIQUE INDEX ux_downloads_active_track ON downloads (track_id)
  WHERE status IN ('QUEUED', 'SEARCHING', 'DOWNLOADING', 'VERIFYING');
ALTER TABLE downloads ADD COLUMN claimed_by TEXT;
ALTER TABLE downloads ADD COLUMN claimed_until TEXT;
ALTER TABLE downloads ADD COLUMN waiting_for TEXT;
CREATE INDEX ix_downloads_status_claim ON downloads (status, claimed_until);
CREATE TABLE download_events (
  id {{PK}},
  download_id {{BIGINT}} NOT NULL REFERENCES downloads (id) ON DELETE CASCADE,
  track_id {{BIGINT}},
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT,
  username TEXT,
  filename TEXT,
  at TEXT NOT NULL
);
CREATE INDEX ix_download_events_download ON download_events (download_id, id);
CREATE INDEX ix_download_events_at ON download_events (at);
DROP TABLE jobs;
)SQL";

    const char* const kRobustnessDown = R"SQL(
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
DROP TABLE download_events;
DROP INDEX ix_downloads_status_claim;
ALTER TABLE downloads DROP COLUMN waiting_for;
ALTER TABLE downloads DROP COLUMN claimed_until;
ALTER TABLE downloads DROP COLUMN claimed_by;
DROP INDEX ux_downloads_active_track;
)SQL";
} // namespace soulspot::db::schema
