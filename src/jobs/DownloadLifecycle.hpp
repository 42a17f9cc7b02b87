#pragma once
// The road of one wanted track through slskd (DESIGN.md; every move is in core/DownloadStateMachine):
// QUEUED → SEARCHING → (scored) → DOWNLOADING, tracked by slskd's transfer id → VERIFYING → IMPORTED, or
// NOT_FOUND / FAILED with a reason. This class is the search step and the face the workers and the API see;
// the transfer step is TransferMonitor, the moves both share are DownloadRoad. Every step is saved before
// the next begins, so a crash resumes where it stopped and never enqueues the same file twice.
//
// Failure semantics: NOT_FOUND only when a search completed and nothing acceptable came back. slskd that
// cannot be asked (refused, dropped, proxy 5xx, timeout, HTML page, credentials refused after a restart)
// means the download waits in the queue, visibly, with no attempt charged.

#include <functional>
#include <memory>
#include <stop_token>

#include "db/repositories/KeyValueRepository.hpp"
#include "jobs/DownloadRoad.hpp"
#include "jobs/ImportStep.hpp"
#include "jobs/SearchScheduler.hpp"
#include "jobs/TransferMonitor.hpp"
#include "matching/CandidateScorer.hpp"

namespace soulspot::jobs
{
    using ProfileResolver = std::function<matching::QualityProfile(const std::optional<std::string>& override)>;

    class DownloadLifecycle
    {
    public:
        DownloadLifecycle(db::Database& db, std::shared_ptr<sources::slskd::ISlskdApi> slskd,
                          std::shared_ptr<net::CircuitBreaker> breaker, std::shared_ptr<SearchScheduler> scheduler,
                          DownloadPolicy policy, ProfileResolver profiles, std::shared_ptr<core::IClock> clock);

        /// Claims the next due download for this instance; nullopt when none is due.
        std::optional<db::DownloadRecord> claimNext();
        /// Takes one claimed download (status SEARCHING) to DOWNLOADING, NOT_FOUND, or back to QUEUED when
        /// slskd cannot be asked (no attempt charged).
        void acquire(db::DownloadRecord download, std::stop_token stop);
        /// One pass over this instance's DOWNLOADING rows: progress, completion, failures, stalls.
        void monitorTransfers() { monitor_.monitorTransfers(); }
        /// One pass over VERIFYING rows: verify, tag, move.
        void importFinished() { monitor_.importFinished(); }
        /// After a restart: interrupted searches go back to the queue; interrupted enqueues are re-attached.
        void recoverInterrupted() { monitor_.recoverInterrupted(); }
        /// While running: renews this instance's leases and puts rows with no live owner back on the road.
        void watchdog() { monitor_.watchdog(); }
        /// The user's "pick another": download candidate `rank` of this download instead.
        core::Result<void> chooseCandidate(std::int64_t downloadId, int rank);
        /// The slskd side of a cancel the service already recorded.
        void cancelAtSlskd(const db::DownloadRecord& d) { road_.cancelAtSlskd(d, "cancelled by the user"); }

        void setImportStep(std::shared_ptr<IImportStep> step) { monitor_.setImportStep(std::move(step)); }

        bool slskdAvailable() const { return road_.slskdAvailable(); }
        std::chrono::milliseconds slskdRetryAfter() const { return road_.slskdRetryAfter(); }
        DownloadRoad& road() { return road_; }

    private:
        struct SearchRound;
        core::Result<std::vector<matching::SearchResponse>> runSearch(db::DownloadRecord& d, const std::string& query,
                                                                     std::stop_token stop);
        void decideAfterSearch(db::DownloadRecord d, const SearchRound& round);

        DownloadRoad road_;
        TransferMonitor monitor_;
        db::SearchCacheRepository cache_;
        std::shared_ptr<SearchScheduler> scheduler_;
        ProfileResolver profiles_;
        matching::CandidateScorer scorer_;
    };
} // namespace soulspot::jobs
