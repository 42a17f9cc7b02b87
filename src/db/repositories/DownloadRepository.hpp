#pragma once
// The durable download queue: reads, candidates and attempts. Status writes go through DownloadStateStore
// (the transition table and compare-and-set live there, nowhere else).

#include <map>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/Records.hpp"

namespace soulspot::db
{
    struct DownloadFilter
    {
        std::vector<core::DownloadStatus> statuses; // empty = all
        int limit{100};
        int offset{0};
        /// Keyset paging: only ids below this one (newest first), so a walk over a changing queue neither
        /// skips nor repeats a row.
        std::optional<std::int64_t> beforeId;
    };

    class DownloadRepository
    {
    public:
        explicit DownloadRepository(Database& db) : db_(db) {}

        /// Conflict when the track already has an active download (a partial unique index holds this, so
        /// concurrent creates cannot both succeed).
        core::Result<std::int64_t> create(std::int64_t trackId, int priority, const std::optional<std::string>& profile,
                                          const std::string& correlationId);
        /// A download of this track that is still moving (QUEUED, SEARCHING, DOWNLOADING, VERIFYING).
        core::Result<std::optional<std::int64_t>> findActiveForTrack(std::int64_t trackId);
        core::Result<std::optional<DownloadRecord>> get(std::int64_t id);
        core::Result<std::vector<DownloadRecord>> list(const DownloadFilter& filter);
        core::Result<std::int64_t> count(const std::vector<core::DownloadStatus>& statuses);
        core::Result<std::map<std::string, std::int64_t>> countByStatus();
        /// QUEUED rows due now, by priority then age.
        core::Result<std::vector<DownloadRecord>> due(const std::string& nowIso, int limit);
        core::Result<std::vector<DownloadRecord>> withStatus(core::DownloadStatus status);

        /// Rows of these statuses leased to `instance` (see DownloadStateStore).
        core::Result<std::vector<DownloadRecord>> leasedTo(const std::string& instance,
                                                           const std::vector<core::DownloadStatus>& statuses);
        core::Result<bool> setPriority(std::int64_t id, int priority);

        core::Result<void> replaceCandidates(std::int64_t downloadId, const std::vector<CandidateRecord>& candidates);
        core::Result<std::vector<CandidateRecord>> candidates(std::int64_t downloadId);
        core::Result<void> markCandidateTried(std::int64_t candidateId);

        core::Result<std::int64_t> addAttempt(const AttemptRecord& attempt);
        core::Result<void> finishAttempt(std::int64_t attemptId, const std::string& outcome,
                                         const std::optional<std::string>& reasonCode, const std::optional<std::string>& message);
        core::Result<std::vector<AttemptRecord>> attempts(std::int64_t downloadId);
        /// Closes the attempt that is still open (no end time) for this download, if any.
        core::Result<void> finishOpenAttempt(std::int64_t downloadId, const std::string& outcome,
                                             const std::optional<std::string>& reasonCode,
                                             const std::optional<std::string>& message);

    private:
        core::Result<std::vector<DownloadRecord>> select(const std::string& where, const Params& params,
                                                         const std::string& tail = {});
        Database& db_;
    };

    /// Comma-separated, upper-case list parsing for `?status=QUEUED,DOWNLOADING`.
    core::Result<std::vector<core::DownloadStatus>> parseStatusList(const std::string& text);
    /// Inserts `candidates` for `downloadId` inside the caller's transaction.
    core::Result<void> insertCandidates(Connection& c, std::int64_t downloadId, const std::vector<CandidateRecord>& candidates);
} // namespace soulspot::db
