#pragma once
// slskd as the download lifecycle sees it. Implemented over HTTP by SlskdClient; tests of the lifecycle may
// swap in their own fake. Every transfer is addressed by slskd's transfer id, never by filename.

#include <chrono>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "sources/slskd/SlskdTypes.hpp"

namespace soulspot::sources::slskd
{
    struct SearchWaitOptions
    {
        std::chrono::milliseconds overallTimeout{120000}; // give up polling (and cancel) after this
        std::chrono::milliseconds pollInterval{1000};
        /// slskd persists responses a moment after isComplete; the web UI waits 500 ms too.
        std::chrono::milliseconds settleDelay{500};
        int emptyFetchRetries{4}; // refetch while responses are [] but responseCount > 0
    };

    class ISlskdApi
    {
    public:
        virtual ~ISlskdApi() = default;

        /// GET /api/v0/application/version; cached after the first success.
        virtual core::Result<SlskdVersion> version() = 0;
        /// GET /api/v0/application; never fails: unreachable or refused is reported in the struct.
        virtual SlskdHealth checkHealth() = 0;

        /// POST /api/v0/searches with our id. 429s (overlapping POSTs) are retried with jitter, then
        /// RateLimited; 409 (slskd not connected to Soulseek) is Unavailable and retryable.
        virtual core::Result<SearchState> startSearch(const SearchRequest& request) = 0;
        virtual core::Result<SearchState> getSearch(const std::string& searchId) = 0;
        /// Empty until the search is complete, and for a moment after; see searchAndWait.
        virtual core::Result<std::vector<SearchResponseDto>> getSearchResponses(const std::string& searchId) = 0;
        /// PUT /api/v0/searches/{id}: stops a running search, keeps its record.
        virtual core::Result<void> stopSearch(const std::string& searchId) = 0;
        virtual core::Result<void> deleteSearch(const std::string& searchId) = 0;

        /// Batches on 0.26+, else the legacy per-user route. Every enqueued file comes back with its transfer
        /// id; after an empty legacy 201 the ids are found by one listing matched on the exact filename.
        /// User offline → NotFound ("user offline").
        virtual core::Result<EnqueueResult> enqueue(const std::string& username, const std::vector<EnqueueFile>& files,
                                                    const EnqueueOptions& options = {}) = 0;
        /// NotFound when slskd has no such transfer (e.g. removed).
        virtual core::Result<TransferDto> getTransfer(const std::string& username, const std::string& transferId) = 0;
        /// Every download slskd still holds (removed ones excluded), flattened.
        virtual core::Result<std::vector<TransferDto>> listTransfers() = 0;
        /// DELETE …/{username}/{id}?remove=…; with remove=false slskd keeps the record.
        virtual core::Result<void> cancelTransfer(const std::string& username, const std::string& transferId,
                                                  bool remove = true) = 0;

        /// POST /api/v0/users/{username}/directory {"directory": …}: the folder as the peer shares it now,
        /// usually with its subfolders as further entries (Nicotine+ sends them). Filenames come back as full
        /// remote paths. Peer data is bounded and checked (see BrowseReply.hpp). User offline or blacklisted
        /// (404) → NotFound, reason "user_offline"; the peer failing or timing out behind slskd (500) →
        /// UpstreamError, retryable, reason "peer_failed"; slskd itself not answering within
        /// SlskdConfig::browseTimeout → Timeout.
        virtual core::Result<std::vector<BrowsedDirectory>> browseDirectory(const std::string& username,
                                                                            const std::string& directory) = 0;

        /// start → poll until isComplete (Queued is not complete) → settle → fetch responses, refetching
        /// while they are empty but responseCount says otherwise. On overall timeout the search is stopped
        /// and Timeout returned. Built on the calls above, so fakes of this interface get it for free.
        virtual core::Result<SearchResult> searchAndWait(const SearchRequest& request,
                                                         const SearchWaitOptions& options = {});
    };
} // namespace soulspot::sources::slskd
