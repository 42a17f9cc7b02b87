#include "app/ReadinessChecks.hpp"

#include <nlohmann/json.hpp>

#include "db/Database.hpp"
#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"

namespace soulspot::app
{
    namespace
    {
        http::DependencyStatus fromBreaker(const std::shared_ptr<net::CircuitBreaker>& breaker)
        {
            const auto s = breaker->state();
            if (s == net::BreakerState::Open)
                return {"down", "circuit breaker OPEN after repeated failures", std::nullopt};
            return {"up", s == net::BreakerState::HalfOpen ? "recovering" : "", std::nullopt};
        }

        http::DependencyStatus probeSlskd(const Config& config, net::IHttpClient& http)
        {
            net::HttpRequest req;
            req.url = net::joinUrl(config.slskdUrl, "/api/v0/application");
            req.timeout = std::chrono::milliseconds(1500);
            req.connectTimeout = std::chrono::milliseconds(1000);
            if (!config.slskdApiKey.empty())
                req.headers.emplace_back("X-API-Key", config.slskdApiKey);
            auto res = http.send(req);
            if (!res)
                return {"down", res.error().message, std::nullopt};
            if (res->status == 401 && config.slskdApiKey.empty())
            {
                // Username/password mode: reachability is what readiness can tell without logging in.
                return {"up", "reachable (login on first use)", std::nullopt};
            }
            if (res->status == 401)
                return {"down", "slskd refused the API key (401)", std::nullopt};
            if (!res->ok())
                return {"down", "slskd answered HTTP " + std::to_string(res->status), std::nullopt};
            auto j = nlohmann::json::parse(res->body, nullptr, false);
            std::optional<std::string> version;
            bool loggedIn = true;
            if (j.is_object())
            {
                if (j.contains("version") && j["version"].is_object())
                    version = j["version"].value("full", j["version"].value("current", ""));
                if (j.contains("server") && j["server"].is_object())
                    loggedIn = j["server"].value("isLoggedIn", true);
            }
            if (!loggedIn)
                return {"down", "slskd is not logged in to the Soulseek network", version};
            return {"up", "", version};
        }
    } // namespace

    std::vector<http::DependencyCheck> readinessChecks(const Config& config, db::Database& database,
                                                       std::shared_ptr<net::IHttpClient> http,
                                                       std::shared_ptr<net::CircuitBreaker> slskd,
                                                       std::shared_ptr<net::CircuitBreaker> spotify,
                                                       std::shared_ptr<net::CircuitBreaker> musicbrainz)
    {
        std::vector<http::DependencyCheck> checks;
        checks.push_back({"database", true, [&database] {
                              auto r = database.ping();
                              if (!r)
                                  return http::DependencyStatus{"down", r.error().message, std::nullopt};
                              return http::DependencyStatus{"up", database.dialect() == db::Dialect::Sqlite ? "sqlite" : "postgresql",
                                                            std::nullopt};
                          }});
        checks.push_back({"slskd", false, [config, http, slskd] {
                              if (!config.slskdConfigured())
                                  return http::DependencyStatus{"not_configured", "set SLSKD_URL", std::nullopt};
                              if (slskd->state() == net::BreakerState::Open)
                                  return fromBreaker(slskd);
                              return probeSlskd(config, *http);
                          }});
        checks.push_back({"spotify", false, [config, spotify] {
                              if (!config.spotifyConfigured())
                                  return http::DependencyStatus{"not_configured", "set SPOTIFY_CLIENT_ID", std::nullopt};
                              return fromBreaker(spotify);
                          }});
        checks.push_back({"musicbrainz", false, [musicbrainz] { return fromBreaker(musicbrainz); }});
        return checks;
    }
} // namespace soulspot::app
