#include "jobs/SlskdSearch.hpp"

#include "core/Log.hpp"
#include "jobs/CandidateMapping.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.search");
    } // namespace

    core::Result<std::vector<matching::SearchResponse>> runSlskdSearch(const SlskdSearchContext& ctx,
                                                                       const std::string& searchId,
                                                                       const std::string& query,
                                                                       const std::string& logKey, std::int64_t logId)
    {
        sources::slskd::SearchRequest request;
        request.id = searchId;
        request.searchText = query;
        request.searchTimeout = ctx.policy.searchTimeout;
        sources::slskd::SearchWaitOptions wait;
        wait.pollInterval = ctx.policy.searchPollInterval;
        wait.overallTimeout = ctx.policy.searchTimeout * 8;
        kLog.info("searching slskd", {{logKey, logId}, {"query", query}, {"search_id", searchId}});
        auto result = ctx.slskd.searchAndWait(request, wait);
        if (!result)
            return core::fail(result.error());
        auto responses = toMatching(result->responses);
        ctx.scheduler.recordResult(responses.empty());
        if (auto put = ctx.cache.put(query, responsesToJson(responses), static_cast<int>(responses.size())); !put)
            kLog.error("database write failed", {{logKey, logId}, {"what", "search cache"}, {"error", put.error().message}});
        if (auto gone = ctx.slskd.deleteSearch(searchId); !gone)
            kLog.debug("could not delete the finished search", {{logKey, logId}, {"error", gone.error().message}});
        kLog.info("search finished", {{logKey, logId},
                                      {"query", query},
                                      {"responses", std::int64_t(responses.size())},
                                      {"state", result->state.state}});
        return responses;
    }
} // namespace soulspot::jobs
