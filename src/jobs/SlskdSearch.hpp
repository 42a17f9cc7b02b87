#pragma once
// One Soulseek search through slskd as both roads (tracks and albums) run it: start, wait for completion,
// fetch the responses, tell the scheduler whether it came back empty, cache the answer, delete the search
// in slskd (which keeps searches forever otherwise). Errors mean slskd could not answer; a completed search
// with nothing in it is an empty list, never an error.

#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/repositories/KeyValueRepository.hpp"
#include "jobs/DownloadPolicy.hpp"
#include "jobs/SearchScheduler.hpp"
#include "matching/SearchResponse.hpp"
#include "sources/slskd/ISlskdApi.hpp"

namespace soulspot::jobs
{
    struct SlskdSearchContext
    {
        sources::slskd::ISlskdApi& slskd;
        SearchScheduler& scheduler;
        db::SearchCacheRepository& cache;
        const DownloadPolicy& policy;
    };

    /// Runs `query` under our own `searchId`; `logKey`/`logId` name the download or album in the log.
    core::Result<std::vector<matching::SearchResponse>> runSlskdSearch(const SlskdSearchContext& ctx,
                                                                       const std::string& searchId,
                                                                       const std::string& query,
                                                                       const std::string& logKey, std::int64_t logId);
} // namespace soulspot::jobs
