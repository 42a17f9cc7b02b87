// The search step: claim, search (with fallback queries), score, then hand the best candidate to the road.
#include "jobs/DownloadLifecycle.hpp"

#include <set>

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "core/Uuid.hpp"
#include "jobs/CandidateMapping.hpp"
#include "jobs/SlskdSearch.hpp"
#include "matching/QueryBuilder.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.download");
        using S = core::DownloadStatus;
        using R = core::TransitionReason;

        /// Releases this instance's hold on a row when the step ends, however it ends.
        class LiveHold
        {
        public:
            LiveHold(DownloadRoad& road, std::int64_t id) : road_(road), id_(id) { road_.holdLive(id_); }
            ~LiveHold() { road_.releaseLive(id_); }
            LiveHold(const LiveHold&) = delete;
            LiveHold& operator=(const LiveHold&) = delete;

        private:
            DownloadRoad& road_;
            std::int64_t id_;
        };
    } // namespace

    struct DownloadLifecycle::SearchRound
    {
        matching::MatchResult result;
        std::string lastQuery;
        int completedSearches{0};
        int responseCount{0};
    };

    DownloadLifecycle::DownloadLifecycle(db::Database& db, std::shared_ptr<sources::slskd::ISlskdApi> slskd,
                                         std::shared_ptr<net::CircuitBreaker> breaker,
                                         std::shared_ptr<SearchScheduler> scheduler, DownloadPolicy policy,
                                         ProfileResolver profiles, std::shared_ptr<core::IClock> clock)
        : road_(db, std::move(slskd), std::move(breaker), std::move(policy), std::move(clock)), monitor_(road_),
          cache_(db), scheduler_(std::move(scheduler)), profiles_(std::move(profiles))
    {
    }

    std::optional<db::DownloadRecord> DownloadLifecycle::claimNext()
    {
        auto& states = road_.states();
        const auto now = road_.nowIso();
        if (auto revived = states.reviveNotFound(now); !revived)
            kLog.error("could not revive NOT_FOUND downloads", {{"error", revived.error().message}});
        auto id = states.claimNext(road_.policy().instanceId, now, road_.leaseUntil());
        if (!id)
        {
            kLog.error("could not claim a download", {{"error", id.error().message}});
            return std::nullopt;
        }
        if (!*id)
            return std::nullopt;
        auto d = road_.downloads().get(**id);
        if (!d || !*d)
            return std::nullopt; // the watchdog puts the claimed row back once its lease runs out
        return std::move(**d);
    }

    core::Result<std::vector<matching::SearchResponse>> DownloadLifecycle::runSearch(db::DownloadRecord& d,
                                                                                    const std::string& query,
                                                                                    std::stop_token stop)
    {
        const auto& policy = road_.policy();
        // A retry after failed transfers wants fresh answers: new peers may have come online.
        const auto notBefore = core::toIso8601(road_.clock().now() - policy.searchCacheTtl);
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
        if (!road_.commit(d, S::Searching, R::Saved))
            return core::fail(core::Error::conflict("download changed while searching"));

        return runSlskdSearch({road_.slskd(), *scheduler_, cache_, policy}, *d.searchId, query, "download_id", d.id);
    }

    void DownloadLifecycle::acquire(db::DownloadRecord d, std::stop_token stop)
    {
        core::CorrelationScope scope(d.correlationId.value_or(""));
        LiveHold hold(road_, d.id);
        if (d.enqueuePending)
        {
            road_.recoverEnqueue(std::move(d), S::Searching);
            return;
        }
        const auto wanted = toWanted(d.track);
        const auto profile = profiles_(d.qualityProfile);
        auto snapshot = road_.peers().snapshot(road_.nowIso());
        const SnapshotPeerHistory history(snapshot ? std::move(*snapshot) : db::PeerSnapshot{});

        std::vector<matching::SearchResponse> all;
        std::set<std::pair<std::string, std::string>> seen;
        SearchRound round;
        for (const auto& query : matching::buildSearchQueries(wanted))
        {
            if (stop.stop_requested())
            {
                road_.backToQueue(d, S::Searching, std::chrono::milliseconds(0), R::Interrupted, "shutdown");
                return;
            }
            auto responses = runSearch(d, query, stop);
            if (!responses)
            {
                const auto& e = responses.error();
                if (e.code == core::ErrorCode::Conflict)
                    return; // cancelled by the user meanwhile
                if (e.code == core::ErrorCode::InvalidArgument)
                {
                    kLog.warning("search query refused", {{"download_id", d.id}, {"query", query}, {"error", e.message}});
                    continue; // this query is unusable; the next one may not be
                }
                // Anything else means slskd could not answer this search: we know nothing about the track yet.
                const auto why = stop.stop_requested() ? std::string("shutdown") : "slskd unreachable: " + e.message;
                road_.backToQueue(d, S::Searching, road_.slskdRetryAfter(&e),
                                  stop.stop_requested() ? R::Interrupted : R::WaitForSlskd, why);
                return;
            }
            round.lastQuery = query;
            round.completedSearches += 1;
            round.responseCount += static_cast<int>(responses->size());
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
            round.result = scorer_.score(wanted, all, profile, history);
            if (round.result.chosen)
                break;
        }
        decideAfterSearch(std::move(d), round);
    }

    void DownloadLifecycle::decideAfterSearch(db::DownloadRecord d, const SearchRound& round)
    {
        auto records = toCandidateRecords(round.result, round.lastQuery, road_.policy().maxStoredCandidates);
        road_.check(road_.downloads().replaceCandidates(d.id, records), d.id, "store candidates");
        d.waitingFor.reset();
        if (!round.result.chosen && d.attempts > 0)
        {
            // Earlier transfers failed and a new search found nothing untried: back off, then give up.
            const std::string why = round.responseCount == 0 ? "the new search found nothing"
                                                             : "the new search found no untried candidate";
            d.errorMessage = d.errorMessage ? *d.errorMessage + "; " + why : why;
            if (!d.errorCode)
                d.errorCode = "no_candidates_left";
            const auto reason = road_.searchAgainLaterOrFail(d);
            road_.commit(d, S::Searching, reason, why);
            return;
        }
        if (!round.result.chosen)
        {
            d.status = S::NotFound;
            d.errorCode = "no_match";
            d.errorMessage = round.completedSearches == 0 ? "no usable search query for this track"
                             : round.responseCount == 0   ? "no search results"
                                                          : std::to_string(round.result.candidates.size()) +
                                                              " candidates, none confidently the wanted track";
            d.nextAttemptAt = road_.isoIn(road_.policy().notFoundRetry);
            d.completedAt = road_.nowIso();
            kLog.info("not found", {{"download_id", d.id}, {"reason", *d.errorMessage}});
            road_.commit(d, S::Searching, R::NoMatch);
            return;
        }
        auto stored = road_.downloads().candidates(d.id);
        if (!stored || stored->empty())
        {
            road_.backToQueue(d, S::Searching, std::chrono::seconds(30), R::Interrupted, "candidates could not be stored");
            return;
        }
        road_.startTransfer(std::move(d), S::Searching, stored->front());
    }

    core::Result<void> DownloadLifecycle::chooseCandidate(std::int64_t downloadId, int rank)
    {
        auto d = road_.downloads().get(downloadId);
        if (!d)
            return core::fail(d.error());
        if (!*d)
            return core::fail(core::Error::notFound("download " + std::to_string(downloadId) + " not found"));
        auto cs = road_.downloads().candidates(downloadId);
        if (!cs)
            return core::fail(cs.error());
        auto it = std::find_if(cs->begin(), cs->end(), [rank](const auto& c) { return c.rank == rank; });
        if (it == cs->end())
            return core::fail(core::Error::notFound("download " + std::to_string(downloadId) + " has no candidate " +
                                                    std::to_string(rank)));
        db::DownloadRecord rec = **d;
        const auto from = rec.status;
        if (from == S::Searching || from == S::Verifying)
            return core::fail(core::Error::conflict("download is busy (" + std::string(core::toString(from)) + "); try again"));
        // Claim the row (SEARCHING) so the workers leave it alone while we switch files.
        auto claimed = road_.states().move(downloadId, {from}, S::Searching, R::UserPicked, std::nullopt, std::nullopt,
                                           road_.policy().instanceId, road_.leaseUntil());
        if (!claimed)
            return core::fail(claimed.error());
        if (!*claimed)
            return core::fail(core::Error::conflict("download changed; try again"));
        LiveHold hold(road_, downloadId);
        if (from == S::Downloading)
        {
            road_.cancelAtSlskd(rec, "replaced by the user's pick");
            road_.check(road_.downloads().finishOpenAttempt(downloadId, "cancelled", std::string("replaced_by_user"),
                                                            std::string("the user picked another candidate")),
                        downloadId, "close attempt");
        }
        rec.status = S::Searching;
        rec.claimedBy = road_.policy().instanceId; // the move above leased it to us
        rec.errorCode.reset();
        rec.errorMessage.reset();
        rec.completedAt.reset();
        rec.waitingFor.reset();
        kLog.info("user picked another candidate", {{"download_id", downloadId}, {"rank", std::int64_t{rank}}});
        road_.startTransfer(std::move(rec), S::Searching, *it);
        return {};
    }
} // namespace soulspot::jobs
