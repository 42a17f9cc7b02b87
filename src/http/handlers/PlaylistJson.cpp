#include "http/handlers/PlaylistJson.hpp"

namespace soulspot::http
{
    using nlohmann::json;

    namespace
    {
        json orNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
        json orNull(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
    } // namespace

    json playlistToJson(const db::PlaylistRecord& p)
    {
        return {{"id", p.id},
                {"name", p.name},
                {"source", p.source},
                {"spotify_id", orNull(p.spotifyId)},
                {"snapshot_id", orNull(p.snapshotId)},
                {"owner", orNull(p.owner)},
                {"description", orNull(p.description)},
                {"image_url", orNull(p.imageUrl)},
                {"auto_download", p.autoDownload},
                {"is_liked_songs", p.isLikedSongs},
                {"track_count", p.activeTracks},
                {"spotify_track_count", p.trackCount},
                {"last_synced_at", orNull(p.lastSyncedAt)},
                {"last_sync_error", orNull(p.lastSyncError)},
                {"created_at", p.createdAt},
                {"updated_at", p.updatedAt}};
    }

    json playlistTrackToJson(const db::PlaylistTrackRow& row)
    {
        const auto& t = row.track;
        return {{"track_id", t.id},
                {"title", t.title},
                {"artist", t.artistDisplay()},
                {"artists", t.artists},
                {"album", orNull(t.album)},
                {"duration_ms", orNull(t.durationMs)},
                {"isrc", orNull(t.isrc)},
                {"spotify_id", orNull(t.spotifyId)},
                {"track_number", orNull(t.trackNumber)},
                {"disc_number", orNull(t.discNumber)},
                {"release_date", orNull(t.releaseDate)},
                {"cover_url", orNull(t.coverUrl)},
                {"local_path", orNull(t.localPath)},
                {"position", row.position},
                {"added_at", orNull(row.addedAt)},
                {"removed_at", orNull(row.removedAt)},
                {"state", jobs::trackState(row)},
                {"download_id", row.latestDownloadId ? json(*row.latestDownloadId) : json(nullptr)},
                {"download_status", row.latestStatus ? json(std::string(core::toString(*row.latestStatus))) : json(nullptr)}};
    }

    json playlistDetailToJson(const jobs::PlaylistDetail& d)
    {
        json j = playlistToJson(d.playlist);
        j["tracks"] = json::array();
        for (const auto& t : d.tracks)
            j["tracks"].push_back(playlistTrackToJson(t));
        j["removed_tracks"] = json::array();
        for (const auto& t : d.removed)
            j["removed_tracks"].push_back(playlistTrackToJson(t));
        j["states"] = d.stateCounts;
        return j;
    }

    json syncResultToJson(const jobs::PlaylistSyncResult& r)
    {
        return {{"playlist_id", r.playlistId},
                {"created", r.created},
                {"unchanged", r.unchanged},
                {"added", r.added},
                {"removed", r.removed},
                {"moved", r.moved},
                {"total", r.total},
                {"queued", r.queued},
                {"snapshot_id", orNull(r.snapshotId)},
                {"skipped", {{"local_files", r.skippedLocal},
                             {"unavailable", r.skippedUnavailable},
                             {"episodes", r.skippedEpisodes},
                             {"invalid", r.skippedInvalid}}}};
    }

    json spotifyPlaylistToJson(const jobs::SpotifyPlaylistListing& l)
    {
        const auto& s = l.summary;
        return {{"spotify_id", s.id},
                {"name", s.name},
                {"owner", {{"id", s.owner.id}, {"display_name", orNull(s.owner.displayName)}}},
                {"snapshot_id", s.snapshotId},
                {"track_count", s.trackCount},
                {"image_url", orNull(s.imageUrl)},
                {"collaborative", s.collaborative},
                {"description", orNull(s.description)},
                {"imported_playlist_id", l.importedAs ? json(*l.importedAs) : json(nullptr)}};
    }

    json fileImportToJson(const jobs::FileImportResult& r)
    {
        json errors = json::array();
        for (const auto& e : r.errors)
            errors.push_back({{"line", e.lineNumber}, {"message", e.message}});
        return {{"playlist_id", r.playlistId ? json(*r.playlistId) : json(nullptr)},
                {"format", r.format},
                {"imported", r.imported},
                {"failed", r.errors.size()},
                {"queued", r.queued},
                {"errors", errors}};
    }
} // namespace soulspot::http
