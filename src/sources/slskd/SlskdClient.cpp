// Auth, status mapping, version, health and searches. Transfers live in SlskdTransfers.cpp.
#include "sources/slskd/SlskdClient.hpp"

#include "core/Log.hpp"
#include "sources/slskd/SlskdJson.hpp"

namespace soulspot::sources::slskd
{
    namespace
    {
        const core::Logger kLog("sources.slskd");

        net::RetryPolicy retryPolicyFor(const SlskdConfig& config)
        {
            net::RetryPolicy policy;
            policy.maxAttempts = std::max(1, config.maxAttempts);
            policy.initialBackoff = config.rateLimitBackoff;
            policy.maxBackoff = config.maxBackoff;
            return policy;
        }

        core::Error makeError(core::ErrorCode code, std::string message, bool retryable, int status)
        {
            return core::Error{code, std::move(message), retryable, status};
        }
    } // namespace

    SlskdClient::SlskdClient(SlskdConfig config, std::shared_ptr<net::IHttpClient> http,
                             std::shared_ptr<net::CircuitBreaker> breaker)
        : config_(std::move(config)),
          service_("slskd", config_.baseUrl, std::move(http), std::move(breaker), retryPolicyFor(config_),
                   config_.sleeper ? config_.sleeper : net::realSleeper())
    {
    }

    core::Result<net::HttpResponse> SlskdClient::sendOnce(const std::string& method, const std::string& path,
                                                          const std::string& body, const std::string& token,
                                                          std::optional<std::chrono::milliseconds> timeout)
    {
        net::HttpRequest request;
        request.method = method;
        request.url = path;
        request.body = body;
        request.timeout = timeout.value_or(config_.requestTimeout);
        request.connectTimeout = config_.connectTimeout;
        request.headers.emplace_back("Accept", "application/json");
        if (!body.empty())
            request.headers.emplace_back("Content-Type", "application/json");
        if (!config_.apiKey.empty())
            request.headers.emplace_back("X-API-Key", config_.apiKey);
        else if (!token.empty())
            request.headers.emplace_back("Authorization", "Bearer " + token);
        return service_.call(std::move(request));
    }

    core::Result<net::HttpResponse> SlskdClient::send(const std::string& method, const std::string& path,
                                                      std::string body, std::optional<std::chrono::milliseconds> timeout)
    {
        if (!config_.apiKey.empty())
            return sendOnce(method, path, body, {}, timeout);
        auto token = currentToken();
        if (!token)
            return core::fail(token.error());
        auto response = sendOnce(method, path, body, *token, timeout);
        if (!response || response->status != 401)
            return response;
        // slskd signs JWTs with a key that is new on every start, so a 401 usually means it restarted.
        kLog.info("slskd refused the session token, logging in again", {{"path", path}});
        {
            std::lock_guard lock(mutex_);
            version_.reset(); // a restart may also have been an upgrade: detect the version again
        }
        auto fresh = login();
        if (!fresh)
            return core::fail(fresh.error());
        return sendOnce(method, path, body, *fresh, timeout);
    }

    core::Result<std::string> SlskdClient::currentToken()
    {
        {
            std::lock_guard lock(mutex_);
            if (!token_.empty())
                return token_;
        }
        return login();
    }

    core::Result<std::string> SlskdClient::login()
    {
        if (config_.username.empty())
            return core::fail(makeError(core::ErrorCode::Unauthorized,
                                        "slskd: no API key and no username/password configured", false, 0));
        auto response = sendOnce("POST", "/api/v0/session", json::sessionRequest(config_.username, config_.password), {});
        if (!response)
            return core::fail(response.error());
        if (response->status == 401 || response->status == 403 || response->status == 400)
            return core::fail(makeError(core::ErrorCode::Unauthorized,
                                        response->status == 403 ? "slskd refuses logins (headless mode)"
                                                                : "slskd refused the configured username/password",
                                        false, response->status));
        if (!response->ok())
            return core::fail(httpError(*response, "slskd login"));
        auto token = json::sessionToken(response->body);
        if (!token)
            return core::fail(token.error());
        std::lock_guard lock(mutex_);
        token_ = *token;
        return token_;
    }

    core::Error SlskdClient::httpError(const net::HttpResponse& response, const std::string& what) const
    {
        const int status = response.status;
        std::string message = what + ": HTTP " + std::to_string(status);
        if (const auto text = json::errorText(response.body); !text.empty())
            message += ": " + text;
        switch (status)
        {
        case 400: return makeError(core::ErrorCode::InvalidArgument, message, false, status);
        case 401:
        case 403: return makeError(core::ErrorCode::Unauthorized, message, false, status);
        case 404: return makeError(core::ErrorCode::NotFound, message, false, status);
        case 409: return makeError(core::ErrorCode::Conflict, message, false, status);
        case 429: return makeError(core::ErrorCode::RateLimited, message, true, status);
        default: break;
        }
        return makeError(core::ErrorCode::UpstreamError, message, status >= 500, status);
    }

    core::Result<SlskdVersion> SlskdClient::version()
    {
        {
            std::lock_guard lock(mutex_);
            if (version_)
                return *version_;
        }
        auto response = send("GET", "/api/v0/application/version");
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd version"));
        const auto parsed = SlskdVersion::parse(json::versionString(response->body));
        if (parsed.major == 0 && parsed.minor == 0)
            return core::fail(core::Error::parse("slskd version not understood: " + parsed.raw));
        std::lock_guard lock(mutex_);
        version_ = parsed;
        return parsed;
    }

    SlskdHealth SlskdClient::checkHealth()
    {
        SlskdHealth health;
        auto response = send("GET", "/api/v0/application");
        if (!response)
        {
            // A refused login still means slskd answered; transport failures and an open breaker do not.
            const auto code = response.error().code;
            health.reachable = code != core::ErrorCode::Unavailable && code != core::ErrorCode::Timeout;
            health.detail = response.error().message;
            return health;
        }
        health.reachable = true;
        if (response->status == 401 || response->status == 403)
        {
            health.detail = "slskd refused our credentials";
            return health;
        }
        if (!response->ok())
        {
            health.detail = httpError(*response, "slskd application").message;
            return health;
        }
        health.authorized = true;
        auto state = json::applicationState(response->body);
        if (!state)
        {
            health.detail = state.error().message;
            return health;
        }
        health.loggedIn = state->isLoggedIn;
        health.serverState = state->serverState;
        health.version = state->version;
        if (auto v = version())
            health.version = v->raw;
        if (!health.loggedIn)
            health.detail = "slskd is not logged in to the Soulseek network (" + state->serverState + ")";
        return health;
    }

    core::Result<SearchState> SlskdClient::startSearch(const SearchRequest& request)
    {
        if (request.searchText.find_first_not_of(" \t") == std::string::npos)
            return core::fail(core::Error::invalid("slskd search: empty search text"));
        auto response = send("POST", "/api/v0/searches", json::searchRequest(request));
        if (!response)
            return core::fail(response.error());
        if (response->status == 409) // InvalidOperationException: not connected / logged in
            return core::fail(makeError(core::ErrorCode::Unavailable,
                                        "slskd is not connected to Soulseek: " + json::errorText(response->body), true,
                                        409));
        if (response->status == 429)
        {
            kLog.warning("slskd kept refusing overlapping search POSTs", {{"search_id", request.id}});
            return core::fail(httpError(*response, "slskd search"));
        }
        if (!response->ok())
            return core::fail(httpError(*response, "slskd search"));
        return json::searchState(response->body);
    }

    core::Result<SearchState> SlskdClient::getSearch(const std::string& searchId)
    {
        auto response = send("GET", "/api/v0/searches/" + net::urlEncode(searchId) + "?includeResponses=false");
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd search " + searchId));
        return json::searchState(response->body);
    }

    core::Result<std::vector<SearchResponseDto>> SlskdClient::getSearchResponses(const std::string& searchId)
    {
        auto response = send("GET", "/api/v0/searches/" + net::urlEncode(searchId) + "/responses");
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd search responses " + searchId));
        return json::searchResponses(response->body);
    }

    core::Result<void> SlskdClient::stopSearch(const std::string& searchId)
    {
        auto response = send("PUT", "/api/v0/searches/" + net::urlEncode(searchId));
        if (!response)
            return core::fail(response.error());
        if (!response->ok())
            return core::fail(httpError(*response, "slskd stop search " + searchId));
        return {};
    }

    core::Result<void> SlskdClient::deleteSearch(const std::string& searchId)
    {
        auto response = send("DELETE", "/api/v0/searches/" + net::urlEncode(searchId));
        if (!response)
            return core::fail(response.error());
        if (!response->ok() && response->status != 404) // already gone is what we wanted
            return core::fail(httpError(*response, "slskd delete search " + searchId));
        return {};
    }

    std::shared_ptr<ISlskdApi> createSlskdClient(SlskdConfig config, std::shared_ptr<net::IHttpClient> http,
                                                 std::shared_ptr<net::CircuitBreaker> breaker)
    {
        return std::make_shared<SlskdClient>(std::move(config), std::move(http), std::move(breaker));
    }
} // namespace soulspot::sources::slskd
