#include "http/RequestPipeline.hpp"

#include <chrono>

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "core/Uuid.hpp"

namespace soulspot::http
{
    bool isAcceptableCorrelationId(std::string_view id)
    {
        if (id.empty() || id.size() > 128)
            return false;
        for (char c : id)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ':'))
                return false;
        return true;
    }

    RequestPipeline::RequestPipeline(std::shared_ptr<Router> router, std::shared_ptr<Metrics> metrics, RequestGate gate)
        : router_(std::move(router)), metrics_(std::move(metrics)), gate_(std::move(gate))
    {
    }

    Response RequestPipeline::handle(Request& request) const
    {
        const auto started = std::chrono::steady_clock::now();
        const auto supplied = request.header("X-Correlation-ID");
        request.correlationId = supplied && isAcceptableCorrelationId(*supplied) ? *supplied : core::newUuid();
        core::CorrelationScope scope(request.correlationId);

        Response response;
        try
        {
            std::optional<Response> gated = gate_ ? gate_(request) : std::nullopt;
            response = gated ? std::move(*gated) : router_->dispatch(request);
        }
        catch (const std::exception& e)
        {
            core::Logger("http").error("unhandled exception in handler",
                                       {{"error", std::string(e.what())}, {"path", request.path}});
            response = errorResponse(500, "internal", "internal server error (correlation id " + request.correlationId + ")");
        }

        response.setHeader("X-Correlation-ID", request.correlationId);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (!response.header("Content-Security-Policy"))
            response.setHeader("Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data: https:; frame-ancestors 'none'");
        response.setHeader("X-Frame-Options", "DENY");

        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (request.routePattern.empty())
            request.routePattern = "(gate)";
        metrics_->observeRequest(request.method, request.routePattern, response.status, seconds);
        const core::LogLevel level = response.status >= 500 ? core::LogLevel::Error : core::LogLevel::Info;
        // Health probes every few seconds would drown the log; they are logged at DEBUG.
        const bool probe = request.path == "/health" || request.path == "/ready" || request.path == "/metrics";
        core::Logger("http.access").log(probe && response.status < 500 ? core::LogLevel::Debug : level, "request",
                                        {{"method", request.method},
                                         {"path", request.path},
                                         {"status", std::int64_t{response.status}},
                                         {"duration_ms", seconds * 1000.0},
                                         {"remote_addr", request.remoteAddress}});
        return response;
    }
} // namespace soulspot::http
