#pragma once
// What the API and the CLI can ask of the library index: a background scan with live progress, browsing,
// statistics, duplicate groups, and whether a wanted track is already owned.

#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "db/repositories/LibraryRepository.hpp"
#include "db/repositories/Records.hpp"
#include "jobs/LibraryScanner.hpp"

namespace soulspot::jobs
{
    /// Files that are one recording: same MusicBrainz recording id, or same match key with lengths
    /// within a few seconds. `files` is ordered best quality first.
    struct DuplicateGroup
    {
        std::string key;
        std::vector<db::LibraryFileRecord> files;
    };

    class LibraryService
    {
    public:
        LibraryService(db::Database& db, std::filesystem::path musicRoot, ScanSettings settings = {});
        ~LibraryService();

        /// Starts a scan of `root` (default: the music folder; it must lie inside it) on a background
        /// thread. Conflict while one runs; InvalidArgument for a path that is not a folder in the library.
        core::Result<ScanProgress> startScan(const std::optional<std::filesystem::path>& root = std::nullopt);
        /// The running scan's progress, or the last one's result ("idle" before any).
        ScanProgress scanProgress() const;
        bool scanning() const;
        /// Waits for a running scan (tests).
        void waitForScan();
        /// Asks a running scan to stop after the files in hand and waits for it (shutdown).
        void cancelScan();

        core::Result<std::pair<std::vector<db::LibraryFileRecord>, std::int64_t>> tracks(const std::string& q, int limit,
                                                                                         int offset);
        core::Result<db::LibraryStats> stats();
        core::Result<std::vector<DuplicateGroup>> duplicates();

        const std::filesystem::path& musicRoot() const { return musicRoot_; }

    private:
        db::Database& db_;
        std::filesystem::path musicRoot_;
        ScanSettings settings_;
        mutable std::mutex mutex_;
        ScanProgress progress_;
        bool running_{false};
        std::jthread scanThread_;
    };

    /// The best indexed copy of `track` (ISRC, MusicBrainz recording id, or match key and length), if any.
    core::Result<std::optional<db::LibraryFileRecord>> findOwnedCopy(db::Database& db, const db::TrackRecord& track);

    /// Groups `candidates` (as LibraryRepository::duplicateCandidates returns them) into duplicate groups.
    std::vector<DuplicateGroup> groupDuplicates(std::vector<db::LibraryFileRecord> candidates, int toleranceMs);
} // namespace soulspot::jobs
