#pragma once
// tests/fakes/fake_musicbrainz.py plus its /_control API, and clients wired to it.

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"
#include "net/RateLimiter.hpp"
#include "sources/musicbrainz/MusicBrainzClient.hpp"

namespace soulspot::sources::musicbrainz::test
{
    inline constexpr const char* kUserAgent = "SoulSpot/0.1.0-test ( https://example.org/soulspot )";

    class MusicBrainzFake
    {
    public:
        explicit MusicBrainzFake(std::vector<std::string> args = {}) : server_("fake_musicbrainz.py", std::move(args)) {}

        std::string baseUrl() const { return server_.baseUrl(); }
        std::string wsUrl() const { return server_.baseUrl() + "/ws/2"; }

        nlohmann::json get(const std::string& controlPath)
        {
            auto r = http_->send({"GET", baseUrl() + controlPath});
            EXPECT_TRUE(r && r->status == 200) << controlPath;
            return r ? nlohmann::json::parse(r->body) : nlohmann::json{};
        }
        nlohmann::json post(const std::string& controlPath, const nlohmann::json& body = nlohmann::json::object())
        {
            auto r = http_->send({"POST", baseUrl() + controlPath, {{"Content-Type", "application/json"}}, body.dump()});
            EXPECT_TRUE(r && r->status == 200) << controlPath;
            return r ? nlohmann::json::parse(r->body) : nlohmann::json{};
        }
        /// How many non-control requests reached `path` (query string excluded).
        int requestsTo(const std::string& path)
        {
            const auto counts = get("/_control/counts");
            return counts["byPath"].value(path, 0);
        }
        /// Arrival times (seconds, monotonic) of requests whose path starts with `prefix`.
        std::vector<double> arrivals(const std::string& prefix)
        {
            std::vector<double> out;
            const auto log = get("/_control/log"); // keep the document alive while iterating it
            for (const auto& entry : log["requests"])
                if (entry["path"].get<std::string>().starts_with(prefix))
                    out.push_back(entry["t"].get<double>());
            return out;
        }

    private:
        testing::FakeServer server_;
        std::shared_ptr<net::IHttpClient> http_ = net::createCurlHttpClient();
    };

    /// A breaker that a handful of injected 503s cannot open.
    inline std::shared_ptr<net::CircuitBreaker> patientBreaker()
    {
        return std::make_shared<net::CircuitBreaker>("musicbrainz-test", net::BreakerSettings{50, std::chrono::seconds(60), 1},
                                                     core::systemClock());
    }

    /// Functional tests use their own limiter without spacing: only the rate-limit tests pay the second.
    inline std::shared_ptr<MusicBrainzClient> makeClient(const MusicBrainzFake& fake, std::shared_ptr<DiskCache> cache = nullptr,
                                                         std::shared_ptr<net::RateLimiter> limiter = nullptr,
                                                         MusicBrainzSettings settings = {})
    {
        settings.baseUrl = fake.wsUrl();
        if (settings.userAgent.empty())
            settings.userAgent = kUserAgent;
        if (!limiter)
            limiter = std::make_shared<net::RateLimiter>(std::chrono::milliseconds(0));
        return std::make_shared<MusicBrainzClient>(settings, net::createCurlHttpClient(), patientBreaker(),
                                                   std::move(cache), std::move(limiter));
    }
} // namespace soulspot::sources::musicbrainz::test
