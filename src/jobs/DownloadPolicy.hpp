#pragma once
// The knobs of the download lifecycle, filled from configuration by app/.

#include <chrono>
#include <string>
#include <vector>

namespace soulspot::jobs
{
    struct DownloadPolicy
    {
        int maxConcurrent{3};                                   // searching + downloading at once
        int maxSearchRetries{3};                                // new searches after the candidates ran out
        std::vector<std::chrono::seconds> retryBackoff{std::chrono::seconds(60), std::chrono::seconds(300),
                                                       std::chrono::seconds(900)};
        std::chrono::seconds stallTimeout{600};                 // no progress for this long → stalled
        std::chrono::seconds notFoundRetry{86400};              // NOT_FOUND is searched again after this
        std::chrono::seconds blocklistTtl{7 * 86400};           // a failed source stays blocked this long
        std::chrono::milliseconds monitorInterval{1000};        // transfer polling
        std::chrono::milliseconds idleInterval{500};            // queue polling when there is nothing to do
        std::chrono::milliseconds searchTimeout{15000};         // slskd's idle search timeout
        std::chrono::milliseconds searchPollInterval{500};
        std::chrono::seconds searchCacheTtl{3600};
        int maxStoredCandidates{200};
        std::string slskdDownloadPath;                          // slskd's downloads folder as we see it
        std::string defaultProfile{"lossless-first"};
        /// This process among the instances sharing the database; leases on the rows it works on carry it.
        std::string instanceId{"local"};
        /// A row whose lease is older than this has no live owner: the watchdog or another instance takes it.
        std::chrono::seconds leaseTtl{60};
        std::chrono::seconds watchdogInterval{15};
    };
} // namespace soulspot::jobs
