#pragma once
// Playlists (Spotify, Liked Songs, imported files) and their membership. A track leaving a playlist keeps
// its row with removed_at set, so the history stays visible and a re-added track is revived in place.

#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/Records.hpp"

namespace soulspot::db
{
    struct PlaylistInput
    {
        std::string name;
        std::string source{"spotify"}; // "spotify" | "file"
        std::string spotifyId;         // "" for Liked Songs and files
        std::string owner;
        std::string description;
        std::string imageUrl;
        bool autoDownload{false};
        bool isLikedSongs{false};
    };

    struct PlaylistRecord
    {
        std::int64_t id{0};
        std::string name, source, spotifyId, snapshotId, owner, description, imageUrl;
        bool autoDownload{false};
        bool isLikedSongs{false};
        int trackCount{0};  // as Spotify reported it at the last sync (includes local files and episodes)
        int activeTracks{0}; // rows in playlist_tracks without removed_at
        std::string lastSyncedAt, lastSyncError, createdAt, updatedAt;
    };

    /// One membership row as the diff needs it.
    struct PlaylistEntry
    {
        std::int64_t trackId{0};
        std::string spotifyId, isrc; // of the stored track, to recognise incoming tracks without an upsert
        int position{0};
        bool removed{false};
    };

    struct MembershipAdd
    {
        std::int64_t trackId{0};
        int position{0};
        std::string addedAt; // "" when unknown
    };

    struct MembershipMove
    {
        std::int64_t trackId{0};
        int position{0};
    };

    struct PlaylistTrackRow
    {
        TrackRecord track;
        int position{0};
        std::string addedAt, removedAt;
        std::optional<core::DownloadStatus> latestStatus; // of the newest download of the track
        std::optional<std::int64_t> latestDownloadId;
    };

    class PlaylistRepository
    {
    public:
        explicit PlaylistRepository(Database& db) : db_(db) {}

        core::Result<std::int64_t> create(const PlaylistInput& input);
        core::Result<std::optional<PlaylistRecord>> find(std::int64_t id);
        core::Result<std::optional<PlaylistRecord>> findBySpotifyId(const std::string& spotifyId);
        core::Result<std::optional<PlaylistRecord>> findLikedSongs();
        core::Result<std::vector<PlaylistRecord>> list();
        core::Result<std::vector<std::int64_t>> autoDownloadIds();

        core::Result<void> updateMetadata(std::int64_t id, const std::string& name, const std::string& owner,
                                          const std::string& description, const std::string& imageUrl);
        core::Result<void> setAutoDownload(std::int64_t id, bool autoDownload);
        /// A completed sync: stores the snapshot it saw and clears the last error.
        core::Result<void> markSynced(std::int64_t id, const std::string& snapshotId, int trackCount);
        /// An unchanged snapshot: only last_synced_at is written.
        core::Result<void> touchSynced(std::int64_t id);
        core::Result<void> setSyncError(std::int64_t id, const std::string& error);
        /// Deletes the playlist and its membership rows; tracks, downloads and files stay.
        core::Result<bool> remove(std::int64_t id);

        /// Every membership row, removed ones included, in position order.
        core::Result<std::vector<PlaylistEntry>> entries(std::int64_t playlistId);
        /// Applies a diff in the caller's transaction: adds (or revives removed rows), moves, removals.
        core::Result<void> applyChanges(Connection& c, std::int64_t playlistId, const std::vector<MembershipAdd>& adds,
                                        const std::vector<MembershipMove>& moves, const std::vector<std::int64_t>& removals);
        /// Of `trackIds`, those neither in the library (local_path) nor ever queued for download, in input order.
        core::Result<std::vector<std::int64_t>> tracksNeverQueued(const std::vector<std::int64_t>& trackIds);
        /// Tracks with their newest download; active rows first (by position), then removed ones.
        core::Result<std::vector<PlaylistTrackRow>> tracks(std::int64_t playlistId);

    private:
        core::Result<std::vector<PlaylistRecord>> select(const std::string& where, const Params& params);
        Database& db_;
    };
} // namespace soulspot::db
