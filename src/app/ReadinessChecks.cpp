#include "app/ReadinessChecks.hpp"

#include "db/Database.hpp"
#include "net/CircuitBreaker.hpp"
#include "sources/slskd/ISlskdApi.hpp"

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

    } // namespace

    std::vector<http::DependencyCheck> readinessChecks(const Config& config, db::Database& database,
                                                       std::shared_ptr<sources::slskd::ISlskdApi> slskdApi,
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
        checks.push_back({"slskd", false, [slskdApi, slskd] {
                              if (!slskdApi)
                                  return http::DependencyStatus{"not_configured", "set SLSKD_URL", std::nullopt};
                              if (slskd->state() == net::BreakerState::Open)
                                  return fromBreaker(slskd);
                              // server.isLoggedIn is slskd's real readiness; its /health says Healthy regardless.
                              const auto h = slskdApi->checkHealth();
                              std::optional<std::string> version;
                              if (!h.version.empty())
                                  version = h.version;
                              if (!h.reachable || !h.authorized || !h.loggedIn)
                                  return http::DependencyStatus{"down", h.detail, version};
                              return http::DependencyStatus{"up", "", version};
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
