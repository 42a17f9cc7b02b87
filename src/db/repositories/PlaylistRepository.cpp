#include "db/repositories/PlaylistRepository.hpp"

#include <chrono>
#include <unordered_set>

#include "core/Clock.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    namespace
    {
        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
        Value textOrNull(const std::string& s) { return s.empty() ? null() : Value(s); }

        core::Result<void> done(const core::Result<ResultSet>& rs)
        {
            if (!rs)
                return core::fail(rs.error());
            return {};
        }

        constexpr const char* kPlaylistColumns =
            "SELECT p.id, p.name, p.source, p.spotify_id, p.snapshot_id, p.owner, p.description, p.image_url, "
            "p.auto_download, p.is_liked_songs, p.track_count, p.last_synced_at, p.last_sync_error, p.created_at, "
            "p.updated_at, (SELECT COUNT(*) FROM playlist_tracks pt WHERE pt.playlist_id = p.id AND pt.removed_at IS NULL) "
            "FROM playlists p ";

        PlaylistRecord readPlaylist(const Row& r)
        {
            PlaylistRecord p;
            p.id = r.getInt(0);
            p.name = r.getString(1);
            p.source = r.getString(2);
            p.spotifyId = r.getString(3);
            p.snapshotId = r.getString(4);
            p.owner = r.getString(5);
            p.description = r.getString(6);
            p.imageUrl = r.getString(7);
            p.autoDownload = r.getBool(8);
            p.isLikedSongs = r.getBool(9);
            p.trackCount = static_cast<int>(r.getInt(10));
            p.lastSyncedAt = r.getString(11);
            p.lastSyncError = r.getString(12);
            p.createdAt = r.getString(13);
            p.updatedAt = r.getString(14);
            p.activeTracks = static_cast<int>(r.getInt(15));
            return p;
        }

        core::Result<std::optional<PlaylistRecord>> first(core::Result<std::vector<PlaylistRecord>> rows)
        {
            if (!rows)
                return core::fail(rows.error());
            if (rows->empty())
                return std::optional<PlaylistRecord>{};
            return std::optional<PlaylistRecord>(std::move(rows->front()));
        }
    } // namespace

    core::Result<std::int64_t> PlaylistRepository::create(const PlaylistInput& in)
    {
        const std::string ts = now();
        auto rs = db_.execute("INSERT INTO playlists (name, source, spotify_id, owner, description, image_url, auto_download, "
                              "is_liked_songs, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                              {in.name, in.source, textOrNull(in.spotifyId), textOrNull(in.owner), textOrNull(in.description),
                               textOrNull(in.imageUrl), std::int64_t{in.autoDownload}, std::int64_t{in.isLikedSongs}, ts});
        if (!rs)
            return core::fail(rs.error());
        return rs->front().getInt(0);
    }

    core::Result<std::vector<PlaylistRecord>> PlaylistRepository::select(const std::string& where, const Params& params)
    {
        auto rs = db_.execute(std::string(kPlaylistColumns) + where, params);
        if (!rs)
            return core::fail(rs.error());
        std::vector<PlaylistRecord> out;
        out.reserve(rs->rows.size());
        for (const auto& r : rs->rows)
            out.push_back(readPlaylist(r));
        return out;
    }

    core::Result<std::optional<PlaylistRecord>> PlaylistRepository::find(std::int64_t id)
    {
        return first(select("WHERE p.id = $1", {id}));
    }

    core::Result<std::optional<PlaylistRecord>> PlaylistRepository::findBySpotifyId(const std::string& spotifyId)
    {
        return first(select("WHERE p.spotify_id = $1", {spotifyId}));
    }

    core::Result<std::optional<PlaylistRecord>> PlaylistRepository::findLikedSongs()
    {
        return first(select("WHERE p.is_liked_songs = 1 ORDER BY p.id LIMIT 1", {}));
    }

    core::Result<std::vector<PlaylistRecord>> PlaylistRepository::list() { return select("ORDER BY p.id", {}); }

    core::Result<std::vector<std::int64_t>> PlaylistRepository::autoDownloadIds()
    {
        auto rs = db_.execute("SELECT id FROM playlists WHERE auto_download = 1 AND source = 'spotify' ORDER BY id");
        if (!rs)
            return core::fail(rs.error());
        std::vector<std::int64_t> out;
        for (const auto& r : rs->rows)
            out.push_back(r.getInt(0));
        return out;
    }

    core::Result<void> PlaylistRepository::updateMetadata(std::int64_t id, const std::string& name, const std::string& owner,
                                                          const std::string& description, const std::string& imageUrl)
    {
        return done(db_.execute("UPDATE playlists SET name = $2, owner = $3, description = $4, image_url = $5, updated_at = $6 "
                                "WHERE id = $1",
                                {id, name, textOrNull(owner), textOrNull(description), textOrNull(imageUrl), now()}));
    }

    core::Result<void> PlaylistRepository::setAutoDownload(std::int64_t id, bool autoDownload)
    {
        return done(db_.execute("UPDATE playlists SET auto_download = $2, updated_at = $3 WHERE id = $1",
                                {id, std::int64_t{autoDownload}, now()}));
    }

    core::Result<void> PlaylistRepository::markSynced(std::int64_t id, const std::string& snapshotId, int trackCount)
    {
        const std::string ts = now();
        return done(db_.execute("UPDATE playlists SET snapshot_id = $2, track_count = $3, last_synced_at = $4, "
                                "last_sync_error = NULL, updated_at = $4 WHERE id = $1",
                                {id, textOrNull(snapshotId), std::int64_t{trackCount}, ts}));
    }

    core::Result<void> PlaylistRepository::touchSynced(std::int64_t id)
    {
        return done(db_.execute("UPDATE playlists SET last_synced_at = $2, last_sync_error = NULL WHERE id = $1", {id, now()}));
    }

    core::Result<void> PlaylistRepository::setSyncError(std::int64_t id, const std::string& error)
    {
        return done(db_.execute("UPDATE playlists SET last_sync_error = $2 WHERE id = $1", {id, error}));
    }

    core::Result<bool> PlaylistRepository::remove(std::int64_t id)
    {
        return db_.transaction<bool>([&](Connection& c) -> core::Result<bool> {
            if (auto rs = c.execute("DELETE FROM playlist_tracks WHERE playlist_id = $1", {id}); !rs)
                return core::fail(rs.error());
            auto rs = c.execute("DELETE FROM playlists WHERE id = $1", {id});
            if (!rs)
                return core::fail(rs.error());
            return rs->affectedRows > 0;
        });
    }

    core::Result<std::vector<PlaylistEntry>> PlaylistRepository::entries(std::int64_t playlistId)
    {
        auto rs = db_.execute("SELECT pt.track_id, t.spotify_id, t.isrc, pt.position, pt.removed_at FROM playlist_tracks pt "
                              "JOIN tracks t ON t.id = pt.track_id WHERE pt.playlist_id = $1 ORDER BY pt.position, pt.track_id",
                              {playlistId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<PlaylistEntry> out;
        out.reserve(rs->rows.size());
        for (const auto& r : rs->rows)
            out.push_back({r.getInt(0), r.getString(1), r.getString(2), static_cast<int>(r.getInt(3)), !r.isNull(4)});
        return out;
    }

    core::Result<void> PlaylistRepository::applyChanges(Connection& c, std::int64_t playlistId,
                                                        const std::vector<MembershipAdd>& adds,
                                                        const std::vector<MembershipMove>& moves,
                                                        const std::vector<std::int64_t>& removals)
    {
        const std::string ts = now();
        for (const auto& a : adds)
            if (auto rs = c.execute("INSERT INTO playlist_tracks (playlist_id, track_id, position, added_at, removed_at) "
                                    "VALUES ($1, $2, $3, $4, NULL) ON CONFLICT (playlist_id, track_id) DO UPDATE SET "
                                    "position = $3, added_at = $4, removed_at = NULL",
                                    {playlistId, a.trackId, std::int64_t{a.position}, a.addedAt.empty() ? Value(ts) : Value(a.addedAt)});
                !rs)
                return core::fail(rs.error());
        for (const auto& m : moves)
            if (auto rs = c.execute("UPDATE playlist_tracks SET position = $3 WHERE playlist_id = $1 AND track_id = $2",
                                    {playlistId, m.trackId, std::int64_t{m.position}});
                !rs)
                return core::fail(rs.error());
        for (const auto id : removals)
            if (auto rs = c.execute("UPDATE playlist_tracks SET removed_at = $3 WHERE playlist_id = $1 AND track_id = $2 "
                                    "AND removed_at IS NULL",
                                    {playlistId, id, ts});
                !rs)
                return core::fail(rs.error());
        return {};
    }

    core::Result<std::vector<std::int64_t>> PlaylistRepository::tracksNeverQueued(const std::vector<std::int64_t>& trackIds)
    {
        constexpr std::size_t kChunk = 500; // well under both engines' bound-parameter limits
        std::unordered_set<std::int64_t> wanted;
        for (std::size_t start = 0; start < trackIds.size(); start += kChunk)
        {
            const auto end = std::min(trackIds.size(), start + kChunk);
            std::string in;
            Params params;
            for (std::size_t i = start; i < end; ++i)
            {
                params.emplace_back(trackIds[i]);
                in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
            }
            auto rs = db_.execute("SELECT t.id FROM tracks t WHERE t.id IN (" + in + ") AND (t.local_path IS NULL OR t.local_path = '') "
                                  "AND NOT EXISTS (SELECT 1 FROM downloads d WHERE d.track_id = t.id)",
                                  params);
            if (!rs)
                return core::fail(rs.error());
            for (const auto& r : rs->rows)
                wanted.insert(r.getInt(0));
        }
        std::vector<std::int64_t> out;
        for (const auto id : trackIds)
            if (wanted.erase(id))
                out.push_back(id);
        return out;
    }

    core::Result<std::vector<PlaylistTrackRow>> PlaylistRepository::tracks(std::int64_t playlistId)
    {
        // The newest download per track decides the state shown; "newest" is the highest id (ids only grow).
        auto rs = db_.execute(
            std::string("SELECT ") + kTrackColumns + ", pt.position, pt.added_at, pt.removed_at, "
            "d.id, d.status FROM playlist_tracks pt JOIN tracks t ON t.id = pt.track_id "
            "LEFT JOIN downloads d ON d.id = (SELECT MAX(d2.id) FROM downloads d2 WHERE d2.track_id = t.id) "
            "WHERE pt.playlist_id = $1 ORDER BY CASE WHEN pt.removed_at IS NULL THEN 0 ELSE 1 END, pt.position, t.id",
            {playlistId});
        if (!rs)
            return core::fail(rs.error());
        std::vector<PlaylistTrackRow> out;
        out.reserve(rs->rows.size());
        for (const auto& r : rs->rows)
        {
            PlaylistTrackRow row;
            row.track = readTrack(r, 0);
            row.position = static_cast<int>(r.getInt(12));
            row.addedAt = r.getString(13);
            row.removedAt = r.getString(14);
            row.latestDownloadId = r.getOptInt(15);
            if (!r.isNull(16))
                row.latestStatus = core::parseDownloadStatus(r.getString(16));
            out.push_back(std::move(row));
        }
        return out;
    }
} // namespace soulspot::db
