#pragma once
// One fake_spotify.py per test plus real-socket clients pointed at it; sleeps are recorded, not slept.

#include <map>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "sources/spotify/Pkce.hpp"
#include "sources/spotify/SpotifyAccounts.hpp"
#include "sources/spotify/SpotifyApi.hpp"

namespace soulspot::sources::spotify::test
{
    inline constexpr const char* kClientId = "soulspot-test-client";
    inline constexpr const char* kRedirectUri = "http://127.0.0.1:8765/api/v1/spotify/callback";

    struct SpotifyHarness
    {
        explicit SpotifyHarness(std::vector<std::string> fakeArgs)
            : fake("fake_spotify.py", std::move(fakeArgs)), http(net::createCurlHttpClient())
        {
            const net::Sleeper record = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
            auto accountsService = std::make_shared<net::ServiceClient>(
                "spotify-accounts", fake.baseUrl(), http, breaker("spotify-accounts"), net::RetryPolicy{}, record);
            apiService = std::make_shared<net::ServiceClient>("spotify", fake.baseUrl() + "/v1", http,
                                                              breaker("spotify"), net::RetryPolicy{}, record);
            accounts = std::make_unique<SpotifyAccountsClient>(accountsService, core::systemClock());
            api = std::make_unique<SpotifyApiClient>(apiService, [this](bool force) { return provideToken(force); });
        }

        static std::shared_ptr<net::CircuitBreaker> breaker(const std::string& name)
        {
            return std::make_shared<net::CircuitBreaker>(name, net::BreakerSettings{5, std::chrono::seconds(60), 1},
                                                         core::systemClock());
        }

        /// What the jobs/ TokenProvider will do: hand out the cached token, refresh when forced.
        core::Result<std::string> provideToken(bool force)
        {
            if (force)
            {
                ++forcedRefreshes;
                auto fresh = accounts->refresh(tokens.refreshToken, kClientId);
                if (!fresh)
                    return core::fail(fresh.error());
                tokens = *fresh;
            }
            return tokens.accessToken;
        }

        /// Follows /authorize like a browser would and returns the redirect's query (code, state or error).
        std::map<std::string, std::string> approve(const std::string& authorizeUrl)
        {
            auto response = http->send({"GET", authorizeUrl});
            EXPECT_TRUE(response) << response.error().message;
            EXPECT_EQ(response->status, 302) << response->body;
            const auto location = response->header("Location").value_or("");
            std::map<std::string, std::string> query;
            const auto q = location.find('?');
            std::string rest = q == std::string::npos ? "" : location.substr(q + 1);
            while (!rest.empty())
            {
                const auto amp = std::min(rest.find('&'), rest.size());
                const auto pair = rest.substr(0, amp);
                const auto eq = pair.find('=');
                query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
                rest = amp < rest.size() ? rest.substr(amp + 1) : "";
            }
            query["_location"] = location;
            return query;
        }

        /// Full PKCE dance against the fake; leaves `tokens` filled.
        void login()
        {
            const auto pkce = generatePkcePair();
            const auto state = generateState();
            auto query = approve(accounts->authorizeUrl(kClientId, kRedirectUri, state, pkce.challenge));
            auto exchanged = accounts->exchangeCode(query["code"], pkce.verifier, kRedirectUri, kClientId);
            ASSERT_TRUE(exchanged) << exchanged.error().message;
            tokens = *exchanged;
        }

        nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json& body = {})
        {
            auto response = http->send({method, fake.baseUrl() + "/_control/" + path,
                                        {{"Content-Type", "application/json"}}, body.is_null() ? "" : body.dump()});
            EXPECT_TRUE(response && response->ok()) << path;
            return response ? nlohmann::json::parse(response->body, nullptr, false) : nlohmann::json{};
        }

        int requestCount(const std::string& key)
        {
            return control("GET", "requests")["paths"].value(key, 0);
        }

        testing::FakeServer fake;
        std::shared_ptr<net::IHttpClient> http;
        std::shared_ptr<net::ServiceClient> apiService;
        std::unique_ptr<SpotifyAccountsClient> accounts;
        std::unique_ptr<SpotifyApiClient> api;
        std::vector<std::chrono::milliseconds> sleeps;
        TokenSet tokens;
        int forcedRefreshes{0};
    };

    inline std::string libraryJson() { return testing::fakesDir() + "/spotify_data/library.json"; }
} // namespace soulspot::sources::spotify::test
