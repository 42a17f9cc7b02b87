#include "sources/spotify/SpotifyErrors.hpp"

#include <charconv>
#include <string>

#include <nlohmann/json.hpp>

#include "net/ServiceClient.hpp"
#include "sources/spotify/SpotifyJson.hpp"

namespace soulspot::sources::spotify
{
    namespace
    {
        core::Error make(core::ErrorCode code, std::string message, bool retryable, int status)
        {
            return core::Error{code, std::move(message), retryable, status};
        }

        core::Error rateLimited(const net::HttpResponse& response, std::string_view what, std::string_view reason)
        {
            const auto wait = net::parseRetryAfter(response).value_or(std::chrono::seconds(1));
            const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wait).count();
            std::string msg = "Spotify rate limit on " + std::string(what) + ", retry after " + std::to_string(seconds) + " s";
            if (!reason.empty())
                msg += " (" + std::string(reason) + ")";
            auto err = make(core::ErrorCode::RateLimited, std::move(msg), true, 429);
            err.retryAfter = std::chrono::duration_cast<std::chrono::milliseconds>(wait);
            return err;
        }
    } // namespace

    bool isInvalidGrant(const core::Error& error)
    {
        return error.code == core::ErrorCode::Unauthorized && error.reason == "invalid_grant";
    }

    std::optional<std::chrono::seconds> retryAfterOf(const core::Error& error)
    {
        if (error.code != core::ErrorCode::RateLimited || !error.retryAfter)
            return std::nullopt;
        return std::chrono::duration_cast<std::chrono::seconds>(*error.retryAfter);
    }

    core::Error webApiError(const net::HttpResponse& response, std::string_view what)
    {
        std::string message;
        std::string reason;
        const auto body = nlohmann::json::parse(response.body, nullptr, false);
        if (body.is_object() && body.contains("error"))
        {
            message = json::text(body["error"], "message");
            reason = json::text(body["error"], "reason");
        }
        const std::string text = "Spotify " + std::string(what) + ": HTTP " + std::to_string(response.status) +
                                 (message.empty() ? "" : " " + message);
        const int status = response.status;
        if (status == 429)
            return rateLimited(response, what, reason);
        if (status == 401)
            return make(core::ErrorCode::Unauthorized, text, false, status);
        if (status == 404)
            return make(core::ErrorCode::NotFound, text, false, status);
        if (status >= 500)
            return make(core::ErrorCode::Unavailable, text, true, status);
        return make(core::ErrorCode::UpstreamError, text, false, status);
    }

    core::Error tokenEndpointError(const net::HttpResponse& response)
    {
        if (response.status == 429)
            return rateLimited(response, "token endpoint", "");
        if (response.status >= 500)
            return make(core::ErrorCode::Unavailable,
                        "Spotify accounts service: HTTP " + std::to_string(response.status), true, response.status);
        std::string error;
        std::string description;
        const auto body = nlohmann::json::parse(response.body, nullptr, false);
        error = json::text(body, "error");
        description = json::text(body, "error_description");
        const std::string text = error + ": " + description + " (HTTP " + std::to_string(response.status) + ")";
        if (error == "invalid_grant")
        {
            auto err = make(core::ErrorCode::Unauthorized, text, false, response.status);
            err.reason = "invalid_grant";
            return err;
        }
        if (error == "invalid_client")
            // A wrong client id is configuration, not something re-authorising fixes.
            return make(core::ErrorCode::InvalidArgument, text + "; check the Spotify client id", false,
                        response.status);
        return make(core::ErrorCode::UpstreamError,
                    "Spotify token endpoint: " + (error.empty() ? "HTTP " + std::to_string(response.status) : text),
                    false, response.status);
    }
} // namespace soulspot::sources::spotify
