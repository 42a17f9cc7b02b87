#include "http/handlers/HealthHandlers.hpp"

#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/Version.hpp"

namespace soulspot::http
{
    namespace
    {
        Response health(const HealthDeps& deps)
        {
            const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - deps.startedAt);
            nlohmann::json j = {{"status", "healthy"}, {"version", core::kVersion}, {"uptime_seconds", uptime.count()}};
            return jsonResponse(200, j.dump());
        }

        // Every check runs at once on its own thread; a check that overruns the timeout is reported down
        // and left to finish in the background (its thread owns what it uses).
        Response ready(const HealthDeps& deps)
        {
            struct Pending
            {
                const DependencyCheck* check;
                std::shared_ptr<std::promise<DependencyStatus>> promise;
                std::future<DependencyStatus> future;
            };
            std::vector<Pending> pending;
            for (const auto& check : deps.checks)
            {
                auto promise = std::make_shared<std::promise<DependencyStatus>>();
                auto future = promise->get_future();
                std::thread([promise, run = check.run] {
                    try
                    {
                        promise->set_value(run());
                    }
                    catch (const std::exception& e)
                    {
                        promise->set_value({"down", e.what(), std::nullopt});
                    }
                }).detach();
                pending.push_back({&check, std::move(promise), std::move(future)});
            }
            const auto deadline = std::chrono::steady_clock::now() + deps.checkTimeout;
            nlohmann::json checks = nlohmann::json::object();
            bool ready = true;
            bool degraded = false;
            for (auto& p : pending)
            {
                DependencyStatus s{"down", "check timed out", std::nullopt};
                if (p.future.wait_until(deadline) == std::future_status::ready)
                    s = p.future.get();
                nlohmann::json c = {{"status", s.status}};
                if (!s.detail.empty())
                    c["detail"] = s.detail;
                if (s.version)
                    c["version"] = *s.version;
                checks[p.check->name] = c;
                if (s.status == "down")
                {
                    degraded = true;
                    if (p.check->critical)
                        ready = false;
                }
            }
            nlohmann::json breakers = nlohmann::json::object();
            for (const auto& b : deps.breakers)
                breakers[b.service] = b.state();
            checks["circuit_breakers"] = breakers;
            nlohmann::json j = {{"status", ready ? "ready" : "not_ready"}, {"degraded", degraded}, {"checks", checks}};
            return jsonResponse(ready ? 200 : 503, j.dump());
        }
    } // namespace

    void registerHealthRoutes(Router& router, std::shared_ptr<HealthDeps> deps)
    {
        router.add("GET", "/health", [deps](Request&) { return health(*deps); }, "Liveness");
        router.add("GET", "/api/v1/health", [deps](Request&) { return health(*deps); }, "Liveness");
        router.add("GET", "/ready", [deps](Request&) { return ready(*deps); }, "Readiness with dependency checks");
    }
} // namespace soulspot::http
