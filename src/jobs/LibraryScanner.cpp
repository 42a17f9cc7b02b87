#include "jobs/LibraryScanner.hpp"

#include <unordered_set>

#include "core/Clock.hpp"
#include "core/Log.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "jobs/LibraryIndexing.hpp"
#include "library/AudioFileWalker.hpp"
#include "library/ParallelTagReader.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.scan");

        void note(ScanProgress& p, std::size_t maxProblems, std::string problem)
        {
            ++p.errors;
            if (p.problems.size() < maxProblems)
                p.problems.push_back(std::move(problem));
        }
    } // namespace

    core::Result<ScanProgress> LibraryScanner::scan(const std::filesystem::path& rootIn, const ScanProgressCallback& progress,
                                                    std::stop_token stop)
    {
        std::error_code ec;
        if (!std::filesystem::is_directory(rootIn, ec))
            return core::fail(core::Error::invalid(rootIn.string() + " is not a folder"));
        const auto root = std::filesystem::weakly_canonical(rootIn, ec);
        ScanProgress p;
        p.root = root.string();
        p.startedAt = std::chrono::system_clock::now();
        p.phase = "walking";
        auto report = [&] {
            if (progress)
                progress(p);
        };
        report();

        auto walk = library::listAudioFiles(root);
        if (!walk)
            return core::fail(walk.error());
        for (auto& problem : walk->problems)
            note(p, settings_.maxProblems, std::move(problem));
        p.filesSeen = static_cast<std::int64_t>(walk->files.size());

        db::LibraryRepository repo(db_);
        // The prefix ends with a separator so "/music" does not claim "/music-old".
        std::string prefix = root.string();
        if (!prefix.ends_with('/'))
            prefix += '/';
        auto known = repo.stamps(prefix);
        if (!known)
            return core::fail(known.error());

        std::vector<library::AudioFileEntry> changed;
        std::unordered_set<std::string> present;
        present.reserve(walk->files.size());
        for (auto& f : walk->files)
        {
            auto key = f.path.string();
            auto it = known->find(key);
            if (it != known->end() && it->second.sizeBytes == static_cast<std::int64_t>(f.sizeBytes) &&
                it->second.mtimeNs == toNanoseconds(f.modified))
                ++p.filesSkipped;
            else
                changed.push_back(f);
            present.insert(std::move(key));
        }
        std::vector<std::string> gone;
        for (const auto& [path, stamp] : *known)
            if (!present.count(path))
                gone.push_back(path);
        // A walk that stopped early must not be mistaken for a folder that emptied.
        if (!gone.empty() && walk->problems.empty())
        {
            auto removed = repo.removePaths(gone);
            if (!removed)
                return core::fail(removed.error());
            p.filesRemoved = *removed;
        }

        p.phase = "reading";
        report();
        std::optional<core::Error> writeError;
        const std::string scannedAt = core::toIso8601(std::chrono::system_clock::now());
        library::readTagsInParallel(
            changed, {settings_.threads, settings_.batchSize},
            [&](std::vector<library::FileReadResult>&& batch) {
                if (writeError)
                    return; // drain the readers; the scan has already failed
                std::vector<db::LibraryFileRecord> rows;
                rows.reserve(batch.size());
                for (auto& r : batch)
                {
                    if (!r.tags)
                    {
                        note(p, settings_.maxProblems, r.entry.path.string() + ": " + r.tags.error().message);
                        continue;
                    }
                    rows.push_back(libraryRecordFor(r.entry, *r.tags));
                    rows.back().scannedAt = scannedAt;
                }
                if (auto written = repo.upsertBatch(rows); !written)
                {
                    writeError = written.error();
                    return;
                }
                p.filesRead += static_cast<std::int64_t>(rows.size());
                report();
            },
            stop);
        p.finishedAt = std::chrono::system_clock::now();
        if (writeError)
        {
            p.phase = "failed";
            report();
            return core::fail(*writeError);
        }
        p.phase = "done";
        report();
        kLog.info("library scanned", {{"root", p.root},
                                      {"seen", p.filesSeen},
                                      {"read", p.filesRead},
                                      {"unchanged", p.filesSkipped},
                                      {"removed", p.filesRemoved},
                                      {"errors", p.errors}});
        return p;
    }
} // namespace soulspot::jobs
