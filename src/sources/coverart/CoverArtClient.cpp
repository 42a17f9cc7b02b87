#include "sources/coverart/CoverArtClient.hpp"

#include <cctype>

#include "sources/coverart/ImageSniffer.hpp"
#include "sources/coverart/RedirectTarget.hpp"

namespace soulspot::sources::coverart
{
    namespace
    {
        bool isRedirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

        /// The archive answers 400 to upper-case MBIDs (reference §4), so they are lower-cased first.
        std::optional<std::string> canonicalMbid(std::string_view mbid)
        {
            if (mbid.size() != 36)
                return std::nullopt;
            std::string out;
            for (std::size_t i = 0; i < mbid.size(); ++i)
            {
                const auto c = static_cast<unsigned char>(mbid[i]);
                const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
                if (dash ? c != '-' : !std::isxdigit(c))
                    return std::nullopt;
                out.push_back(static_cast<char>(std::tolower(c)));
            }
            return out;
        }

        core::Error imageError(std::string message, int status = 0, bool retryable = false)
        {
            return core::Error{core::ErrorCode::UpstreamError, std::move(message), retryable, status};
        }
    } // namespace

    CoverArtClient::CoverArtClient(CoverArtSettings settings, std::shared_ptr<net::IHttpClient> http,
                                   std::shared_ptr<net::CircuitBreaker> archiveBreaker, net::RetryPolicy retry,
                                   net::Sleeper sleeper)
        : settings_(std::move(settings))
    {
        archive_ = std::make_unique<net::ServiceClient>("coverartarchive", settings_.baseUrl, http,
                                                        std::move(archiveBreaker), retry, sleeper);
        auto fallbackBreaker = std::make_shared<net::CircuitBreaker>("cover-fallback", net::BreakerSettings{},
                                                                     core::systemClock());
        fallback_ = std::make_unique<net::ServiceClient>("cover-fallback", "", std::move(http),
                                                         std::move(fallbackBreaker), retry, std::move(sleeper));
    }

    core::Result<std::optional<CoverImage>> CoverArtClient::download(net::ServiceClient& service, std::string url,
                                                                     std::size_t maxBytes)
    {
        for (int hop = 0; hop <= settings_.maxRedirects; ++hop)
        {
            net::HttpRequest request;
            request.url = url;
            request.timeout = settings_.timeout;
            request.headers = {{"User-Agent", settings_.userAgent}, {"Accept", "image/jpeg, image/png;q=0.9"}};
            auto response = service.call(std::move(request));
            if (!response)
                return core::fail(response.error());
            if (isRedirect(response->status))
            {
                const auto location = response->header("Location");
                const auto next = location ? resolveRedirect(url, *location) : std::nullopt;
                if (!next)
                    return core::fail(imageError("unusable redirect from " + url + " to '" + location.value_or("") + "'",
                                                 response->status));
                url = *next;
                continue;
            }
            if (response->status == 404)
                return std::optional<CoverImage>{};
            if (!response->ok())
                return core::fail(imageError("image " + url + ": HTTP " + std::to_string(response->status),
                                             response->status, response->status >= 500 || response->status == 429));
            if (response->body.size() > maxBytes)
                return core::fail(imageError("image " + url + " is " + std::to_string(response->body.size()) +
                                             " bytes, over the limit of " + std::to_string(maxBytes)));
            auto mime = sniffImageMime(response->body);
            if (!mime)
                return core::fail(core::Error::parse("image " + url + " is neither JPEG nor PNG"));
            return std::optional<CoverImage>(CoverImage{std::move(response->body), std::move(*mime), url});
        }
        return core::fail(imageError("more than " + std::to_string(settings_.maxRedirects) + " redirects for " + url));
    }

    core::Result<std::optional<CoverImage>> CoverArtClient::frontCover(const std::string& releaseMbid,
                                                                       std::size_t maxBytes)
    {
        const auto mbid = canonicalMbid(releaseMbid);
        if (!mbid)
            return core::fail(core::Error::invalid("not a release MBID: '" + releaseMbid + "'"));
        const std::string suffix = settings_.thumbnailSize.empty() ? "" : "-" + settings_.thumbnailSize;
        return download(*archive_, net::joinUrl(settings_.baseUrl, "/release/" + *mbid + "/front" + suffix), maxBytes);
    }

    core::Result<std::optional<CoverImage>> CoverArtClient::fetchImage(const std::string& url, std::size_t maxBytes)
    {
        if (!url.starts_with("http://") && !url.starts_with("https://"))
            return core::fail(core::Error::invalid("not an http(s) image URL: '" + url + "'"));
        return download(*fallback_, url, maxBytes);
    }

    core::Result<std::optional<CoverImage>> CoverArtClient::coverForRelease(const std::string& releaseMbid,
                                                                            const std::string& fallbackUrl,
                                                                            std::size_t maxBytes)
    {
        std::optional<core::Error> failure;
        if (!releaseMbid.empty())
        {
            auto cover = frontCover(releaseMbid, maxBytes);
            if (cover && *cover)
                return cover;
            if (!cover)
                failure = cover.error();
        }
        if (!fallbackUrl.empty())
        {
            auto image = fetchImage(fallbackUrl, maxBytes);
            if (image && *image)
                return image;
            if (!image)
                failure = image.error();
        }
        if (failure)
            return core::fail(*failure);
        return std::optional<CoverImage>{};
    }
} // namespace soulspot::sources::coverart
