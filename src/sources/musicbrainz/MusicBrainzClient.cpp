#include "sources/musicbrainz/MusicBrainzClient.hpp"

#include <algorithm>
#include <set>

#include "core/Log.hpp"
#include "sources/musicbrainz/Identifiers.hpp"
#include "sources/musicbrainz/LuceneQuery.hpp"
#include "sources/musicbrainz/MusicBrainzJson.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        const core::Logger kLog("sources.musicbrainz");
        // Browse pages hold at most 100 (larger limits are clamped); 50 pages = 5,000 releases is a loop
        // guard far above the largest real release groups.
        constexpr int kBrowseLimit = 100;
        constexpr int kMaxBrowsePages = 50;
        constexpr const char* kBrowseInc = "media+recordings+isrcs+artist-credits";

        core::Error upstreamError(core::ErrorCode code, std::string message, bool retryable, int status)
        {
            return core::Error{code, std::move(message), retryable, status};
        }

        /// MusicBrainz error bodies are {"error": "...", "help": "..."}; the text helps in logs.
        std::string errorText(const std::string& body)
        {
            const auto parsed = nlohmann::json::parse(body, nullptr, false);
            if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_string())
                return parsed["error"].get<std::string>();
            return body.substr(0, 200);
        }

        core::Error statusError(const net::HttpResponse& response, std::string_view what)
        {
            const std::string context = "MusicBrainz " + std::string(what) + ": HTTP " + std::to_string(response.status) +
                                        " " + errorText(response.body);
            switch (response.status)
            {
            case 400: return upstreamError(core::ErrorCode::InvalidArgument, context, false, 400);
            case 401:
            case 403: // no or a blocked User-Agent (reference §1.1)
                return upstreamError(core::ErrorCode::Unauthorized, context + " (check the User-Agent)", false,
                                     response.status);
            default: return upstreamError(core::ErrorCode::UpstreamError, context, false, response.status);
            }
        }

        bool isNegative(const CachedAnswer& answer, const nlohmann::json& body)
        {
            return answer.status == 404 || (body.contains("count") && body["count"] == 0) ||
                   (body.contains("release-count") && body["release-count"] == 0);
        }
    } // namespace

    std::shared_ptr<net::RateLimiter> processRateLimiter()
    {
        static const auto limiter = std::make_shared<net::RateLimiter>(kMinRequestInterval);
        return limiter;
    }

    MusicBrainzClient::MusicBrainzClient(MusicBrainzSettings settings, std::shared_ptr<net::IHttpClient> http,
                                         std::shared_ptr<net::CircuitBreaker> breaker, std::shared_ptr<DiskCache> cache,
                                         std::shared_ptr<net::RateLimiter> limiter)
        : settings_(std::move(settings)), cache_(std::move(cache)), limiter_(std::move(limiter))
    {
        // One attempt per ServiceClient call: retries must pass through the rate limiter again, so the
        // retry loop lives in fetch(), not in ServiceClient.
        net::RetryPolicy once;
        once.maxAttempts = 1;
        service_ = std::make_shared<net::ServiceClient>("musicbrainz", settings_.baseUrl, std::move(http),
                                                        std::move(breaker), once);
    }

    core::Result<CachedAnswer> MusicBrainzClient::get(const std::string& pathAndQuery, std::string_view what)
    {
        const std::string url = net::joinUrl(settings_.baseUrl, pathAndQuery);
        if (cache_)
            if (auto hit = cache_->get(url))
                return *hit;
        auto answer = fetch(url, what);
        if (!answer)
            return answer;
        // Only answers that parse are remembered; a truncated body must not stick for a month.
        const auto body = nlohmann::json::parse(answer->body, nullptr, false);
        if (answer->status == 200 && (body.is_discarded() || !body.is_object()))
            return core::fail(core::Error::parse("MusicBrainz " + std::string(what) + ": answer is not a JSON object"));
        if (cache_)
            cache_->put(url, *answer, isNegative(*answer, body) ? settings_.notFoundTtl : settings_.answerTtl);
        return answer;
    }

    core::Result<CachedAnswer> MusicBrainzClient::fetch(const std::string& url, std::string_view what)
    {
        std::chrono::milliseconds backoff = settings_.initialBackoff;
        for (int attempt = 1;; ++attempt)
        {
            const bool last = attempt >= settings_.maxAttempts;
            limiter_->acquire();
            net::HttpRequest request;
            request.url = url;
            request.timeout = settings_.timeout;
            request.headers = {{"User-Agent", settings_.userAgent}, {"Accept", "application/json"}};
            auto response = service_->call(std::move(request));
            if (!response)
            {
                if (last || !response.error().retryable || service_->breaker().state() == net::BreakerState::Open)
                    return core::fail(response.error());
                limiter_->holdOff(backoff);
                backoff = std::min(backoff * 2, settings_.maxBackoff);
                continue;
            }
            if (response->status == 200 || response->status == 404)
                return CachedAnswer{response->status, std::move(response->body)};
            if (response->status >= 500 || response->status == 429)
            {
                // 503 is MusicBrainz's "slow down" (per-IP or global limit); everyone waits, not just us.
                // Other 5xx are transient too and get the same patient treatment.
                const auto delay = net::parseRetryAfter(*response).value_or(backoff);
                const bool tooLong = delay > settings_.maxRetryAfter;
                kLog.info("MusicBrainz asked to back off", {{"status", std::int64_t{response->status}},
                                                            {"attempt", std::int64_t{attempt}},
                                                            {"delay_ms", std::int64_t{delay.count()}},
                                                            {"giving_up", last || tooLong}});
                limiter_->holdOff(delay);
                if (last || tooLong)
                    return core::fail(upstreamError(core::ErrorCode::RateLimited,
                                                    "MusicBrainz " + std::string(what) + ": HTTP " +
                                                        std::to_string(response->status) + " after " +
                                                        std::to_string(attempt) + " attempt(s)",
                                                    true, response->status));
                backoff = std::min(backoff * 2, settings_.maxBackoff);
                continue;
            }
            return core::fail(statusError(*response, what));
        }
    }

    core::Result<std::vector<Recording>> MusicBrainzClient::lookupIsrc(const std::string& isrc)
    {
        const auto canonical = normaliseIsrc(isrc);
        if (!canonical)
            return core::fail(core::Error::invalid("not an ISRC: '" + isrc + "'"));
        auto answer = get("/isrc/" + *canonical + "?inc=artist-credits+releases&fmt=json", "ISRC lookup");
        if (!answer)
            return core::fail(answer.error());
        if (answer->status == 404)
            return std::vector<Recording>{};
        auto body = json::parseObject(answer->body, "ISRC lookup");
        if (!body)
            return core::fail(body.error());
        return json::parseIsrcAnswer(*body);
    }

    core::Result<std::vector<Recording>> MusicBrainzClient::searchRecording(const std::string& artist,
                                                                            const std::string& title,
                                                                            std::optional<int> durationMs)
    {
        if (title.empty())
            return core::fail(core::Error::invalid("recording search needs a title"));
        const std::string query = recordingSearchQuery(artist, title, durationMs);
        auto answer = get("/recording?query=" + net::urlEncode(query) + "&limit=" + std::to_string(settings_.searchLimit) +
                              "&fmt=json",
                          "recording search");
        if (!answer)
            return core::fail(answer.error());
        if (answer->status == 404)
            return std::vector<Recording>{};
        auto body = json::parseObject(answer->body, "recording search");
        if (!body)
            return core::fail(body.error());
        return json::parseSearchAnswer(*body);
    }

    core::Result<std::optional<Recording>> MusicBrainzClient::recording(const std::string& mbid)
    {
        const auto canonical = normaliseMbid(mbid);
        if (!canonical)
            return core::fail(core::Error::invalid("not an MBID: '" + mbid + "'"));
        auto answer = get("/recording/" + *canonical + "?inc=artist-credits+releases+release-groups+isrcs&fmt=json",
                          "recording lookup");
        if (!answer)
            return core::fail(answer.error());
        if (answer->status == 404)
            return std::optional<Recording>{};
        auto body = json::parseObject(answer->body, "recording lookup");
        if (!body)
            return core::fail(body.error());
        return std::optional<Recording>(json::parseRecording(*body));
    }

    core::Result<std::optional<ReleaseDetails>> MusicBrainzClient::release(const std::string& mbid)
    {
        const auto canonical = normaliseMbid(mbid);
        if (!canonical)
            return core::fail(core::Error::invalid("not an MBID: '" + mbid + "'"));
        auto answer = get("/release/" + *canonical + "?inc=recordings+artist-credits+release-groups+media+isrcs&fmt=json",
                          "release lookup");
        if (!answer)
            return core::fail(answer.error());
        if (answer->status == 404)
            return std::optional<ReleaseDetails>{};
        auto body = json::parseObject(answer->body, "release lookup");
        if (!body)
            return core::fail(body.error());
        return std::optional<ReleaseDetails>(json::parseReleaseDetails(*body));
    }

    core::Result<std::vector<ReleaseDetails>> MusicBrainzClient::releasesOfGroup(const std::string& releaseGroupMbid)
    {
        const auto canonical = normaliseMbid(releaseGroupMbid);
        if (!canonical)
            return core::fail(core::Error::invalid("not an MBID: '" + releaseGroupMbid + "'"));
        std::vector<ReleaseDetails> out;
        std::set<std::string> seen;
        int offset = 0;
        for (int page = 0; page < kMaxBrowsePages; ++page)
        {
            // Every page goes through get() and so through the shared rate limiter, one request per turn.
            auto answer = get("/release?release-group=" + *canonical + "&inc=" + kBrowseInc + "&limit=" +
                                  std::to_string(kBrowseLimit) + "&offset=" + std::to_string(offset) + "&fmt=json",
                              "release browse");
            if (!answer)
                return core::fail(answer.error());
            if (answer->status == 404)
                return out;
            auto body = json::parseObject(answer->body, "release browse");
            if (!body)
                return core::fail(body.error());
            auto parsed = json::parseReleaseBrowse(*body);
            for (auto& release : parsed.releases)
            {
                if (release.info.releaseGroupId.empty()) // browse answers omit it unless inc=release-groups
                    release.info.releaseGroupId = *canonical;
                if (seen.insert(release.info.id).second) // a release added mid-walk can shift one into the next page
                    out.push_back(std::move(release));
            }
            // Advance by what came back, not by the limit: with inc=recordings the server may return fewer
            // releases than asked so a page stays within its track budget.
            offset += static_cast<int>(parsed.releases.size());
            if (parsed.releases.empty() || offset >= parsed.releaseCount)
                return out;
        }
        kLog.warning("MusicBrainz release browse stopped at the page limit",
                     {{"release_group", *canonical}, {"releases", std::int64_t(out.size())}});
        return out;
    }

    core::Result<std::vector<ReleaseGroupHit>> MusicBrainzClient::searchReleaseGroup(const std::string& artist,
                                                                                     const std::string& title)
    {
        if (title.empty())
            return core::fail(core::Error::invalid("release group search needs a title"));
        const std::string query = releaseGroupSearchQuery(artist, title);
        auto answer = get("/release-group?query=" + net::urlEncode(query) + "&limit=" +
                              std::to_string(settings_.searchLimit) + "&fmt=json",
                          "release group search");
        if (!answer)
            return core::fail(answer.error());
        if (answer->status == 404)
            return std::vector<ReleaseGroupHit>{};
        auto body = json::parseObject(answer->body, "release group search");
        if (!body)
            return core::fail(body.error());
        return json::parseReleaseGroupSearch(*body);
    }

    core::Result<std::optional<RecordingMatch>> MusicBrainzClient::identify(const WantedInfo& wanted)
    {
        return identifyRecording(*this, wanted);
    }
} // namespace soulspot::sources::musicbrainz
