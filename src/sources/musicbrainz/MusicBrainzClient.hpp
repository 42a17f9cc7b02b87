#pragma once
// MusicBrainz WS/2 over HTTP: every request waits its turn at one process-wide RateLimiter (1 req/s per
// IP, reference §1.1), sends the configured User-Agent, backs off on 503 (Retry-After, else 1 s, 2 s,
// 4 s …) and keeps 200/404 answers in a DiskCache. Thread-safe.

#include <chrono>
#include <memory>
#include <string>

#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"
#include "net/RateLimiter.hpp"
#include "net/ServiceClient.hpp"
#include "sources/musicbrainz/DiskCache.hpp"
#include "sources/musicbrainz/IMusicBrainzApi.hpp"

namespace soulspot::sources::musicbrainz
{
    inline constexpr const char* kDefaultBaseUrl = "https://musicbrainz.org/ws/2";
    /// A little over 1 s: the server measures arrivals, and a reused keep-alive connection arrives
    /// sooner after its start than a fresh one, so exactly 1000 ms between starts can look like 998 ms.
    inline constexpr std::chrono::milliseconds kMinRequestInterval{1050};

    /// The limiter every MusicBrainzClient in the process shares unless given another (tests).
    std::shared_ptr<net::RateLimiter> processRateLimiter();

    struct MusicBrainzSettings
    {
        std::string baseUrl{kDefaultBaseUrl}; // including /ws/2
        std::string userAgent;                // "SoulSpot/<version> ( <contact url or email> )" — required
        int maxAttempts{4};                   // per request, counting 503s and transport failures
        std::chrono::milliseconds initialBackoff{1000};
        std::chrono::milliseconds maxBackoff{16000};
        std::chrono::milliseconds maxRetryAfter{60000}; // a longer demand is returned as RateLimited
        std::chrono::milliseconds timeout{15000};
        int searchLimit{10};
        std::chrono::seconds answerTtl{std::chrono::hours(24 * 30)};
        std::chrono::seconds notFoundTtl{std::chrono::hours(24)}; // 404s and empty searches: data gets added
    };

    class MusicBrainzClient final : public IMusicBrainzApi
    {
    public:
        /// `cache` may be null (no caching). `breaker` sees 503s as failures, like any 5xx.
        MusicBrainzClient(MusicBrainzSettings settings, std::shared_ptr<net::IHttpClient> http,
                          std::shared_ptr<net::CircuitBreaker> breaker, std::shared_ptr<DiskCache> cache,
                          std::shared_ptr<net::RateLimiter> limiter = processRateLimiter());

        core::Result<std::vector<Recording>> lookupIsrc(const std::string& isrc) override;
        core::Result<std::vector<Recording>> searchRecording(const std::string& artist, const std::string& title,
                                                             std::optional<int> durationMs) override;
        core::Result<std::optional<Recording>> recording(const std::string& mbid) override;
        core::Result<std::optional<ReleaseDetails>> release(const std::string& mbid) override;
        core::Result<std::vector<ReleaseDetails>> releasesOfGroup(const std::string& releaseGroupMbid) override;
        core::Result<std::vector<ReleaseGroupHit>> searchReleaseGroup(const std::string& artist,
                                                                     const std::string& title) override;
        core::Result<std::optional<RecordingMatch>> identify(const WantedInfo& wanted) override;

    private:
        /// A 200 or 404 answer for `pathAndQuery` (relative to the base URL), from the cache or the wire.
        core::Result<CachedAnswer> get(const std::string& pathAndQuery, std::string_view what);
        core::Result<CachedAnswer> fetch(const std::string& url, std::string_view what);

        MusicBrainzSettings settings_;
        std::shared_ptr<net::ServiceClient> service_;
        std::shared_ptr<DiskCache> cache_;
        std::shared_ptr<net::RateLimiter> limiter_;
    };
} // namespace soulspot::sources::musicbrainz
