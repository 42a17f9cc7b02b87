#pragma once
// The moves the download road shares between its search step (DownloadLifecycle) and its transfer step
// (TransferMonitor): saving through the state machine, waiting on an outage, starting a transfer, failing
// over to the next candidate, searching again later. Every status write of the road goes through commit(),
// so the transition table (core/DownloadStateMachine) sees every one; a failed write is logged and left to
// the watchdog, never discarded.

#include <chrono>
#include <memory>
#include <mutex>
#include <set>

#include "core/Clock.hpp"
#include "db/Database.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/DownloadStateStore.hpp"
#include "db/repositories/PeerRepository.hpp"
#include "jobs/DownloadPolicy.hpp"
#include "net/CircuitBreaker.hpp"
#include "sources/slskd/ISlskdApi.hpp"

namespace soulspot::jobs
{
    class DownloadRoad
    {
    public:
        DownloadRoad(db::Database& db, std::shared_ptr<sources::slskd::ISlskdApi> slskd,
                     std::shared_ptr<net::CircuitBreaker> breaker, DownloadPolicy policy, std::shared_ptr<core::IClock> clock);

        /// Saves `d` (whose row is in `expected`) through the state machine. False when the row moved on, the
        /// move is illegal, or the write failed (logged; the watchdog finds the row later).
        bool commit(const db::DownloadRecord& d, core::DownloadStatus expected, core::TransitionReason reason,
                    std::string_view note = {});
        /// Back to QUEUED after `delay`. With WaitForSlskd the wait is visible in waiting_for and nothing is charged.
        void backToQueue(db::DownloadRecord d, core::DownloadStatus expected, std::chrono::milliseconds delay,
                         core::TransitionReason reason, const std::string& why);
        /// Enqueues candidate `c` for `d` (row in `expected`) → DOWNLOADING; an outage → waits in the queue.
        void startTransfer(db::DownloadRecord d, core::DownloadStatus expected, const db::CandidateRecord& c);
        struct PlannedTransfer
        {
            db::DownloadRecord download;
            db::CandidateRecord candidate;
        };
        /// Enqueues the files of one user for several downloads (all in `expected`) in ONE slskd request
        /// (a batch on 0.26+, saved under `destination`): an album's folder as one unit. Each download then
        /// goes on alone: DOWNLOADING with its own transfer id, the next candidate, or back to the queue.
        void startTransfers(std::vector<PlannedTransfer> planned, core::DownloadStatus expected,
                            const std::string& destination);
        /// The current source failed: the next accepted candidate, else a later search, else FAILED.
        void failTransfer(db::DownloadRecord d, const std::string& reason, const std::string& message, bool blockSource);
        /// Every candidate is spent: QUEUED after the next backoff step, or FAILED once retries run out
        /// (sets d.status; the caller commits with the reason this returns).
        core::TransitionReason searchAgainLaterOrFail(db::DownloadRecord& d);
        /// After a crash between the enqueue POST and saving its id: re-attach to slskd's transfer, or enqueue once.
        void recoverEnqueue(db::DownloadRecord d, core::DownloadStatus expected);
        std::optional<db::CandidateRecord> nextCandidate(const db::DownloadRecord& d);
        /// Best effort: tells slskd to drop the transfer (remove=true) of a download that left the road.
        void cancelAtSlskd(const db::DownloadRecord& d, const std::string& why);

        /// Ids this instance's workers hold right now (their leases are renewed; nobody else's are).
        void holdLive(std::int64_t id);
        void releaseLive(std::int64_t id);
        std::vector<std::int64_t> liveIds() const;

        bool slskdAvailable() const;
        /// How long to wait for slskd: its Retry-After when it gave one, else the breaker's, at least 1 s.
        std::chrono::milliseconds slskdRetryAfter(const core::Error* cause = nullptr) const;
        std::string nowIso() const;
        std::string isoIn(std::chrono::milliseconds delay) const;
        std::string leaseUntil() const { return isoIn(policy_.leaseTtl); }

        /// Logs a failed side write (attempt rows, peer stats, blocklist) with the download it belongs to.
        void check(const core::Result<void>& r, std::int64_t downloadId, std::string_view what) const;
        template <typename T>
        void check(const core::Result<T>& r, std::int64_t downloadId, std::string_view what) const
        {
            if (!r)
                check(core::Result<void>(tl::unexpected(r.error())), downloadId, what);
        }

        db::Database& db() { return db_; }
        db::DownloadRepository& downloads() { return downloads_; }
        db::DownloadStateStore& states() { return states_; }
        db::PeerRepository& peers() { return peers_; }
        sources::slskd::ISlskdApi& slskd() { return *slskd_; }
        const DownloadPolicy& policy() const { return policy_; }
        core::IClock& clock() { return *clock_; }

    private:
        db::Database& db_;
        db::DownloadRepository downloads_;
        db::DownloadStateStore states_;
        db::PeerRepository peers_;
        std::shared_ptr<sources::slskd::ISlskdApi> slskd_;
        std::shared_ptr<net::CircuitBreaker> breaker_;
        DownloadPolicy policy_;
        std::shared_ptr<core::IClock> clock_;
        mutable std::mutex liveMutex_;
        std::set<std::int64_t> live_;
    };

    /// "soulspot-<id>": the per-download destination folder requested from slskd 0.26+.
    std::string destinationFolder(std::int64_t downloadId);
    /// "soulspot-album-<id>-<hash>": where an album's files from one peer's remote folder are saved (0.26+).
    std::string albumDestinationFolder(std::int64_t albumId, const std::string& username, const std::string& remoteFile);
    /// Where slskd 0.26+ puts the file of `d`: its album's folder when it was enqueued with one, else its own.
    std::string destinationFolderOf(const db::DownloadRecord& d);
} // namespace soulspot::jobs
