#pragma once
// The dependency probes behind /ready. slskd is probed for real (it is local and cheap); Spotify and
// MusicBrainz are judged by configuration and breaker state, because probing them on every /ready
// would spend their rate limits.

#include <memory>
#include <vector>

#include "app/Config.hpp"
#include "http/handlers/HealthHandlers.hpp"

namespace soulspot::db { class Database; }
namespace soulspot::net
{
    class CircuitBreaker;
    class IHttpClient;
}

namespace soulspot::app
{
    std::vector<http::DependencyCheck> readinessChecks(const Config& config, db::Database& database,
                                                       std::shared_ptr<net::IHttpClient> http,
                                                       std::shared_ptr<net::CircuitBreaker> slskd,
                                                       std::shared_ptr<net::CircuitBreaker> spotify,
                                                       std::shared_ptr<net::CircuitBreaker> musicbrainz);
} // namespace soulspot::app
