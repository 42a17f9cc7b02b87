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
