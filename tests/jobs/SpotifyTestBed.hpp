#pragma once
// The Spotify half of SoulSpot wired as the composition root wires it — token store, PKCE auth service,
// Web API client, playlist sync — against tests/fakes/fake_spotify.py over real sockets, on SQLite or
// PostgreSQL. Retry-After sleeps are recorded, not slept.

#include <map>
#include <mutex>
#include <set>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "FakeServer.hpp"
#include "jobs/DownloadService.hpp"
#include "jobs/PlaylistCatalog.hpp"
#include "jobs/PlaylistImportService.hpp"
#include "jobs/PlaylistSyncService.hpp"
#include "jobs/SpotifyAuthService.hpp"
#include "net/ServiceClient.hpp"
#include "sources/spotify/SpotifyAccounts.hpp"
#include "sources/spotify/SpotifyApi.hpp"

namespace soulspot::jobs::test
{
    inline constexpr const char* kClientId = "soulspot-test-client";
    inline constexpr const char* kRedirectUri = "http://127.0.0.1:8765/api/v1/auth/spotify/callback";

    struct SpotifyTestBed
    {
        SpotifyTestBed(testing::Backend backend, std::vector<std::string> fakeArgs)
            : fake("fake_spotify.py", std::move(fakeArgs)), database(backend), http(net::createCurlHttpClient())
        {
            if (!database.available())
                return;
            EXPECT_TRUE(db::Migrator(db()).upgrade());
            const net::Sleeper record = [this](std::chrono::milliseconds d) {
                std::lock_guard lock(sleepsMutex);
                sleeps.push_back(d);
            };
            net::RetryPolicy apiRetry;
            apiRetry.maxAttempts = 6;
            apiRetry.maxRetryAfter = std::chrono::milliseconds(60000);
            auto accountsService = std::make_shared<net::ServiceClient>("spotify-accounts", fake.baseUrl(), http, breaker(),
                                                                        net::RetryPolicy{}, record);
            apiService = std::make_shared<net::ServiceClient>("spotify", fake.baseUrl() + "/v1", http, breaker(), apiRetry, record);
            accounts = std::make_shared<sources::spotify::SpotifyAccountsClient>(accountsService, core::systemClock());
            box = std::make_shared<const db::SecretBox>(db::SecretBox::randomKey());
            auth = makeAuth();
            api = std::make_shared<sources::spotify::SpotifyApiClient>(apiService, auth->tokenProvider());
            downloads = std::make_shared<DownloadService>(db(), nullptr, nullptr);
            sync = std::make_shared<PlaylistSyncService>(db(), api, downloads);
            catalog = std::make_shared<PlaylistCatalog>(db(), downloads);
        }

        bool available() const { return database.available(); }
        db::Database& db() { return database.db(); }

        static std::shared_ptr<net::CircuitBreaker> breaker()
        {
            return std::make_shared<net::CircuitBreaker>("spotify", net::BreakerSettings{50, std::chrono::seconds(60), 1},
                                                         core::systemClock());
        }

        /// A fresh service over the same database: what a restart of the server gives.
        std::shared_ptr<SpotifyAuthService> makeAuth()
        {
            auto service = apiService;
            SpotifyUserLookup lookup = [service](const std::string& token) {
                sources::spotify::SpotifyApiClient client(service, [token](bool) { return core::Result<std::string>(token); });
                return client.me();
            };
            return std::make_shared<SpotifyAuthService>(std::make_shared<SpotifyTokenStore>(db(), box), accounts, lookup,
                                                        core::systemClock(), SpotifyAuthSettings{kClientId, kRedirectUri});
        }

        /// What the browser does with the consent URL: the fake auto-approves and redirects with code and state.
        std::map<std::string, std::string> approve(const std::string& authorizeUrl)
        {
            auto response = http->send({"GET", authorizeUrl});
            EXPECT_TRUE(response && response->status == 302);
            std::map<std::string, std::string> query;
            const auto location = response ? response->header("Location").value_or("") : "";
            std::string rest = location.substr(location.find('?') + 1);
            while (!rest.empty())
            {
                const auto amp = std::min(rest.find('&'), rest.size());
                const auto pair = rest.substr(0, amp);
                const auto eq = pair.find('=');
                query[pair.substr(0, eq)] = eq == std::string::npos ? "" : pair.substr(eq + 1);
                rest = amp < rest.size() ? rest.substr(amp + 1) : "";
            }
            return query;
        }

        void connect()
        {
            auto url = auth->beginLogin();
            ASSERT_TRUE(url) << url.error().message;
            auto query = approve(*url);
            auto user = auth->completeLogin(query["code"], query["state"]);
            ASSERT_TRUE(user) << user.error().message;
        }

        nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json& body = {})
        {
            auto response = http->send({method, fake.baseUrl() + "/_control/" + path, {{"Content-Type", "application/json"}},
                                        body.is_null() ? "" : body.dump()});
            EXPECT_TRUE(response && response->ok()) << path;
            return response ? nlohmann::json::parse(response->body, nullptr, false) : nlohmann::json{};
        }

        int requests(const std::string& key) { return control("GET", "requests")["paths"].value(key, 0); }

        std::int64_t count(const std::string& sql, const db::Params& params = {})
        {
            auto rs = db().execute(sql, params);
            EXPECT_TRUE(rs) << sql;
            return rs && !rs->empty() ? rs->front().getInt(0) : -1;
        }

        /// Every stored Spotify id of the playlist's active tracks.
        std::set<std::string> storedIds(std::int64_t playlistId)
        {
            std::set<std::string> out;
            auto rs = db().execute("SELECT t.spotify_id FROM playlist_tracks pt JOIN tracks t ON t.id = pt.track_id "
                                   "WHERE pt.playlist_id = $1 AND pt.removed_at IS NULL",
                                   {playlistId});
            EXPECT_TRUE(rs);
            for (const auto& r : rs->rows)
                out.insert(r.getString(0));
            return out;
        }

        /// The simulator's view of the same playlist, read with the same client.
        std::set<std::string> fakeIds(const std::string& spotifyId)
        {
            std::set<std::string> out;
            auto listing = spotifyId == "liked" ? api->likedTracks() : api->playlistTracks(spotifyId);
            EXPECT_TRUE(listing);
            for (const auto& t : listing->tracks)
                out.insert(t.id);
            return out;
        }

        testing::FakeServer fake;
        testing::TestDatabase database;
        std::shared_ptr<net::IHttpClient> http;
        std::shared_ptr<net::ServiceClient> apiService;
        std::shared_ptr<sources::spotify::SpotifyAccountsClient> accounts;
        std::shared_ptr<const db::SecretBox> box;
        std::shared_ptr<SpotifyAuthService> auth;
        std::shared_ptr<sources::spotify::SpotifyApiClient> api;
        std::shared_ptr<DownloadService> downloads;
        std::shared_ptr<PlaylistSyncService> sync;
        std::shared_ptr<PlaylistCatalog> catalog;
        std::mutex sleepsMutex;
        std::vector<std::chrono::milliseconds> sleeps;
    };
} // namespace soulspot::jobs::test
