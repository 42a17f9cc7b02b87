#pragma once
// Cover Art Archive over HTTP. The archive answers 307 to archive.org, which may redirect again to a
// storage node; redirects are followed here (at most maxRedirects hops, http/https only) because the
// transport leaves FOLLOWLOCATION off. The fallback URL goes through its own breaker, so a failing
// Spotify CDN does not trip the archive's and vice versa. Thread-safe.

#include <chrono>
#include <memory>
#include <string>

#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"
#include "net/ServiceClient.hpp"
#include "sources/coverart/ICoverArtApi.hpp"

namespace soulspot::sources::coverart
{
    inline constexpr const char* kDefaultBaseUrl = "https://coverartarchive.org";

    struct CoverArtSettings
    {
        std::string baseUrl{kDefaultBaseUrl};
        std::string userAgent;         // the same "SoulSpot/<version> ( contact )" as for MusicBrainz
        std::string thumbnailSize{"500"}; // front-250 | front-500 | front-1200; "" = the original file
        int maxRedirects{3};
        std::chrono::milliseconds timeout{20000};
    };

    class CoverArtClient final : public ICoverArtApi
    {
    public:
        /// `archiveBreaker` guards the Cover Art Archive and its redirect hops; the fallback gets its own.
        CoverArtClient(CoverArtSettings settings, std::shared_ptr<net::IHttpClient> http,
                       std::shared_ptr<net::CircuitBreaker> archiveBreaker,
                       net::RetryPolicy retry = {}, net::Sleeper sleeper = net::realSleeper());

        core::Result<std::optional<CoverImage>> frontCover(const std::string& releaseMbid, std::size_t maxBytes) override;
        core::Result<std::optional<CoverImage>> fetchImage(const std::string& url, std::size_t maxBytes) override;
        core::Result<std::optional<CoverImage>> coverForRelease(const std::string& releaseMbid,
                                                                const std::string& fallbackUrl,
                                                                std::size_t maxBytes) override;

    private:
        core::Result<std::optional<CoverImage>> download(net::ServiceClient& service, std::string url,
                                                         std::size_t maxBytes);

        CoverArtSettings settings_;
        std::unique_ptr<net::ServiceClient> archive_;
        std::unique_ptr<net::ServiceClient> fallback_;
    };
} // namespace soulspot::sources::coverart
