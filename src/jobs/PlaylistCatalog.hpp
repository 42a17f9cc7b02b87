#pragma once
// Reading and managing stored playlists (any source): the list, one playlist with each track's state,
// the auto-download switch, and deletion (which keeps tracks, downloads and files).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/repositories/PlaylistRepository.hpp"
#include "jobs/PlaylistWriter.hpp"

namespace soulspot::jobs
{
    /// What the user sees per track: "owned", "queued", "downloading", "not_found", "failed" or "missing".
    std::string trackState(const db::PlaylistTrackRow& row);

    struct PlaylistDetail
    {
        db::PlaylistRecord playlist;
        std::vector<db::PlaylistTrackRow> tracks;  // active, in playlist order
        std::vector<db::PlaylistTrackRow> removed; // left the playlist at some sync (removed_at set)
        std::map<std::string, int> stateCounts;    // over active tracks
    };

    class PlaylistCatalog
    {
    public:
        PlaylistCatalog(db::Database& db, std::shared_ptr<DownloadService> downloads);

        core::Result<std::vector<db::PlaylistRecord>> list();
        /// NotFound for an unknown id.
        core::Result<db::PlaylistRecord> get(std::int64_t id);
        core::Result<PlaylistDetail> detail(std::int64_t id);
        /// Switching auto-download on queues every track of the playlist that was never queued.
        core::Result<std::pair<db::PlaylistRecord, int>> setAutoDownload(std::int64_t id, bool autoDownload,
                                                                         const std::string& correlationId);
        core::Result<void> remove(std::int64_t id);

    private:
        db::PlaylistRepository playlists_;
        PlaylistWriter writer_;
    };
} // namespace soulspot::jobs
