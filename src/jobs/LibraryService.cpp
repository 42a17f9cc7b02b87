#include "jobs/LibraryService.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <numeric>

#include "core/Log.hpp"
#include "jobs/LibraryIndexing.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::jobs
{
    LibraryService::LibraryService(db::Database& db, std::filesystem::path musicRoot, ScanSettings settings)
        : db_(db), musicRoot_(std::move(musicRoot)), settings_(settings)
    {
    }

    LibraryService::~LibraryService() { cancelScan(); }

    void LibraryService::cancelScan()
    {
        std::jthread running;
        {
            std::lock_guard lock(mutex_);
            running = std::move(scanThread_);
        }
        if (running.joinable())
        {
            running.request_stop();
            running.join();
        }
    }

    core::Result<ScanProgress> LibraryService::startScan(const std::optional<std::filesystem::path>& root)
    {
        const auto target = root.value_or(musicRoot_);
        std::error_code ec;
        if (!library::isWithin(musicRoot_, target))
            return core::fail(core::Error::invalid(target.string() + " is not inside the music folder " + musicRoot_.string()));
        if (!std::filesystem::is_directory(target, ec))
            return core::fail(core::Error::invalid(target.string() + " is not a folder"));
        std::lock_guard lock(mutex_);
        if (running_)
            return core::fail(core::Error::conflict("a library scan is already running"));
        if (scanThread_.joinable())
            scanThread_.join(); // the previous scan has finished; reap its thread
        running_ = true;
        progress_ = ScanProgress{};
        progress_.phase = "walking";
        progress_.root = target.string();
        progress_.startedAt = std::chrono::system_clock::now();
        scanThread_ = std::jthread([this, target](std::stop_token stop) {
            LibraryScanner scanner(db_, settings_);
            auto result = scanner.scan(
                target,
                [this](const ScanProgress& p) {
                    std::lock_guard inner(mutex_);
                    progress_ = p;
                },
                stop);
            std::lock_guard inner(mutex_);
            if (!result)
            {
                progress_.phase = "failed";
                progress_.problems.push_back(result.error().message);
                progress_.finishedAt = std::chrono::system_clock::now();
                core::Logger("jobs.scan").error("library scan failed", {{"error", result.error().message}});
            }
            else
                progress_ = *result;
            running_ = false;
        });
        return progress_;
    }

    ScanProgress LibraryService::scanProgress() const
    {
        std::lock_guard lock(mutex_);
        return progress_;
    }

    bool LibraryService::scanning() const
    {
        std::lock_guard lock(mutex_);
        return running_;
    }

    void LibraryService::waitForScan()
    {
        std::jthread finished;
        {
            std::lock_guard lock(mutex_);
            finished = std::move(scanThread_);
        }
        if (finished.joinable())
            finished.join();
    }

    core::Result<std::pair<std::vector<db::LibraryFileRecord>, std::int64_t>> LibraryService::tracks(const std::string& q,
                                                                                                     int limit, int offset)
    {
        return db::LibraryRepository(db_).search(q, limit, offset);
    }

    core::Result<db::LibraryStats> LibraryService::stats() { return db::LibraryRepository(db_).stats(); }

    core::Result<std::vector<DuplicateGroup>> LibraryService::duplicates()
    {
        auto candidates = db::LibraryRepository(db_).duplicateCandidates();
        if (!candidates)
            return core::fail(candidates.error());
        return groupDuplicates(std::move(*candidates), kOwnedLengthToleranceMs);
    }

    std::vector<DuplicateGroup> groupDuplicates(std::vector<db::LibraryFileRecord> rows, int toleranceMs)
    {
        // Union-find over rows: a shared recording id joins two files, and so does the same match key with
        // lengths that chain within the tolerance (rows arrive ordered by key, then length).
        std::vector<std::size_t> parent(rows.size());
        std::iota(parent.begin(), parent.end(), std::size_t{0});
        auto find = [&](std::size_t i) {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        };
        auto join = [&](std::size_t a, std::size_t b) { parent[find(a)] = find(b); };
        std::map<std::string, std::size_t> byRecording;
        for (std::size_t i = 0; i < rows.size(); ++i)
        {
            if (!rows[i].mbRecordingId.empty())
            {
                auto [it, inserted] = byRecording.emplace(rows[i].mbRecordingId, i);
                if (!inserted)
                    join(i, it->second);
            }
            if (i > 0 && !rows[i].matchKey.empty() && rows[i].matchKey == rows[i - 1].matchKey)
            {
                const int a = rows[i].durationMs.value_or(0), b = rows[i - 1].durationMs.value_or(0);
                if (std::abs(a - b) <= toleranceMs)
                    join(i, i - 1);
            }
        }
        std::map<std::size_t, DuplicateGroup> groups;
        for (std::size_t i = 0; i < rows.size(); ++i)
        {
            auto& g = groups[find(i)];
            if (g.key.empty())
                g.key = rows[i].mbRecordingId.empty() ? rows[i].matchKey : rows[i].mbRecordingId;
            g.files.push_back(std::move(rows[i]));
        }
        std::vector<DuplicateGroup> out;
        for (auto& [root, g] : groups)
        {
            if (g.files.size() < 2)
                continue;
            std::stable_sort(g.files.begin(), g.files.end(), [](const auto& a, const auto& b) {
                return a.qualityRank.value_or(0) > b.qualityRank.value_or(0);
            });
            out.push_back(std::move(g));
        }
        std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
        return out;
    }

    core::Result<std::optional<db::LibraryFileRecord>> findOwnedCopy(db::Database& db, const db::TrackRecord& track)
    {
        db::LibraryRepository repo(db);
        auto query = ownedQueryFor(track);
        auto recording = repo.trackRecordingId(track.id);
        if (!recording)
            return core::fail(recording.error());
        query.mbRecordingId = recording->value_or("");
        return repo.findOwned(query);
    }
} // namespace soulspot::jobs
