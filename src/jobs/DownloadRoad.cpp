#include "jobs/DownloadRoad.hpp"

#include <cstdio>

#include "core/Log.hpp"
#include "jobs/CandidateMapping.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.download");
        using S = core::DownloadStatus;
        using R = core::TransitionReason;
    } // namespace

    std::string destinationFolder(std::int64_t downloadId) { return "soulspot-" + std::to_string(downloadId); }

    std::string albumDestinationFolder(std::int64_t albumId, const std::string& username, const std::string& remoteFile)
    {
        // One folder per (album, peer, remote folder): CD1\01.flac and CD2\01.flac never collide, and the
        // name is computed again from the download alone when its file is looked for.
        const auto cut = remoteFile.find_last_of("\\/");
        const std::string parent = cut == std::string::npos ? std::string() : remoteFile.substr(0, cut);
        std::uint64_t h = 1469598103934665603ULL; // FNV-1a: stable across builds and platforms
        for (const unsigned char ch : username + '\0' + parent)
        {
            h ^= ch;
            h *= 1099511628211ULL;
        }
        char hex[17];
        std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
        return "soulspot-album-" + std::to_string(albumId) + "-" + std::string(hex, 8);
    }

    std::string destinationFolderOf(const db::DownloadRecord& d)
    {
        if (d.albumId && d.username && d.filename)
            return albumDestinationFolder(*d.albumId, *d.username, *d.filename);
        return destinationFolder(d.id);
    }

    DownloadRoad::DownloadRoad(db::Database& db, std::shared_ptr<sources::slskd::ISlskdApi> slskd,
                               std::shared_ptr<net::CircuitBreaker> breaker, DownloadPolicy policy,
                               std::shared_ptr<core::IClock> clock)
        : db_(db), downloads_(db), states_(db), peers_(db), slskd_(std::move(slskd)), breaker_(std::move(breaker)),
          policy_(std::move(policy)), clock_(std::move(clock))
    {
    }

    std::string DownloadRoad::nowIso() const { return core::toIso8601(clock_->now()); }

    std::string DownloadRoad::isoIn(std::chrono::milliseconds delay) const { return core::toIso8601(clock_->now() + delay); }

    bool DownloadRoad::slskdAvailable() const { return breaker_->state() != net::BreakerState::Open; }

    std::chrono::milliseconds DownloadRoad::slskdRetryAfter(const core::Error* cause) const
    {
        auto wait = breaker_->retryAfter();
        if (cause && cause->retryAfter)
            wait = std::max(wait, *cause->retryAfter);
        return std::max(wait, std::chrono::milliseconds(1000));
    }

    void DownloadRoad::check(const core::Result<void>& r, std::int64_t downloadId, std::string_view what) const
    {
        if (!r)
            kLog.error("database write failed", {{"download_id", downloadId},
                                                 {"what", std::string(what)},
                                                 {"error", r.error().message}});
    }

    bool DownloadRoad::commit(const db::DownloadRecord& d, S expected, R reason, std::string_view note)
    {
        auto saved = states_.save(d, expected, reason, note);
        if (!saved)
        {
            kLog.error("could not save the download; the watchdog will pick it up",
                       {{"download_id", d.id}, {"to", std::string(core::toString(d.status))}, {"error", saved.error().message}});
            return false;
        }
        return *saved;
    }

    void DownloadRoad::holdLive(std::int64_t id)
    {
        std::lock_guard lock(liveMutex_);
        live_.insert(id);
    }

    void DownloadRoad::releaseLive(std::int64_t id)
    {
        std::lock_guard lock(liveMutex_);
        live_.erase(id);
    }

    std::vector<std::int64_t> DownloadRoad::liveIds() const
    {
        std::lock_guard lock(liveMutex_);
        return {live_.begin(), live_.end()};
    }

    void DownloadRoad::backToQueue(db::DownloadRecord d, S expected, std::chrono::milliseconds delay, R reason,
                                   const std::string& why)
    {
        d.status = S::Queued;
        d.nextAttemptAt = isoIn(delay);
        d.waitingFor = reason == R::WaitForSlskd ? std::optional<std::string>(why) : std::nullopt;
        kLog.info("download waits: " + why, {{"download_id", d.id},
                                             {"reason", std::string(core::toString(reason))},
                                             {"retry_in_ms", std::int64_t{delay.count()}}});
        commit(d, expected, reason, why);
    }

    void DownloadRoad::startTransfer(db::DownloadRecord d, S expected, const db::CandidateRecord& c)
    {
        std::vector<PlannedTransfer> one;
        auto target = d;
        target.username = c.username;
        target.filename = c.filename;
        const auto destination = destinationFolderOf(target);
        one.push_back({std::move(d), c});
        startTransfers(std::move(one), expected, destination);
    }

    void DownloadRoad::startTransfers(std::vector<PlannedTransfer> planned, S expected, const std::string& destination)
    {
        if (planned.empty())
            return;
        // Persist every intent first: a crash after the POST is recovered by finding each file's transfer.
        std::vector<PlannedTransfer> intended;
        std::vector<sources::slskd::EnqueueFile> files;
        for (auto& [d, c] : planned)
        {
            d.status = expected;
            d.enqueuePending = true;
            d.username = c.username;
            d.filename = c.filename;
            d.size = c.size;
            d.bitrate = c.bitrate;
            d.format = c.format;
            d.candidateId = c.id;
            d.transferId.reset();
            d.progressPercent = 0;
            d.bytesTransferred = 0;
            if (!commit(d, expected, R::Saved))
                continue;
            if (c.id != 0)
                check(downloads_.markCandidateTried(c.id), d.id, "mark candidate tried");
            files.push_back({c.filename, c.size});
            intended.push_back({std::move(d), c});
        }
        if (intended.empty())
            return;
        const auto& username = intended.front().candidate.username;

        sources::slskd::EnqueueOptions options;
        options.destination = destination;
        auto result = slskd_->enqueue(username, files, options);
        if (!result)
        {
            const bool wait = core::meansWait(result.error());
            const bool offline = result.error().code == core::ErrorCode::NotFound;
            for (auto& [d, c] : intended)
            {
                if (wait)
                {
                    // We cannot know whether slskd took it; enqueue_pending stays set so recovery checks first.
                    backToQueue(d, expected, slskdRetryAfter(&result.error()), R::WaitForSlskd,
                                "slskd unreachable during enqueue: " + result.error().message);
                    continue;
                }
                d.enqueuePending = false;
                if (!commit(d, expected, R::Saved))
                    continue;
                check(downloads_.addAttempt({0, d.id, c.username, c.filename, std::nullopt, "failed",
                                             offline ? "user_offline" : "enqueue_failed", result.error().message, nowIso(),
                                             nowIso()}),
                      d.id, "record attempt");
                failTransfer(std::move(d), offline ? "user_offline" : "enqueue_failed", result.error().message, !offline);
            }
            return;
        }
        for (auto& [d, c] : intended)
        {
            std::string transferId;
            for (const auto& e : result->enqueued)
                if (e.filename == c.filename)
                    transferId = e.transferId;
            if (transferId.empty())
            {
                std::string message = "slskd did not enqueue the file";
                for (const auto& f : result->failed)
                    if (f.filename == c.filename && !f.message.empty())
                        message = f.message;
                d.enqueuePending = false;
                if (!commit(d, expected, R::Saved))
                    continue;
                check(downloads_.addAttempt({0, d.id, c.username, c.filename, std::nullopt, "failed", "enqueue_failed",
                                             message, nowIso(), nowIso()}),
                      d.id, "record attempt");
                failTransfer(std::move(d), "enqueue_failed", message, true);
                continue;
            }
            d.transferId = transferId;
            d.enqueuePending = false;
            d.status = S::Downloading;
            d.attempts += 1;
            d.lastProgressAt = nowIso();
            d.errorCode.reset();
            d.errorMessage.reset();
            d.waitingFor.reset();
            if (!commit(d, expected, R::Enqueued, "from " + c.username))
            {
                // Cancelled while we were talking to slskd: do not leave an orphan transfer behind.
                check(slskd_->cancelTransfer(c.username, transferId, true), d.id, "cancel orphan transfer");
                continue;
            }
            check(downloads_.addAttempt({0, d.id, c.username, c.filename, transferId, "downloading", std::nullopt,
                                         std::nullopt, nowIso(), std::nullopt}),
                  d.id, "record attempt");
            kLog.info("transfer enqueued", {{"download_id", d.id},
                                            {"username", c.username},
                                            {"filename", c.filename},
                                            {"transfer_id", transferId},
                                            {"score", c.score}});
        }
    }

    std::optional<db::CandidateRecord> DownloadRoad::nextCandidate(const db::DownloadRecord& d)
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

    void DownloadRoad::failTransfer(db::DownloadRecord d, const std::string& reason, const std::string& message,
                                    bool blockSource)
    {
        const auto expected = d.status;
        kLog.warning("transfer failed", {{"download_id", d.id},
                                         {"reason", reason},
                                         {"message", message},
                                         {"username", d.username.value_or("")},
                                         {"filename", d.filename.value_or("")}});
        check(downloads_.finishOpenAttempt(d.id, "failed", reason, message), d.id, "close attempt");
        if (d.username)
        {
            check(peers_.recordOutcome(*d.username, false), d.id, "peer stats");
            if (blockSource && d.filename)
                check(peers_.block(*d.username, *d.filename, reason, isoIn(policy_.blocklistTtl)), d.id, "blocklist");
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
        const auto why = searchAgainLaterOrFail(d);
        commit(d, expected, why, message);
    }

    R DownloadRoad::searchAgainLaterOrFail(db::DownloadRecord& d)
    {
        d.searchRetries += 1;
        d.waitingFor.reset();
        if (d.searchRetries <= policy_.maxSearchRetries)
        {
            const auto idx = std::min<std::size_t>(static_cast<std::size_t>(d.searchRetries - 1), policy_.retryBackoff.size() - 1);
            const auto delay = policy_.retryBackoff.empty() ? std::chrono::seconds(60) : policy_.retryBackoff[idx];
            d.status = S::Queued;
            d.nextAttemptAt = isoIn(delay);
            kLog.info("no candidates left; searching again later",
                      {{"download_id", d.id}, {"retry", std::int64_t{d.searchRetries}}, {"delay_s", std::int64_t{delay.count()}}});
            return R::SearchAgainLater;
        }
        d.status = S::Failed;
        d.completedAt = nowIso();
        kLog.warning("download failed for good", {{"download_id", d.id}, {"reason", d.errorCode.value_or("")}});
        return R::RetriesExhausted;
    }

    void DownloadRoad::recoverEnqueue(db::DownloadRecord d, S expected)
    {
        if (!d.username || !d.filename)
        {
            backToQueue(d, expected, std::chrono::milliseconds(0), R::Interrupted, "incomplete enqueue record");
            return;
        }
        auto transfers = slskd_->listTransfers();
        if (!transfers)
        {
            backToQueue(d, expected, slskdRetryAfter(&transfers.error()), R::WaitForSlskd,
                        "slskd unreachable while recovering an enqueue: " + transfers.error().message);
            return;
        }
        // The one filename match in the lifecycle: the POST may have succeeded before we saved its id. A
        // transfer that already finished (or failed) while nobody watched counts too — the monitor takes it
        // from there — otherwise the file would be enqueued a second time. The newest request wins.
        const sources::slskd::TransferDto* found = nullptr;
        for (const auto& t : *transfers)
            if (t.username == *d.username && t.filename == *d.filename &&
                (!found || (found->terminal() && !t.terminal()) ||
                 (found->terminal() == t.terminal() && t.requestedAt > found->requestedAt)))
                found = &t;
        if (found)
        {
            const auto& t = *found;
            {
                d.transferId = t.id;
                d.enqueuePending = false;
                d.status = S::Downloading;
                d.attempts += 1;
                d.lastProgressAt = nowIso();
                d.waitingFor.reset();
                if (commit(d, expected, R::Reattached, "re-attached to slskd transfer " + t.id))
                {
                    check(downloads_.addAttempt({0, d.id, *d.username, *d.filename, t.id, "downloading", std::nullopt,
                                                 std::string("re-attached after restart"), nowIso(), std::nullopt}),
                          d.id, "record attempt");
                    kLog.info("re-attached to an existing transfer", {{"download_id", d.id}, {"transfer_id", t.id}});
                }
                return;
            }
        }
        auto cs = downloads_.candidates(d.id);
        if (cs)
            for (const auto& c : *cs)
                if (d.candidateId && c.id == *d.candidateId)
                {
                    startTransfer(std::move(d), expected, c);
                    return;
                }
        backToQueue(d, expected, std::chrono::milliseconds(0), R::Interrupted, "chosen candidate no longer stored");
    }

    void DownloadRoad::cancelAtSlskd(const db::DownloadRecord& d, const std::string& why)
    {
        if (!d.transferId || !d.username)
            return;
        if (auto r = slskd_->cancelTransfer(*d.username, *d.transferId, true); !r)
            kLog.warning("could not cancel the transfer at slskd", {{"download_id", d.id}, {"why", why}, {"error", r.error().message}});
    }
} // namespace soulspot::jobs
