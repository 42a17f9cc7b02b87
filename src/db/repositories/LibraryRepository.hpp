#pragma once
// The library index (table library_files): what the scanner and the importer found below the music folder.
// Rows are keyed by absolute path; size + mtime decide whether a rescan must read a file again.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"

namespace soulspot::db
{
    /// enrichment_state values: waiting for MusicBrainz, finished, no confident match, gave up after retries.
    inline constexpr const char* kEnrichPending = "pending";
    inline constexpr const char* kEnrichDone = "done";
    inline constexpr const char* kEnrichNotFound = "not_found";
    inline constexpr const char* kEnrichFailed = "failed";

    struct LibraryFileRecord
    {
        std::int64_t id{0};
        std::string path;
        std::int64_t sizeBytes{0};
        std::int64_t mtimeNs{0};
        std::string format; // "flac", "mp3", …
        std::string codec;
        std::optional<int> durationMs, bitrate, sampleRate, bitDepth, channels;
        std::optional<std::int64_t> qualityRank;
        std::string title, artist, album, albumArtist;
        std::optional<int> trackNumber, trackTotal, discNumber, discTotal;
        std::string releaseDate, genre, isrc, mbRecordingId, mbReleaseId;
        bool hasCover{false};
        std::string matchKey;
        std::optional<std::int64_t> trackId;
        std::string enrichmentState{kEnrichPending};
        int enrichmentAttempts{0};
        std::optional<std::string> enrichmentNextAt, enrichmentError;
        std::string scannedAt;
    };

    /// What a rescan compares against the file system.
    struct FileStamp
    {
        std::int64_t sizeBytes{0};
        std::int64_t mtimeNs{0};
    };

    struct LibraryStats
    {
        std::int64_t files{0};
        std::int64_t totalBytes{0};
        std::int64_t totalDurationMs{0};
        std::int64_t artists{0}; // distinct album artists (or artists when there is none)
        std::int64_t albums{0};  // distinct (album artist, album)
        std::vector<std::pair<std::string, std::int64_t>> byFormat;
        std::vector<std::pair<std::string, std::int64_t>> byEnrichmentState;
        std::int64_t linkedToTracks{0};
        std::optional<std::string> lastScannedAt;
    };

    /// Identity of a wanted track for the "already owned" check; empty fields are not compared.
    struct OwnedQuery
    {
        std::string isrc;
        std::string mbRecordingId;
        std::string matchKey;
        std::optional<int> durationMs; // with matchKey: lengths within toleranceMs count as the same
        // A file whose ISRC differs from a known wanted ISRC never matches by key (a live take, a remaster).
        int toleranceMs{3000};
    };

    class LibraryRepository
    {
    public:
        explicit LibraryRepository(Database& db) : db_(db) {}

        /// Path → stamp of every indexed file whose path starts with `prefix` ("" = all).
        core::Result<std::unordered_map<std::string, FileStamp>> stamps(const std::string& prefix);
        /// Inserts or refreshes rows by path in one transaction. A refresh keeps track_id and the enrichment
        /// state, except that a file now carrying a recording id counts as enriched.
        core::Result<void> upsertBatch(const std::vector<LibraryFileRecord>& rows);
        core::Result<void> upsert(const LibraryFileRecord& row) { return upsertBatch({row}); }
        /// Deletes the rows of these paths (files gone from disk) in one transaction; returns how many.
        core::Result<std::int64_t> removePaths(const std::vector<std::string>& paths);

        core::Result<std::optional<LibraryFileRecord>> findByPath(const std::string& path);
        core::Result<std::optional<LibraryFileRecord>> get(std::int64_t id);
        /// Free-text search over title, artist, album and album artist (case-insensitive substring), ordered
        /// by album artist, album, disc, track. Returns the page and the total number of matches.
        core::Result<std::pair<std::vector<LibraryFileRecord>, std::int64_t>> search(const std::string& q, int limit,
                                                                                     int offset);
        core::Result<LibraryStats> stats();
        /// Files sharing a recording id or a match key with another file, ordered so that each group is
        /// contiguous (key, then duration). The caller splits keys by duration.
        core::Result<std::vector<LibraryFileRecord>> duplicateCandidates();
        /// The best-quality indexed file that is this track, if any.
        core::Result<std::optional<LibraryFileRecord>> findOwned(const OwnedQuery& query);

        /// Rows waiting for enrichment whose retry time has come, linked (imported) files first.
        core::Result<std::vector<LibraryFileRecord>> pendingEnrichment(const std::string& nowIso, int limit);
        /// Records the outcome of one enrichment attempt.
        core::Result<void> setEnrichment(std::int64_t id, const std::string& state, int attempts,
                                         const std::optional<std::string>& nextAt, const std::optional<std::string>& error);
        core::Result<void> linkTrack(std::int64_t id, std::int64_t trackId);
        /// Records where the wanted track now lives (tracks.local_path): it is owned, not to be downloaded again.
        core::Result<void> markTrackOwned(std::int64_t trackId, const std::string& path);
        /// Fills tracks.musicbrainz_recording_id when it is still unknown.
        core::Result<void> setTrackRecordingId(std::int64_t trackId, const std::string& recordingId);
        /// tracks.musicbrainz_recording_id, when known.
        core::Result<std::optional<std::string>> trackRecordingId(std::int64_t trackId);
        /// A wanted track this file could be: same ISRC, else same primary artist and title (ignoring case).
        core::Result<std::optional<std::int64_t>> findWantedTrack(const std::string& isrc, const std::string& artist,
                                                                  const std::string& title);

    private:
        Database& db_;
    };
} // namespace soulspot::db
