// The transfer side of the download lifecycle: following slskd transfers by id, completion, failures with
// fallback to the next candidate, stalls, cancellation and crash recovery.
#include <algorithm>
#include <filesystem>

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "jobs/CandidateMapping.hpp"
#include "jobs/DownloadLifecycle.hpp"
#include "jobs/FileLocator.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.transfer");

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

    void DownloadLifecycle::monitorTransfers()
    {
        auto active = downloads_.withStatus(core::DownloadStatus::Downloading);
        if (!active)
            return;
        for (auto& d : *active)
        {
            core::CorrelationScope scope(d.correlationId.value_or(""));
            if (d.enqueuePending || !d.transferId || !d.username)
            {
                recoverEnqueue(d, core::DownloadStatus::Downloading);
                continue;
            }
            auto t = slskd_->getTransfer(*d.username, *d.transferId);
            if (!t)
            {
                if (t.error().code == core::ErrorCode::NotFound)
                {
                    failTransfer(d, "transfer_lost", "slskd no longer knows transfer " + *d.transferId, false);
                    continue;
                }
                // slskd down or slow: nothing is charged to the download; try again on the next pass.
                if (!slskdAvailable())
                    return;
                continue;
            }
            if (t->bytesTransferred > d.bytesTransferred)
                d.lastProgressAt = nowIso();
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
                (void)slskd_->cancelTransfer(*d.username, *d.transferId, true);
                if (t->outcome == TransferOutcome::Cancelled)
                {
                    // Cancelled at slskd (by its user or by slskd itself): treat as a failed source, try another.
                    failTransfer(d, "cancelled", t->exception.value_or("transfer cancelled in slskd"), false);
                    continue;
                }
                failTransfer(d, std::string(sources::slskd::reasonCode(t->outcome)), t->exception.value_or(t->state), true);
                continue;
            }
            const auto since = d.lastProgressAt ? parseIso(*d.lastProgressAt) : clock_->now();
            if (clock_->now() - since > policy_.stallTimeout)
            {
                (void)slskd_->cancelTransfer(*d.username, *d.transferId, true);
                failTransfer(d, "stalled",
                             "no progress for " + std::to_string(policy_.stallTimeout.count()) + " s (state " + t->state + ")",
                             true);
                continue;
            }
            (void)downloads_.saveIfStatus(d, core::DownloadStatus::Downloading);
        }
    }

    void DownloadLifecycle::finishSucceeded(db::DownloadRecord d, const sources::slskd::TransferDto& transfer)
    {
        LocateRequest locate{policy_.slskdDownloadPath, *d.filename, d.size.value_or(transfer.size), destinationFolder(d.id)};
        auto path = locateDownloadedFile(locate);
        if (!path)
        {
            (void)slskd_->cancelTransfer(*d.username, *d.transferId, true);
            failTransfer(d, "file_missing",
                         "slskd reports success but no file of " + std::to_string(locate.expectedSize) + " bytes was found under " +
                             policy_.slskdDownloadPath,
                         true);
            return;
        }
        d.status = importStep_ ? core::DownloadStatus::Verifying : core::DownloadStatus::Completed;
        d.localPath = path->string();
        d.progressPercent = 100;
        d.errorCode.reset();
        d.errorMessage.reset();
        if (!importStep_)
            d.completedAt = nowIso();
        if (auto saved = downloads_.saveIfStatus(d, core::DownloadStatus::Downloading); !saved || !*saved)
            return;
        (void)slskd_->cancelTransfer(*d.username, *d.transferId, true); // tidy slskd's list; the file stays
        kLog.info("transfer finished", {{"download_id", d.id}, {"local_path", d.localPath.value_or("")}});
        if (!importStep_)
        {
            (void)downloads_.finishOpenAttempt(d.id, "succeeded", std::nullopt, std::nullopt);
            (void)peers_.recordOutcome(*d.username, true);
            return;
        }
        runImport(std::move(d));
    }

    void DownloadLifecycle::runImport(db::DownloadRecord d)
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
                (void)downloads_.saveIfStatus(d, core::DownloadStatus::Verifying);
                return;
            }
            kLog.warning("downloaded file rejected", {{"download_id", d.id}, {"reason", f.reasonCode}, {"message", f.message}});
            d.localPath.reset();
            failTransfer(std::move(d), f.reasonCode, f.message, f.blockSource);
            return;
        }
        d.status = core::DownloadStatus::Imported;
        d.localPath = outcome->finalPath;
        d.completedAt = nowIso();
        d.errorCode.reset();
        d.errorMessage.reset();
        if (auto saved = downloads_.saveIfStatus(d, core::DownloadStatus::Verifying); !saved || !*saved)
            return;
        (void)downloads_.finishOpenAttempt(d.id, "succeeded", std::nullopt, outcome->detail);
        if (d.username)
            (void)peers_.recordOutcome(*d.username, true);
        kLog.info("imported into the library", {{"download_id", d.id}, {"path", outcome->finalPath}});
    }

    void DownloadLifecycle::importFinished()
    {
        if (!importStep_)
            return;
        auto verifying = downloads_.withStatus(core::DownloadStatus::Verifying);
        if (!verifying)
            return;
        for (auto& d : *verifying)
        {
            core::CorrelationScope scope(d.correlationId.value_or(""));
            std::error_code ec;
            if (!d.localPath || !std::filesystem::exists(*d.localPath, ec))
            {
                d.localPath.reset();
                failTransfer(std::move(d), "file_missing", "the downloaded file disappeared before import", false);
                continue;
            }
            runImport(std::move(d));
        }
    }

    std::optional<db::CandidateRecord> DownloadLifecycle::nextCandidate(const db::DownloadRecord& d)
    {
        auto cs = downloads_.candidates(d.id);
        auto snapshot = peers_.snapshot(nowIso());
        if (!cs || !snapshot)
            return std::nullopt;
        const SnapshotPeerHistory history(std::move(*snapshot));
        for (const auto& c : *cs)
            if (c.accepted && !c.tried && !history.isBlocked(c.username, c.filename))
                return c;
        return std::nullopt;
    }

    void DownloadLifecycle::failTransfer(db::DownloadRecord d, const std::string& reason, const std::string& message,
                                         bool blockSource)
    {
        const auto expected = d.status;
        kLog.warning("transfer failed", {{"download_id", d.id},
                                         {"reason", reason},
                                         {"message", message},
                                         {"username", d.username.value_or("")},
                                         {"filename", d.filename.value_or("")}});
        (void)downloads_.finishOpenAttempt(d.id, "failed", reason, message);
        if (d.username)
        {
            (void)peers_.recordOutcome(*d.username, false);
            if (blockSource && d.filename)
                (void)peers_.block(*d.username, *d.filename, reason, isoIn(policy_.blocklistTtl));
        }
        d.errorCode = reason;
        d.errorMessage = message;
        if (auto next = nextCandidate(d))
        {
            kLog.info("falling back to the next candidate", {{"download_id", d.id}, {"rank", std::int64_t{next->rank}}});
            startTransfer(std::move(d), expected, *next);
            return;
        }
        d.transferId.reset();
        d.enqueuePending = false;
        searchAgainLaterOrFail(d);
        (void)downloads_.saveIfStatus(d, expected);
    }

    void DownloadLifecycle::searchAgainLaterOrFail(db::DownloadRecord& d)
    {
        d.searchRetries += 1;
        if (d.searchRetries <= policy_.maxSearchRetries)
        {
            const auto idx = std::min<std::size_t>(static_cast<std::size_t>(d.searchRetries - 1), policy_.retryBackoff.size() - 1);
            const auto delay = policy_.retryBackoff.empty() ? std::chrono::seconds(60) : policy_.retryBackoff[idx];
            d.status = core::DownloadStatus::Queued;
            d.nextAttemptAt = isoIn(delay);
            kLog.info("no candidates left; searching again later",
                      {{"download_id", d.id}, {"retry", std::int64_t{d.searchRetries}}, {"delay_s", std::int64_t{delay.count()}}});
            return;
        }
        d.status = core::DownloadStatus::Failed;
        d.completedAt = nowIso();
        kLog.warning("download failed for good", {{"download_id", d.id}, {"reason", d.errorCode.value_or("")}});
    }

    void DownloadLifecycle::recoverEnqueue(db::DownloadRecord d, core::DownloadStatus expected)
    {
        if (!d.username || !d.filename)
        {
            backToQueue(d, expected, std::chrono::milliseconds(0), "incomplete enqueue record");
            return;
        }
        auto transfers = slskd_->listTransfers();
        if (!transfers)
        {
            backToQueue(d, expected, slskdRetryAfter(), "slskd unavailable while recovering an enqueue");
            return;
        }
        // The one filename match in the lifecycle: the POST may have succeeded before we saved its id.
        for (const auto& t : *transfers)
            if (t.username == *d.username && t.filename == *d.filename && !t.terminal())
            {
                d.transferId = t.id;
                d.enqueuePending = false;
                d.status = core::DownloadStatus::Downloading;
                d.attempts += 1;
                d.lastProgressAt = nowIso();
                if (auto saved = downloads_.saveIfStatus(d, expected); saved && *saved)
                {
                    (void)downloads_.addAttempt({0, d.id, *d.username, *d.filename, t.id, "downloading", std::nullopt,
                                                 std::string("re-attached after restart"), nowIso(), std::nullopt});
                    kLog.info("re-attached to an existing transfer", {{"download_id", d.id}, {"transfer_id", t.id}});
                }
                return;
            }
        auto cs = downloads_.candidates(d.id);
        if (cs)
            for (const auto& c : *cs)
                if (d.candidateId && c.id == *d.candidateId)
                {
                    startTransfer(std::move(d), expected, c);
                    return;
                }
        backToQueue(d, expected, std::chrono::milliseconds(0), "chosen candidate no longer stored");
    }

    void DownloadLifecycle::recoverInterrupted()
    {
        auto searching = downloads_.withStatus(core::DownloadStatus::Searching);
        if (searching)
            for (auto& d : *searching)
            {
                core::CorrelationScope scope(d.correlationId.value_or(""));
                if (d.enqueuePending)
                    recoverEnqueue(d, core::DownloadStatus::Searching);
                else
                    backToQueue(d, core::DownloadStatus::Searching, std::chrono::milliseconds(0), "search interrupted by restart");
            }
        // VERIFYING rows are picked up again by importFinished(): the file is still where slskd put it.
        if (!importStep_)
            return;
        // Files that finished before an import step existed (or before a restart) are imported now.
        auto completed = downloads_.withStatus(core::DownloadStatus::Completed);
        if (completed)
            for (auto& d : *completed)
            {
                std::error_code ec;
                if (!d.localPath || !std::filesystem::exists(*d.localPath, ec))
                    continue;
                const auto root = std::filesystem::weakly_canonical(policy_.slskdDownloadPath, ec);
                const auto file = std::filesystem::weakly_canonical(*d.localPath, ec);
                if (ec || file.string().rfind(root.string(), 0) != 0)
                    continue; // already somewhere else (e.g. imported by hand)
                d.status = core::DownloadStatus::Verifying;
                (void)downloads_.saveIfStatus(d, core::DownloadStatus::Completed);
            }
    }

    core::Result<void> DownloadLifecycle::cancel(std::int64_t downloadId)
    {
        auto d = downloads_.get(downloadId);
        if (!d)
            return core::fail(d.error());
        if (!*d)
            return core::fail(core::Error::notFound("download " + std::to_string(downloadId) + " not found"));
        using S = core::DownloadStatus;
        auto moved = downloads_.transition(downloadId, {S::Queued, S::Searching, S::Downloading, S::Verifying, S::NotFound},
                                           S::Cancelled, std::string("cancelled"), std::string("cancelled by the user"));
        if (!moved)
            return core::fail(moved.error());
        if (!*moved)
            return core::fail(core::Error::conflict("download " + std::to_string(downloadId) + " is " +
                                                    std::string(core::toString((*d)->status)) + " and cannot be cancelled"));
        (void)downloads_.finishOpenAttempt(downloadId, "cancelled", std::string("cancelled"), std::string("cancelled by the user"));
        if ((*d)->transferId && (*d)->username)
        {
            core::CorrelationScope scope((*d)->correlationId.value_or(""));
            if (auto r = slskd_->cancelTransfer(*(*d)->username, *(*d)->transferId, true); !r)
                kLog.warning("could not cancel the transfer at slskd", {{"download_id", downloadId}, {"error", r.error().message}});
        }
        return {};
    }
} // namespace soulspot::jobs
