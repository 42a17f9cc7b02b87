// The transfer side of the download road: following slskd transfers by id, completion, failures with
// fallback to the next candidate, stalls, import, crash recovery and the watchdog.
#include "jobs/TransferMonitor.hpp"

#include <algorithm>
#include <filesystem>

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "jobs/FileLocator.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.transfer");
        using S = core::DownloadStatus;
        using R = core::TransitionReason;

        std::chrono::system_clock::time_point parseIso(const std::string& iso)
        {
            std::tm tm{};
            int ms = 0;
            if (std::sscanf(iso.c_str(), "%d-%d-%dT%d:%d:%d.%dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
                            &tm.tm_sec, &ms) < 6)
                return {};
            tm.tm_year -= 1900;
            tm.tm_mon -= 1;
            return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(ms);
        }
    } // namespace

    void TransferMonitor::monitorTransfers()
    {
        const auto& instance = road_.policy().instanceId;
        road_.check(road_.states().leaseTransferRows(instance, road_.nowIso(), road_.leaseUntil()), 0, "lease transfers");
        auto active = road_.downloads().leasedTo(instance, {S::Downloading});
        if (!active)
            return;
        for (auto& d : *active)
        {
            core::CorrelationScope scope(d.correlationId.value_or(""));
            if (d.enqueuePending || !d.transferId || !d.username)
            {
                road_.recoverEnqueue(d, S::Downloading);
                continue;
            }
            auto t = road_.slskd().getTransfer(*d.username, *d.transferId);
            if (!t)
            {
                if (t.error().code == core::ErrorCode::NotFound)
                {
                    road_.failTransfer(d, "transfer_lost", "slskd no longer knows transfer " + *d.transferId, false);
                    continue;
                }
                // slskd cannot be asked: nothing is charged to the download; the next pass asks again.
                if (!d.waitingFor)
                {
                    d.waitingFor = "slskd unreachable: " + t.error().message;
                    road_.commit(d, S::Downloading, R::Saved);
                }
                if (!road_.slskdAvailable())
                    return;
                continue;
            }
            d.waitingFor.reset();
            const auto now = road_.clock().now();
            if (t->bytesTransferred > d.bytesTransferred)
                d.lastProgressAt = road_.nowIso();
            d.bytesTransferred = std::max<std::int64_t>(0, t->bytesTransferred);
            d.progressPercent = std::clamp(t->percentComplete, 0.0, 100.0);

            using sources::slskd::TransferOutcome;
            if (t->outcome == TransferOutcome::Succeeded)
            {
                finishSucceeded(d, *t);
                continue;
            }
            if (t->terminal())
            {
                road_.cancelAtSlskd(d, "tidy a finished transfer");
                if (t->outcome == TransferOutcome::Cancelled)
                {
                    // Cancelled at slskd (by its user or by slskd itself): treat as a failed source, try another.
                    road_.failTransfer(d, "cancelled", t->exception.value_or("transfer cancelled in slskd"), false);
                    continue;
                }
                road_.failTransfer(d, std::string(sources::slskd::reasonCode(t->outcome)), t->exception.value_or(t->state),
                                   true);
                continue;
            }
            const auto since = d.lastProgressAt ? parseIso(*d.lastProgressAt) : now;
            if (now - since > road_.policy().stallTimeout)
            {
                road_.cancelAtSlskd(d, "stalled");
                road_.failTransfer(d,
                                   "stalled",
                                   "no progress for " + std::to_string(road_.policy().stallTimeout.count()) + " s (state " +
                                       t->state + ")",
                                   true);
                continue;
            }
            road_.commit(d, S::Downloading, R::Saved);
        }
    }

    void TransferMonitor::finishSucceeded(db::DownloadRecord d, const sources::slskd::TransferDto& transfer)
    {
        const auto& policy = road_.policy();
        LocateRequest locate{policy.slskdDownloadPath, *d.filename, d.size.value_or(transfer.size), destinationFolderOf(d)};
        auto path = locateDownloadedFile(locate);
        if (!path)
        {
            road_.cancelAtSlskd(d, "file missing");
            road_.failTransfer(d, "file_missing",
                               "slskd reports success but no file of " + std::to_string(locate.expectedSize) +
                                   " bytes was found under " + policy.slskdDownloadPath,
                               true);
            return;
        }
        d.status = importStep_ ? S::Verifying : S::Completed;
        d.localPath = path->string();
        d.progressPercent = 100;
        d.errorCode.reset();
        d.errorMessage.reset();
        if (!importStep_)
            d.completedAt = road_.nowIso();
        if (!road_.commit(d, S::Downloading, R::TransferSucceeded))
            return;
        road_.cancelAtSlskd(d, "tidy slskd's list; the file stays");
        kLog.info("transfer finished", {{"download_id", d.id}, {"local_path", d.localPath.value_or("")}});
        if (!importStep_)
        {
            road_.check(road_.downloads().finishOpenAttempt(d.id, "succeeded", std::nullopt, std::nullopt), d.id, "close attempt");
            road_.check(road_.peers().recordOutcome(*d.username, true), d.id, "peer stats");
            return;
        }
        runImport(std::move(d));
    }

    void TransferMonitor::runImport(db::DownloadRecord d)
    {
        const std::filesystem::path file = d.localPath.value_or("");
        auto outcome = importStep_->importDownloaded(d, file);
        if (!outcome)
        {
            const auto& f = outcome.error();
            if (f.retryLater)
            {
                // Local trouble (disk full, library unmounted): the file stays; the next pass tries again.
                kLog.warning("import postponed", {{"download_id", d.id}, {"reason", f.reasonCode}, {"message", f.message}});
                d.errorCode = f.reasonCode;
                d.errorMessage = f.message;
                road_.commit(d, S::Verifying, R::ImportPostponed);
                return;
            }
            kLog.warning("downloaded file rejected", {{"download_id", d.id}, {"reason", f.reasonCode}, {"message", f.message}});
            d.localPath.reset();
            road_.failTransfer(std::move(d), f.reasonCode, f.message, f.blockSource);
            return;
        }
        d.status = S::Imported;
        d.localPath = outcome->finalPath;
        d.completedAt = road_.nowIso();
        d.errorCode.reset();
        d.errorMessage.reset();
        if (!road_.commit(d, S::Verifying, R::Imported, outcome->finalPath))
            return;
        road_.check(road_.downloads().finishOpenAttempt(d.id, "succeeded", std::nullopt, outcome->detail), d.id, "close attempt");
        if (d.username)
            road_.check(road_.peers().recordOutcome(*d.username, true), d.id, "peer stats");
        kLog.info("imported into the library", {{"download_id", d.id}, {"path", outcome->finalPath}});
    }

    void TransferMonitor::importFinished()
    {
        if (!importStep_)
            return;
        auto verifying = road_.downloads().leasedTo(road_.policy().instanceId, {S::Verifying});
        if (!verifying)
            return;
        for (auto& d : *verifying)
        {
            core::CorrelationScope scope(d.correlationId.value_or(""));
            std::error_code ec;
            if (!d.localPath || !std::filesystem::exists(*d.localPath, ec))
            {
                d.localPath.reset();
                road_.failTransfer(std::move(d), "file_missing", "the downloaded file disappeared before import", false);
                continue;
            }
            runImport(std::move(d));
        }
    }

    void TransferMonitor::recoverStranded(db::DownloadStateStore::Stranded scope)
    {
        const auto& instance = road_.policy().instanceId;
        auto ids = road_.states().takeStrandedSearches(instance, road_.nowIso(), road_.leaseUntil(), scope);
        if (!ids)
        {
            kLog.error("watchdog could not look for stranded downloads", {{"error", ids.error().message}});
            return;
        }
        const auto live = road_.liveIds();
        for (const auto id : *ids)
        {
            if (std::find(live.begin(), live.end(), id) != live.end())
                continue;
            auto d = road_.downloads().get(id);
            if (!d || !*d)
                continue;
            core::CorrelationScope correlation((*d)->correlationId.value_or(""));
            kLog.warning("download had no live owner; putting it back on the road", {{"download_id", id}});
            if ((*d)->enqueuePending)
                road_.recoverEnqueue(std::move(**d), S::Searching);
            else
                road_.backToQueue(std::move(**d), S::Searching, std::chrono::milliseconds(0),
                                  scope == db::DownloadStateStore::Stranded::LeaseExpired ? R::Stranded : R::Interrupted,
                                  scope == db::DownloadStateStore::Stranded::LeaseExpired ? "no live owner"
                                                                                          : "search interrupted by restart");
        }
    }

    void TransferMonitor::watchdog()
    {
        road_.check(road_.states().renewLeases(road_.policy().instanceId, road_.liveIds(), road_.leaseUntil()), 0,
                    "renew leases");
        recoverStranded(db::DownloadStateStore::Stranded::LeaseExpired);
    }

    void TransferMonitor::recoverInterrupted()
    {
        // SQLite is opened by one process only, so every SEARCHING row at start-up was ours.
        recoverStranded(road_.db().dialect() == db::Dialect::Sqlite ? db::DownloadStateStore::Stranded::All
                                                                    : db::DownloadStateStore::Stranded::ExpiredOrOwnStale);
        // VERIFYING rows are picked up again by importFinished(): the file is still where slskd put it.
        if (!importStep_)
            return;
        // Files that finished before an import step existed (or before a restart) are imported now.
        auto completed = road_.downloads().withStatus(S::Completed);
        if (!completed)
            return;
        for (auto& d : *completed)
        {
            std::error_code ec;
            if (!d.localPath || !std::filesystem::exists(*d.localPath, ec))
                continue;
            if (!library::isWithin(road_.policy().slskdDownloadPath, *d.localPath))
                continue; // already somewhere else (e.g. imported by hand)
            d.status = S::Verifying;
            road_.commit(d, S::Completed, R::ImportResumed);
        }
    }
} // namespace soulspot::jobs
