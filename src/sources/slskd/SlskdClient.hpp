#pragma once
// ISlskdApi over HTTP (net::ServiceClient: breaker, retry, correlation id). Auth is X-API-Key when a key is
// configured, else a JWT from POST /api/v0/session, renewed once on a 401 because slskd signs tokens with
// a key that changes on every restart.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"
#include "net/ServiceClient.hpp"
#include "sources/slskd/ISlskdApi.hpp"

namespace soulspot::sources::slskd
{
    struct SlskdConfig
    {
        std::string baseUrl{"http://localhost:5030"}; // including web.url_base if slskd has one
        std::string apiKey;                           // preferred when set
        std::string username;                         // JWT login when no API key
        std::string password;
        std::chrono::milliseconds requestTimeout{10000};
        std::chrono::milliseconds connectTimeout{3000};
        /// A directory browse waits for the peer behind slskd, which can take far longer than a local call.
        std::chrono::milliseconds browseTimeout{60000};
        /// Attempts per call including the first; 429s from overlapping POSTs are retried within it,
        /// with jittered backoff starting at rateLimitBackoff.
        int maxAttempts{5};
        std::chrono::milliseconds rateLimitBackoff{250};
        std::chrono::milliseconds maxBackoff{4000};
        net::Sleeper sleeper{net::realSleeper()}; // injectable so tests can watch the backoff
    };

    class SlskdClient final : public ISlskdApi
    {
    public:
        SlskdClient(SlskdConfig config, std::shared_ptr<net::IHttpClient> http,
                    std::shared_ptr<net::CircuitBreaker> breaker);

        core::Result<SlskdVersion> version() override;
        SlskdHealth checkHealth() override;

        core::Result<SearchState> startSearch(const SearchRequest& request) override;
        core::Result<SearchState> getSearch(const std::string& searchId) override;
        core::Result<std::vector<SearchResponseDto>> getSearchResponses(const std::string& searchId) override;
        core::Result<void> stopSearch(const std::string& searchId) override;
        core::Result<void> deleteSearch(const std::string& searchId) override;

        core::Result<EnqueueResult> enqueue(const std::string& username, const std::vector<EnqueueFile>& files,
                                            const EnqueueOptions& options = {}) override;
        core::Result<TransferDto> getTransfer(const std::string& username, const std::string& transferId) override;
        core::Result<std::vector<TransferDto>> listTransfers() override;
        core::Result<void> cancelTransfer(const std::string& username, const std::string& transferId,
                                          bool remove = true) override;

        core::Result<std::vector<BrowsedDirectory>> browseDirectory(const std::string& username,
                                                                    const std::string& directory) override;

    private:
        /// Sends with auth; on 401 in JWT mode logs in again and resends once.
        core::Result<net::HttpResponse> send(const std::string& method, const std::string& path,
                                             std::string body = {},
                                             std::optional<std::chrono::milliseconds> timeout = std::nullopt);
        core::Result<net::HttpResponse> sendOnce(const std::string& method, const std::string& path,
                                                 const std::string& body, const std::string& token,
                                                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);
        core::Result<std::string> currentToken();
        core::Result<std::string> login();
        /// Maps statuses every route shares (401, 429, 5xx, other 4xx) to errors.
        core::Error httpError(const net::HttpResponse& response, const std::string& what) const;

        core::Result<EnqueueResult> enqueueLegacy(const std::string& username, const std::vector<EnqueueFile>& files);
        core::Result<EnqueueResult> enqueueBatch(const std::string& username, const std::vector<EnqueueFile>& files,
                                                 const EnqueueOptions& options);
        /// The one filename lookup: right after an enqueue that did not tell us the transfer ids.
        core::Result<void> resolveTransferIds(const std::string& username, EnqueueResult& result,
                                              const std::optional<std::string>& batchId);

        SlskdConfig config_;
        net::ServiceClient service_;
        std::mutex mutex_; // guards token_ and version_
        std::string token_;
        std::optional<SlskdVersion> version_;
    };

    /// The composition root's entry point.
    std::shared_ptr<ISlskdApi> createSlskdClient(SlskdConfig config, std::shared_ptr<net::IHttpClient> http,
                                                 std::shared_ptr<net::CircuitBreaker> breaker);
} // namespace soulspot::sources::slskd
