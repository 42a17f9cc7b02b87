#pragma once
// The dependency probes behind /ready. slskd is asked through its client (it is local and cheap); Spotify and
// MusicBrainz are judged by configuration and breaker state, because probing them on every /ready
// would spend their rate limits.

#include <memory>
#include <vector>

#include "app/Config.hpp"
#include "http/handlers/HealthHandlers.hpp"

namespace soulspot::db { class Database; }
namespace soulspot::net { class CircuitBreaker; }
namespace soulspot::sources::slskd { class ISlskdApi; }

namespace soulspot::app
{
    std::vector<http::DependencyCheck> readinessChecks(const Config& config, db::Database& database,
                                                       std::shared_ptr<sources::slskd::ISlskdApi> slskdApi, // null: not configured
                                                       std::shared_ptr<net::CircuitBreaker> slskd,
                                                       std::shared_ptr<net::CircuitBreaker> spotify,
                                                       std::shared_ptr<net::CircuitBreaker> musicbrainz);
} // namespace soulspot::app
