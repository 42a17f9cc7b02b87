#pragma once
// The one place a download's status is written. Every write is checked against the road's transition
// table (core/DownloadStateMachine) and is a compare-and-set on the status, so a user's cancel that lands
// mid-step is never overwritten by a worker that read the row before it, and an illegal move is refused
// (and logged) instead of written. Every status change is recorded in download_events with its reason, in
// the same transaction.
//
// Leases: a row in an owned status (SEARCHING/DOWNLOADING/VERIFYING) carries claimed_by/claimed_until. The
// instance that claimed it renews the lease while it works; a row whose lease ran out has no live owner and
// is taken over (two instances on one PostgreSQL) or put back in the queue by the watchdog.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/DownloadStateMachine.hpp"
#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/Records.hpp"

namespace soulspot::db
{
    class DownloadStateStore
    {
    public:
        explicit DownloadStateStore(Database& db) : db_(db) {}

        /// Writes every mutable field of `record` when the row still has `expected` status and the move
        /// expected → record.status is legal for `reason`. False when the row moved on or the move is illegal.
        core::Result<bool> save(const DownloadRecord& record, core::DownloadStatus expected, core::TransitionReason reason,
                                std::string_view note = {});
        /// User actions: moves the row from whichever of `from` it is in to `to`, touching only the status and
        /// the error fields. Returns the status it left, or nullopt when it was in none of them.
        core::Result<std::optional<core::DownloadStatus>> move(std::int64_t id, const std::vector<core::DownloadStatus>& from,
                                                               core::DownloadStatus to, core::TransitionReason reason,
                                                               const std::optional<std::string>& errorCode = {},
                                                               const std::optional<std::string>& errorMessage = {},
                                                               const std::string& leaseOwner = {},
                                                               const std::string& leaseUntil = {});
        /// Back to QUEUED for a retry: counters reset, candidates kept for "pick another". Returns the status
        /// it left, or nullopt. Conflict when the track already has another active download.
        core::Result<std::optional<core::DownloadStatus>> requeue(std::int64_t id, const std::vector<core::DownloadStatus>& from,
                                                                  core::TransitionReason reason);

        /// Takes the best due QUEUED row for `instance` (SEARCHING, leased until `leaseUntil`): its id, or
        /// nullopt when none is due.
        core::Result<std::optional<std::int64_t>> claimNext(const std::string& instance, const std::string& nowIso,
                                                              const std::string& leaseUntil);
        /// Renews this instance's lease on the rows it is working on now.
        core::Result<void> renewLeases(const std::string& instance, const std::vector<std::int64_t>& ids,
                                       const std::string& leaseUntil);
        /// DOWNLOADING/VERIFYING rows this instance may work on in this pass: its own, unleased ones and ones
        /// whose lease ran out are leased to it (read them with DownloadRepository::leasedTo).
        core::Result<void> leaseTransferRows(const std::string& instance, const std::string& nowIso,
                                                                    const std::string& leaseUntil);
        /// Which SEARCHING rows count as having no live owner.
        enum class Stranded
        {
            LeaseExpired,      // while running: nobody renewed the lease
            ExpiredOrOwnStale, // at start-up: also rows this instance held before it restarted
            All,               // at start-up on SQLite, which only one process may open
        };
        /// SEARCHING rows with no live owner, leased to `instance` so exactly one watchdog handles each;
        /// returns their ids.
        core::Result<std::vector<std::int64_t>> takeStrandedSearches(const std::string& instance, const std::string& nowIso,
                                                                     const std::string& leaseUntil, Stranded scope);
        /// Marks (or clears) the visible wait without changing the status.
        core::Result<void> setWaiting(std::int64_t id, const std::optional<std::string>& why);

        /// NOT_FOUND rows whose retry time has come go back to QUEUED (one event each); returns how many.
        core::Result<std::int64_t> reviveNotFound(const std::string& nowIso);

        /// The recorded history of one download, oldest first.
        core::Result<std::vector<DownloadEventRecord>> events(std::int64_t downloadId);

    private:
        Database& db_;
    };
} // namespace soulspot::db
