// The one correct way to get search results out of slskd (reference/slskd-api.md §1.4 "timing trap"):
// responses are written only when the search finishes, Queued is not finished, and right after
// isComplete the list can still be empty.
#include <thread>

#include "core/Log.hpp"
#include "sources/slskd/ISlskdApi.hpp"

namespace soulspot::sources::slskd
{
    core::Result<SearchResult> ISlskdApi::searchAndWait(const SearchRequest& request, const SearchWaitOptions& options)
    {
        const core::Logger log("sources.slskd");
        auto started = startSearch(request);
        if (!started)
            return core::fail(started.error());
        const std::string id = started->id.empty() ? request.id : started->id;
        const auto deadline = std::chrono::steady_clock::now() + options.overallTimeout;

        SearchState state = *started;
        // Short searches are common (few peers answer): poll quickly at first, then back off to the interval.
        auto wait = std::min(options.pollInterval, std::chrono::milliseconds(50));
        while (!state.isComplete)
        {
            if (std::chrono::steady_clock::now() >= deadline)
            {
                (void)stopSearch(id); // best effort; slskd then completes it as Cancelled
                core::Error err{core::ErrorCode::Timeout, "slskd search " + id + " did not complete in time", true, 0};
                return core::fail(std::move(err));
            }
            std::this_thread::sleep_for(wait);
            wait = std::min(options.pollInterval, wait * 2);
            auto polled = getSearch(id);
            if (!polled)
                return core::fail(polled.error());
            state = *polled;
        }

        // Fetch at once; only when slskd has not persisted them yet (empty list but responses counted) wait
        // the settle delay the web UI uses and fetch again.
        auto responses = getSearchResponses(id);
        for (int retry = 0; responses && responses->empty() && state.responseCount > 0 &&
                            retry < options.emptyFetchRetries;
             ++retry)
        {
            log.debug("slskd responses not persisted yet, refetching",
                      {{"search_id", id}, {"response_count", std::int64_t{state.responseCount}}});
            std::this_thread::sleep_for(options.settleDelay);
            responses = getSearchResponses(id);
        }
        if (!responses)
            return core::fail(responses.error());
        return SearchResult{std::move(state), std::move(*responses)};
    }
} // namespace soulspot::sources::slskd
