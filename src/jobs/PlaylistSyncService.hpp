#pragma once
// Spotify playlists (and Liked Songs) as wanted lists: import by URL, re-sync by snapshot_id, and the
// auto-download round the scheduler runs. Every read from Spotify finishes before the first write, so a
// failed walk (rate limit, revoked token) leaves the stored playlist exactly as it was.
//
// "No writes" on an unchanged snapshot means: tracks and playlist_tracks untouched; only the playlist's
// last_synced_at is updated, so the UI can show when it was last checked.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/repositories/PlaylistRepository.hpp"
#include "jobs/PlaylistWriter.hpp"
#include "jobs/SpotifyTrackMapping.hpp"
#include "sources/spotify/SpotifyApi.hpp"

namespace soulspot::jobs
{
    struct PlaylistSyncResult
    {
        std::int64_t playlistId{0};
        bool created{false};
        bool unchanged{false}; // snapshot_id (or, for Liked Songs, the track list) as at the last sync
        int added{0}, removed{0}, moved{0};
        int total{0};  // active tracks after the sync
        int queued{0}; // downloads queued for new missing tracks
        int skippedLocal{0}, skippedUnavailable{0}, skippedEpisodes{0}, skippedInvalid{0};
        std::string snapshotId;
    };

    struct SpotifyPlaylistListing
    {
        sources::spotify::PlaylistSummary summary;
        std::optional<std::int64_t> importedAs; // our playlist id when already imported
    };

    struct AutoSyncRound
    {
        int synced{0};
        int failed{0};
        std::optional<core::Error> stoppedBy; // rate limit or lost connection: the rest waits for the next round
    };

    class PlaylistSyncService
    {
    public:
        PlaylistSyncService(db::Database& db, std::shared_ptr<sources::spotify::ISpotifyApi> api,
                            std::shared_ptr<DownloadService> downloads);

        /// The user's playlists on Spotify, with our id for those already imported.
        core::Result<std::vector<SpotifyPlaylistListing>> spotifyPlaylists();
        /// Imports (or, when already imported, syncs) a playlist or Liked Songs. `autoDownload` set changes the
        /// playlist's flag; switching it on queues every missing track, not only new ones.
        core::Result<PlaylistSyncResult> importPlaylist(const std::string& ref, std::optional<bool> autoDownload,
                                                        const std::string& correlationId);
        /// Re-syncs one playlist. NotFound for an unknown id, Conflict for a file playlist.
        core::Result<PlaylistSyncResult> sync(std::int64_t playlistId, const std::string& correlationId);
        /// Syncs every auto-download playlist; stops early on a rate limit or when Spotify is not usable.
        AutoSyncRound syncAutoPlaylists(const std::string& correlationId);

    private:
        struct Fetched
        {
            std::optional<sources::spotify::PlaylistSummary> meta; // nullopt for Liked Songs
            sources::spotify::TrackListing listing;
            std::string snapshotId;
        };
        core::Result<PlaylistSyncResult> syncLocked(const db::PlaylistRecord& playlist, const std::string& correlationId);
        core::Result<Fetched> fetch(bool likedSongs, const std::string& spotifyId);
        core::Result<PlaylistSyncResult> store(std::int64_t playlistId, bool autoDownload, const Fetched& fetched,
                                               const std::string& correlationId);
        core::Result<db::PlaylistRecord> load(std::int64_t playlistId);

        db::Database& db_;
        std::shared_ptr<sources::spotify::ISpotifyApi> api_;
        db::PlaylistRepository playlists_;
        PlaylistWriter writer_;
        std::mutex syncMutex_; // one sync at a time: Spotify's rate limit is per app, not per playlist
    };
} // namespace soulspot::jobs
