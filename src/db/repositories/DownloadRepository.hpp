#pragma once
// The durable download queue. Workers save state with `saveIfStatus`, a compare-and-set on the status, so a
// user's cancel that lands mid-step is never overwritten by a worker that read the row before it.

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
    };

    class DownloadRepository
    {
    public:
        explicit DownloadRepository(Database& db) : db_(db) {}

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

        /// Writes every mutable field when the row still has `expected` status; false when it changed.
        core::Result<bool> saveIfStatus(const DownloadRecord& record, core::DownloadStatus expected);
        /// For user actions: moves to `to` only from one of `from`; false when the row was elsewhere.
        core::Result<bool> transition(std::int64_t id, const std::vector<core::DownloadStatus>& from, core::DownloadStatus to,
                                      const std::optional<std::string>& errorCode = {},
                                      const std::optional<std::string>& errorMessage = {});
        core::Result<bool> setPriority(std::int64_t id, int priority);
        /// Back to QUEUED for a manual retry: counters reset, candidates kept for "pick another".
        core::Result<bool> requeue(std::int64_t id, const std::vector<core::DownloadStatus>& from);

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
        /// NOT_FOUND rows whose retry time has come go back to QUEUED; returns how many.
        core::Result<std::int64_t> reviveNotFound(const std::string& nowIso);

    private:
        core::Result<std::vector<DownloadRecord>> select(const std::string& where, const Params& params,
                                                         const std::string& tail = {});
        Database& db_;
    };

    /// Comma-separated, upper-case list parsing for `?status=QUEUED,DOWNLOADING`.
    core::Result<std::vector<core::DownloadStatus>> parseStatusList(const std::string& text);
} // namespace soulspot::db
