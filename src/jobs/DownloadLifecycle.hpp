#pragma once
// The road of one wanted track through slskd (DESIGN.md): QUEUED → SEARCHING → (scored) → DOWNLOADING,
// tracked by slskd's transfer id → COMPLETED, or NOT_FOUND / FAILED with a reason. Every step is saved
// before the next begins, so a crash resumes where it stopped and never enqueues the same file twice.
// Failures fall back to the next accepted candidate first, then to a new search after a backoff.

#include <functional>
#include <memory>
#include <stop_token>

#include "core/Clock.hpp"
#include "db/Database.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/KeyValueRepository.hpp"
#include "db/repositories/PeerRepository.hpp"
#include "jobs/DownloadPolicy.hpp"
#include "jobs/ImportStep.hpp"
#include "jobs/SearchScheduler.hpp"
#include "matching/CandidateScorer.hpp"
#include "net/CircuitBreaker.hpp"
#include "sources/slskd/ISlskdApi.hpp"

namespace soulspot::jobs
{
    using ProfileResolver = std::function<matching::QualityProfile(const std::optional<std::string>& override)>;

    class DownloadLifecycle
    {
    public:
        DownloadLifecycle(db::Database& db, std::shared_ptr<sources::slskd::ISlskdApi> slskd,
                          std::shared_ptr<net::CircuitBreaker> breaker, std::shared_ptr<SearchScheduler> scheduler,
                          DownloadPolicy policy, ProfileResolver profiles, std::shared_ptr<core::IClock> clock);

        /// Takes one claimed download (status SEARCHING) to DOWNLOADING, NOT_FOUND, or back to QUEUED when
        /// slskd is unavailable (no attempt charged).
        void acquire(db::DownloadRecord download, std::stop_token stop);
        /// One pass over DOWNLOADING rows: progress, completion, failures, stalls.
        void monitorTransfers();
        /// After a restart: interrupted searches go back to the queue; interrupted enqueues are re-attached
        /// to the transfer slskd already has, or enqueued once.
        void recoverInterrupted();
        /// The user's "pick another": download candidate `rank` of this download instead.
        core::Result<void> chooseCandidate(std::int64_t downloadId, int rank);
        /// Cancels locally and at slskd (remove=true). Conflict when the download is not active.
        core::Result<void> cancel(std::int64_t downloadId);

        /// Optional: without an import step a located file ends as COMPLETED in the downloads folder.
        void setImportStep(std::shared_ptr<IImportStep> step) { importStep_ = std::move(step); }
        /// One pass over VERIFYING rows (and COMPLETED rows whose file still waits in the downloads folder
        /// once an import step exists): verify, tag, move.
        void importFinished();

        bool slskdAvailable() const;
        std::chrono::milliseconds slskdRetryAfter() const;

    private:
        struct SearchOutcome;
        core::Result<std::vector<matching::SearchResponse>> runSearch(db::DownloadRecord& d, const std::string& query,
                                                                     std::stop_token stop);
        /// Enqueues candidate `c` for `d`, whose current status is `expected`. Returns false when slskd was
        /// unavailable and the download went back to the queue.
        void startTransfer(db::DownloadRecord d, core::DownloadStatus expected, const db::CandidateRecord& c);
        void failAfterSearch(db::DownloadRecord d, int responseCount);
        /// Every candidate is spent: QUEUED again after the next backoff step, or FAILED once retries run out.
        void searchAgainLaterOrFail(db::DownloadRecord& d);
        void failTransfer(db::DownloadRecord d, const std::string& reason, const std::string& message, bool blockSource);
        void finishSucceeded(db::DownloadRecord d, const sources::slskd::TransferDto& transfer);
        void runImport(db::DownloadRecord d);
        void recoverEnqueue(db::DownloadRecord d, core::DownloadStatus expected);
        void backToQueue(db::DownloadRecord d, core::DownloadStatus expected, std::chrono::milliseconds delay,
                         const std::string& why);
        std::optional<db::CandidateRecord> nextCandidate(const db::DownloadRecord& d);
        std::string nowIso() const;
        std::string isoIn(std::chrono::milliseconds delay) const;

        db::Database& db_;
        db::DownloadRepository downloads_;
        db::PeerRepository peers_;
        db::SearchCacheRepository cache_;
        std::shared_ptr<sources::slskd::ISlskdApi> slskd_;
        std::shared_ptr<net::CircuitBreaker> breaker_;
        std::shared_ptr<SearchScheduler> scheduler_;
        DownloadPolicy policy_;
        ProfileResolver profiles_;
        std::shared_ptr<core::IClock> clock_;
        matching::CandidateScorer scorer_;
        std::shared_ptr<IImportStep> importStep_;
    };

    /// "soulspot-<id>": the per-download destination folder requested from slskd 0.26+.
    std::string destinationFolder(std::int64_t downloadId);
} // namespace soulspot::jobs
