#pragma once
// Indexes a music folder (issue 6): walk (size + mtime), skip files whose stamp is unchanged, read the rest
// with TagLib on a thread pool, write the rows in batches through the database's single writer, and drop
// rows of files that are gone. Progress goes to a callback after every batch.

#include <chrono>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"

namespace soulspot::jobs
{
    struct ScanProgress
    {
        std::string phase{"idle"}; // idle | walking | reading | done | failed
        std::string root;
        std::int64_t filesSeen{0};    // audio files found by the walk
        std::int64_t filesRead{0};    // read with TagLib and written to the index
        std::int64_t filesSkipped{0}; // unchanged since the last scan
        std::int64_t filesRemoved{0}; // in the index, gone from disk
        std::int64_t errors{0};       // unreadable files (and stat failures)
        std::vector<std::string> problems; // the first few errors, for the user
        std::chrono::system_clock::time_point startedAt{}, finishedAt{};

        std::int64_t toRead() const { return filesSeen - filesSkipped; }
    };

    struct ScanSettings
    {
        int threads{0};              // TagLib readers; 0 = hardware concurrency
        std::size_t batchSize{256};  // rows per database transaction
        std::size_t maxProblems{20};
    };

    using ScanProgressCallback = std::function<void(const ScanProgress&)>;

    class LibraryScanner
    {
    public:
        LibraryScanner(db::Database& db, ScanSettings settings = {}) : db_(db), settings_(settings) {}

        /// Scans `root` (which must be a readable folder: InvalidArgument otherwise). Unreadable files are
        /// counted, not fatal; a database failure stops the scan with that error.
        core::Result<ScanProgress> scan(const std::filesystem::path& root, const ScanProgressCallback& progress = {},
                                        std::stop_token stop = {});

    private:
        db::Database& db_;
        ScanSettings settings_;
    };
} // namespace soulspot::jobs
