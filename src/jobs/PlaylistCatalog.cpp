#include "jobs/PlaylistCatalog.hpp"

#include "core/Log.hpp"

namespace soulspot::jobs
{
    std::string trackState(const db::PlaylistTrackRow& row)
    {
        using S = core::DownloadStatus;
        if (!row.track.localPath.empty())
            return "owned";
        if (!row.latestStatus)
            return "missing";
        switch (*row.latestStatus)
        {
        case S::Imported:
        case S::Completed: return "owned";
        case S::Queued:
        case S::Searching: return "queued";
        case S::Downloading:
        case S::Verifying: return "downloading";
        case S::NotFound: return "not_found";
        case S::Failed: return "failed";
        case S::Cancelled: return "missing"; // the user called it off: wanted again only when asked again
        }
        return "missing";
    }

    PlaylistCatalog::PlaylistCatalog(db::Database& db, std::shared_ptr<DownloadService> downloads)
        : playlists_(db), writer_(db, std::move(downloads))
    {
    }

    core::Result<std::vector<db::PlaylistRecord>> PlaylistCatalog::list() { return playlists_.list(); }

    core::Result<db::PlaylistRecord> PlaylistCatalog::get(std::int64_t id)
    {
        auto p = playlists_.find(id);
        if (!p)
            return core::fail(p.error());
        if (!*p)
            return core::fail(core::Error::notFound("playlist " + std::to_string(id) + " not found"));
        return std::move(**p);
    }

    core::Result<PlaylistDetail> PlaylistCatalog::detail(std::int64_t id)
    {
        auto playlist = get(id);
        if (!playlist)
            return core::fail(playlist.error());
        auto rows = playlists_.tracks(id);
        if (!rows)
            return core::fail(rows.error());
        PlaylistDetail d;
        d.playlist = std::move(*playlist);
        for (const char* s : {"owned", "queued", "downloading", "not_found", "failed", "missing"})
            d.stateCounts[s] = 0;
        for (auto& row : *rows)
        {
            if (row.removedAt.empty())
            {
                ++d.stateCounts[trackState(row)];
                d.tracks.push_back(std::move(row));
            }
            else
                d.removed.push_back(std::move(row));
        }
        return d;
    }

    core::Result<std::pair<db::PlaylistRecord, int>> PlaylistCatalog::setAutoDownload(std::int64_t id, bool autoDownload,
                                                                                      const std::string& correlationId)
    {
        auto playlist = get(id);
        if (!playlist)
            return core::fail(playlist.error());
        int queued = 0;
        if (playlist->autoDownload != autoDownload)
        {
            if (auto r = playlists_.setAutoDownload(id, autoDownload); !r)
                return core::fail(r.error());
            if (autoDownload)
            {
                auto entries = playlists_.entries(id);
                if (!entries)
                    return core::fail(entries.error());
                std::vector<std::int64_t> active;
                for (const auto& e : *entries)
                    if (!e.removed)
                        active.push_back(e.trackId);
                auto n = writer_.queueNeverQueued(active, correlationId);
                if (!n)
                    return core::fail(n.error());
                queued = *n;
            }
            playlist = get(id);
            if (!playlist)
                return core::fail(playlist.error());
        }
        return std::make_pair(std::move(*playlist), queued);
    }

    core::Result<void> PlaylistCatalog::remove(std::int64_t id)
    {
        auto removed = playlists_.remove(id);
        if (!removed)
            return core::fail(removed.error());
        if (!*removed)
            return core::fail(core::Error::notFound("playlist " + std::to_string(id) + " not found"));
        core::Logger("jobs.playlists").info("playlist deleted (tracks and files kept)", {{"playlist_id", id}});
        return {};
    }
} // namespace soulspot::jobs
