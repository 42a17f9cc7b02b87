#pragma once
// /health (liveness), /api/v1/health and /ready (dependencies + circuit breakers).

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "http/Router.hpp"

namespace soulspot::http
{
    struct DependencyStatus
    {
        std::string status; // "up" | "down" | "not_configured"
        std::string detail;
        std::optional<std::string> version;
    };

    struct DependencyCheck
    {
        std::string name; // "database", "slskd", "spotify", "musicbrainz"
        bool critical;    // a critical dependency that is down makes the service not ready
        std::function<DependencyStatus()> run;
    };

    struct BreakerView
    {
        std::string service;
        std::function<std::string()> state; // "CLOSED" | "OPEN" | "HALF_OPEN"
    };

    struct HealthDeps
    {
        std::vector<DependencyCheck> checks;
        std::vector<BreakerView> breakers;
        std::chrono::milliseconds checkTimeout{2000};
        std::chrono::steady_clock::time_point startedAt{std::chrono::steady_clock::now()};
    };

    void registerHealthRoutes(Router& router, std::shared_ptr<HealthDeps> deps);
} // namespace soulspot::http
