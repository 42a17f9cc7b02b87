// Searching, scoring and enqueueing. The transfer side is in TransferMonitor.cpp.
#include "jobs/DownloadLifecycle.hpp"

#include <set>

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "core/Uuid.hpp"
#include "jobs/CandidateMapping.hpp"
#include "matching/QueryBuilder.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.download");

        bool isOutage(const core::Error& e)
        {
            return e.code == core::ErrorCode::Unavailable || e.code == core::ErrorCode::Timeout ||
                   e.code == core::ErrorCode::RateLimited;
        }
    } // namespace

    std::string destinationFolder(std::int64_t downloadId) { return "soulspot-" + std::to_string(downloadId); }

    DownloadLifecycle::DownloadLifecycle(db::Database& db, std::shared_ptr<sources::slskd::ISlskdApi> slskd,
                                         std::shared_ptr<net::CircuitBreaker> breaker,
                                         std::shared_ptr<SearchScheduler> scheduler, DownloadPolicy policy,
                                         ProfileResolver profiles, std::shared_ptr<core::IClock> clock)
        : db_(db), downloads_(db), peers_(db), cache_(db), slskd_(std::move(slskd)), breaker_(std::move(breaker)),
          scheduler_(std::move(scheduler)), policy_(std::move(policy)), profiles_(std::move(profiles)), clock_(std::move(clock))
    {
    }

    std::string DownloadLifecycle::nowIso() const { return core::toIso8601(clock_->now()); }

    std::string DownloadLifecycle::isoIn(std::chrono::milliseconds delay) const { return core::toIso8601(clock_->now() + delay); }

    bool DownloadLifecycle::slskdAvailable() const { return breaker_->state() != net::BreakerState::Open; }

    std::chrono::milliseconds DownloadLifecycle::slskdRetryAfter() const
    {
        return std::max(breaker_->retryAfter(), std::chrono::milliseconds(1000));
    }

    void DownloadLifecycle::backToQueue(db::DownloadRecord d, core::DownloadStatus expected, std::chrono::milliseconds delay,
                                        const std::string& why)
    {
        d.status = core::DownloadStatus::Queued;
        d.nextAttemptAt = isoIn(delay);
        kLog.info("download waits: " + why, {{"download_id", d.id}, {"retry_in_ms", std::int64_t{delay.count()}}});
        (void)downloads_.saveIfStatus(d, expected);
    }

    core::Result<std::vector<matching::SearchResponse>> DownloadLifecycle::runSearch(db::DownloadRecord& d,
                                                                                    const std::string& query,
                                                                                    std::stop_token stop)
    {
        // A retry after failed transfers wants fresh answers: new peers may have come online.
        const auto notBefore = core::toIso8601(clock_->now() - policy_.searchCacheTtl);
        if (auto cached = d.searchRetries == 0 ? cache_.get(query, notBefore)
                                               : core::Result<std::optional<db::CachedSearch>>(std::nullopt);
            cached && *cached)
        {
            auto parsed = responsesFromJson((*cached)->responsesJson);
            if (parsed)
            {
                kLog.debug("search answered from cache", {{"download_id", d.id}, {"query", query}});
                return parsed;
            }
        }
        if (!scheduler_->acquire(stop))
            return core::fail(core::Error::unavailable("shutting down"));
        d.searchId = core::newUuid();
        d.searchQuery = query;
        if (auto saved = downloads_.saveIfStatus(d, core::DownloadStatus::Searching); !saved || !*saved)
            return core::fail(core::Error::conflict("download changed while searching"));

        sources::slskd::SearchRequest request;
        request.id = *d.searchId;
        request.searchText = query;
        request.searchTimeout = policy_.searchTimeout;
        sources::slskd::SearchWaitOptions wait;
        wait.pollInterval = policy_.searchPollInterval;
        wait.overallTimeout = policy_.searchTimeout * 8;
        kLog.info("searching slskd", {{"download_id", d.id}, {"query", query}, {"search_id", *d.searchId}});
        auto result = slskd_->searchAndWait(request, wait);
        if (!result)
            return core::fail(result.error());
        auto responses = toMatching(result->responses);
        scheduler_->recordResult(responses.empty());
        (void)cache_.put(query, responsesToJson(responses), static_cast<int>(responses.size()));
        (void)slskd_->deleteSearch(*d.searchId); // slskd keeps searches forever unless told otherwise
        kLog.info("search finished", {{"download_id", d.id},
                                      {"query", query},
                                      {"responses", std::int64_t(responses.size())},
                                      {"state", result->state.state}});
        return responses;
    }

    void DownloadLifecycle::acquire(db::DownloadRecord d, std::stop_token stop)
    {
        core::CorrelationScope scope(d.correlationId.value_or(""));
        if (d.enqueuePending)
        {
            recoverEnqueue(std::move(d), core::DownloadStatus::Searching);
            return;
        }
        const auto wanted = toWanted(d.track);
        const auto profile = profiles_(d.qualityProfile);
        auto snapshot = peers_.snapshot(nowIso());
        const SnapshotPeerHistory history(snapshot ? std::move(*snapshot) : db::PeerSnapshot{});

        std::vector<matching::SearchResponse> all;
        std::set<std::pair<std::string, std::string>> seen;
        matching::MatchResult result;
        std::string lastQuery;
        int responseCount = 0;
        for (const auto& query : matching::buildSearchQueries(wanted))
        {
            if (stop.stop_requested())
            {
                backToQueue(d, core::DownloadStatus::Searching, std::chrono::milliseconds(0), "shutdown");
                return;
            }
            auto responses = runSearch(d, query, stop);
            if (!responses)
            {
                if (responses.error().code == core::ErrorCode::Conflict)
                    return; // cancelled by the user meanwhile
                if (isOutage(responses.error()) || stop.stop_requested())
                {
                    backToQueue(d, core::DownloadStatus::Searching, slskdRetryAfter(), responses.error().message);
                    return;
                }
                kLog.warning("search failed", {{"download_id", d.id}, {"query", query}, {"error", responses.error().message}});
                continue;
            }
            lastQuery = query;
            responseCount += static_cast<int>(responses->size());
            // Merge answers of all queries so a fallback query adds candidates instead of replacing them.
            for (auto& r : *responses)
            {
                matching::SearchResponse merged = r;
                merged.files.clear();
                for (auto& f : r.files)
                    if (seen.insert({r.username, f.filename}).second)
                        merged.files.push_back(f);
                all.push_back(std::move(merged));
            }
            result = scorer_.score(wanted, all, profile, history);
            if (result.chosen)
                break;
        }

        auto records = toCandidateRecords(result, lastQuery, policy_.maxStoredCandidates);
        if (auto r = downloads_.replaceCandidates(d.id, records); !r)
            kLog.error("cannot store candidates", {{"download_id", d.id}, {"error", r.error().message}});
        if (!result.chosen && d.attempts > 0)
        {
            // Earlier transfers failed and a new search found nothing untried: back off, then give up.
            failAfterSearch(std::move(d), responseCount);
            return;
        }
        if (!result.chosen)
        {
            d.status = core::DownloadStatus::NotFound;
            d.errorCode = "no_match";
            d.errorMessage = responseCount == 0 ? "no search results"
                                                : std::to_string(result.candidates.size()) +
                                                      " candidates, none confidently the wanted track";
            d.nextAttemptAt = isoIn(policy_.notFoundRetry);
            d.completedAt = nowIso();
            kLog.info("not found", {{"download_id", d.id}, {"reason", *d.errorMessage}});
            (void)downloads_.saveIfStatus(d, core::DownloadStatus::Searching);
            return;
        }
        auto stored = downloads_.candidates(d.id);
        if (!stored || stored->empty())
        {
            backToQueue(d, core::DownloadStatus::Searching, std::chrono::seconds(30), "candidates could not be stored");
            return;
        }
        startTransfer(std::move(d), core::DownloadStatus::Searching, stored->front());
    }

    void DownloadLifecycle::startTransfer(db::DownloadRecord d, core::DownloadStatus expected, const db::CandidateRecord& c)
    {
        // Persist the intent first: a crash after the POST is recovered by finding this file's transfer.
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
        if (auto saved = downloads_.saveIfStatus(d, expected); !saved || !*saved)
            return;
        (void)downloads_.markCandidateTried(c.id);

        sources::slskd::EnqueueOptions options;
        options.destination = destinationFolder(d.id);
        auto result = slskd_->enqueue(c.username, {{c.filename, c.size}}, options);
        if (!result)
        {
            if (isOutage(result.error()))
            {
                // We cannot know whether slskd took it; enqueue_pending stays set so recovery checks first.
                backToQueue(d, expected, slskdRetryAfter(), "slskd unavailable during enqueue: " + result.error().message);
                return;
            }
            const bool offline = result.error().code == core::ErrorCode::NotFound;
            d.enqueuePending = false;
            (void)downloads_.saveIfStatus(d, expected);
            (void)downloads_.addAttempt({0, d.id, c.username, c.filename, std::nullopt, "failed",
                                         offline ? "user_offline" : "enqueue_failed", result.error().message, nowIso(), nowIso()});
            d.status = expected;
            failTransfer(std::move(d), offline ? "user_offline" : "enqueue_failed", result.error().message, !offline);
            return;
        }
        std::string transferId;
        for (const auto& e : result->enqueued)
            if (e.filename == c.filename)
                transferId = e.transferId;
        if (transferId.empty())
        {
            std::string message = "slskd did not enqueue the file";
            for (const auto& f : result->failed)
                message = f.message.empty() ? message : f.message;
            d.enqueuePending = false;
            (void)downloads_.saveIfStatus(d, expected);
            (void)downloads_.addAttempt({0, d.id, c.username, c.filename, std::nullopt, "failed", "enqueue_failed", message,
                                         nowIso(), nowIso()});
            failTransfer(std::move(d), "enqueue_failed", message, true);
            return;
        }
        d.transferId = transferId;
        d.enqueuePending = false;
        d.status = core::DownloadStatus::Downloading;
        d.attempts += 1;
        d.lastProgressAt = nowIso();
        d.errorCode.reset();
        d.errorMessage.reset();
        auto saved = downloads_.saveIfStatus(d, expected);
        if (!saved || !*saved)
        {
            // Cancelled while we were talking to slskd: do not leave an orphan transfer behind.
            (void)slskd_->cancelTransfer(c.username, transferId, true);
            return;
        }
        (void)downloads_.addAttempt({0, d.id, c.username, c.filename, transferId, "downloading", std::nullopt, std::nullopt,
                                     nowIso(), std::nullopt});
        kLog.info("transfer enqueued", {{"download_id", d.id},
                                        {"username", c.username},
                                        {"filename", c.filename},
                                        {"transfer_id", transferId},
                                        {"score", c.score}});
    }

    void DownloadLifecycle::failAfterSearch(db::DownloadRecord d, int responseCount)
    {
        const std::string why = responseCount == 0 ? "the new search found nothing"
                                                   : "the new search found no untried candidate";
        d.errorMessage = d.errorMessage ? *d.errorMessage + "; " + why : why;
        if (!d.errorCode)
            d.errorCode = "no_candidates_left";
        searchAgainLaterOrFail(d);
        (void)downloads_.saveIfStatus(d, core::DownloadStatus::Searching);
    }

    core::Result<void> DownloadLifecycle::chooseCandidate(std::int64_t downloadId, int rank)
    {
        auto d = downloads_.get(downloadId);
        if (!d)
            return core::fail(d.error());
        if (!*d)
            return core::fail(core::Error::notFound("download " + std::to_string(downloadId) + " not found"));
        auto cs = downloads_.candidates(downloadId);
        if (!cs)
            return core::fail(cs.error());
        auto it = std::find_if(cs->begin(), cs->end(), [rank](const auto& c) { return c.rank == rank; });
        if (it == cs->end())
            return core::fail(core::Error::notFound("download " + std::to_string(downloadId) + " has no candidate " +
                                                    std::to_string(rank)));
        db::DownloadRecord rec = **d;
        const auto from = rec.status;
        if (from == core::DownloadStatus::Searching || from == core::DownloadStatus::Verifying)
            return core::fail(core::Error::conflict("download is busy (" + std::string(core::toString(from)) + "); try again"));
        // Claim the row (SEARCHING) so the workers leave it alone while we switch files.
        auto claimed = downloads_.transition(downloadId, {from}, core::DownloadStatus::Searching);
        if (!claimed)
            return core::fail(claimed.error());
        if (!*claimed)
            return core::fail(core::Error::conflict("download changed; try again"));
        if (from == core::DownloadStatus::Downloading && rec.transferId && rec.username)
        {
            (void)slskd_->cancelTransfer(*rec.username, *rec.transferId, true);
            (void)downloads_.finishOpenAttempt(downloadId, "cancelled", std::string("replaced_by_user"),
                                               std::string("the user picked another candidate"));
        }
        rec.status = core::DownloadStatus::Searching;
        rec.errorCode.reset();
        rec.errorMessage.reset();
        rec.completedAt.reset();
        kLog.info("user picked another candidate", {{"download_id", downloadId}, {"rank", std::int64_t{rank}}});
        startTransfer(std::move(rec), core::DownloadStatus::Searching, *it);
        return {};
    }
} // namespace soulspot::jobs
