#pragma once
// Rows as the services above the database see them. Timestamps are ISO 8601 UTC strings.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/DownloadStatus.hpp"

namespace soulspot::db
{
    struct TrackInput
    {
        std::string title;
        std::vector<std::string> artists; // primary first
        std::string album;
        std::optional<int> durationMs;
        std::string isrc;
        std::string spotifyId;
        std::optional<int> trackNumber;
        std::optional<int> discNumber;
        std::string releaseDate;
        std::string coverUrl;
    };

    struct TrackRecord
    {
        std::int64_t id{0};
        std::string title;
        std::vector<std::string> artists;
        std::string album;
        std::optional<int> durationMs;
        std::string isrc;
        std::string spotifyId;
        std::optional<int> trackNumber;
        std::optional<int> discNumber;
        std::string releaseDate;
        std::string coverUrl;
        std::string localPath;

        std::string artistDisplay() const;
    };

    struct DownloadRecord
    {
        std::int64_t id{0};
        std::int64_t trackId{0};
        core::DownloadStatus status{core::DownloadStatus::Queued};
        int priority{0};
        int attempts{0};       // transfers started
        int searchRetries{0};  // new searches after the candidates ran out
        std::optional<std::string> errorCode, errorMessage;
        std::optional<std::string> username, filename, transferId, format, localPath;
        std::optional<std::int64_t> size;
        std::optional<int> bitrate;
        double progressPercent{0};
        std::int64_t bytesTransferred{0};
        std::optional<std::string> qualityProfile;
        std::optional<std::string> nextAttemptAt;
        std::optional<std::string> searchId, searchQuery;
        bool enqueuePending{false}; // set before POSTing to slskd, cleared once the transfer id is stored
        std::optional<std::int64_t> candidateId;
        std::optional<std::string> lastProgressAt;
        std::optional<std::string> correlationId;
        std::string createdAt, updatedAt;
        std::optional<std::string> completedAt;
        /// Set while the download waits on an outage ("slskd unreachable: …"); the status does not change.
        std::optional<std::string> waitingFor;
        /// The worker lease: which instance owns the row until when (owned statuses only).
        std::optional<std::string> claimedBy, claimedUntil;
        /// The wanted album this download fetches a track of (its folder, its tags); nullopt for a lone track.
        std::optional<std::int64_t> albumId;
        TrackRecord track;
    };

    /// One status change of a download, with its reason (core/DownloadStateMachine).
    struct DownloadEventRecord
    {
        std::int64_t id{0};
        std::int64_t downloadId{0};
        std::optional<std::int64_t> trackId;
        std::optional<std::string> fromStatus;
        std::string toStatus, reason;
        std::optional<std::string> message, username, filename;
        std::string at;
    };

    struct CandidateRecord
    {
        std::int64_t id{0};
        std::int64_t downloadId{0};
        int rank{0};
        std::string searchQuery;
        std::string username, filename;
        std::int64_t size{0};
        std::optional<int> bitrate, bitDepth, sampleRate, lengthSeconds;
        std::string format;
        double score{0};
        double confidence{0};
        int qualityTier{-1};
        bool accepted{false};
        std::vector<std::string> reasons;
        bool hasFreeSlot{false};
        std::int64_t queueLength{0};
        std::int64_t uploadSpeed{0};
        bool tried{false};
    };

    struct AttemptRecord
    {
        std::int64_t id{0};
        std::int64_t downloadId{0};
        std::string username, filename;
        std::optional<std::string> transferId;
        std::string outcome; // "downloading", "succeeded", "failed", "cancelled"
        std::optional<std::string> reasonCode, message;
        std::string startedAt;
        std::optional<std::string> endedAt;
    };

    struct BlocklistEntry
    {
        std::int64_t id{0};
        std::string username;
        std::optional<std::string> filename; // nullopt = the whole user
        std::string reason;
        std::optional<std::string> expiresAt;
        std::string createdAt;
    };
} // namespace soulspot::db

namespace soulspot::db
{
    /// What the user asked for when an album can not be completed (issue 10 §3).
    enum class IncompletePolicy { KeepPartial, WaitAndRetry, Discard };
    std::string_view toString(IncompletePolicy p);
    std::optional<IncompletePolicy> parseIncompletePolicy(std::string_view s);

    struct AlbumTrackInput
    {
        TrackInput track;
        int discNumber{1};
        int trackNumber{0};
    };

    /// A wanted album as it is created (its tracklist resolved from Spotify or MusicBrainz already).
    struct AlbumInput
    {
        std::string title;
        std::string artist; // album artist credit as displayed
        std::string releaseDate;
        std::string primaryType;
        int discCount{1};
        std::string spotifyId, releaseMbid, releaseGroupMbid;
        std::string coverUrl;
        std::string source;        // what the user gave: URL, id or text
        std::string releaseChoice; // why this release of its group ("" when the user named the release)
        IncompletePolicy policy{IncompletePolicy::WaitAndRetry};
        bool replaceOwned{false}; // fetch the whole album again even where tracks are owned
        std::optional<std::string> qualityProfile;
        std::vector<AlbumTrackInput> tracks;
    };

    struct AlbumRecord
    {
        std::int64_t id{0};
        std::string title, artist, releaseDate, primaryType;
        int discCount{1};
        std::string spotifyId, releaseMbid, releaseGroupMbid, coverUrl, source, releaseChoice;
        core::DownloadStatus status{core::DownloadStatus::Queued};
        IncompletePolicy policy{IncompletePolicy::WaitAndRetry};
        bool replaceOwned{false};
        std::optional<std::string> qualityProfile;
        std::optional<int> chosenFolder; // rank into album_folders
        std::optional<std::string> searchQuery;
        int searchRetries{0};
        std::optional<std::string> nextAttemptAt, errorCode, errorMessage, waitingFor, claimedBy, claimedUntil;
        std::string createdAt, updatedAt;
        std::optional<std::string> completedAt;
        int trackCount{0}; // filled by list/find
    };

    /// One entry of an album's tracklist with the state of its track.
    struct AlbumTrackRecord
    {
        int position{0};
        int discNumber{1};
        int trackNumber{0};
        TrackRecord track;
        std::optional<std::int64_t> downloadId; // the newest download of this track fetched for this album
        std::optional<core::DownloadStatus> downloadStatus;
        double progressPercent{0};
        bool owned{false}; // the track is in the library (tracks.local_path)
    };

    /// One file a folder offers for one wanted track.
    struct AlbumFolderPick
    {
        int position{0}; // album_tracks.position
        std::string filename;
        std::int64_t size{0};
        std::string format;
        std::optional<int> bitRate, bitDepth, sampleRate, length;
        double confidence{0};
    };

    struct AlbumFolderRecord
    {
        std::int64_t id{0};
        std::int64_t albumId{0};
        int rank{0};
        std::string username, directory;
        bool accepted{false};
        double score{0};
        std::string format;
        int matchedTracks{0}, missingTracks{0}, audioFiles{0};
        bool browsed{false};
        std::vector<std::string> reasons;
        std::vector<AlbumFolderPick> picks;
        bool hasFreeSlot{false};
        std::int64_t queueLength{0}, uploadSpeed{0};
    };

    struct AlbumEventRecord
    {
        std::int64_t id{0};
        std::int64_t albumId{0};
        std::optional<std::string> fromStatus;
        std::string toStatus, reason;
        std::optional<std::string> message;
        std::string at;
    };
} // namespace soulspot::db
