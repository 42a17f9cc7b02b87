#pragma once
// An external service as the rest of the code sees it: base URL, circuit breaker, retry with backoff for
// idempotent calls, Retry-After honoured, correlation id sent. HTTP statuses are mapped to core::Error
// only by the caller, because what a 404 means differs per API.

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/Error.hpp"
#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"

namespace soulspot::net
{
    struct RetryPolicy
    {
        int maxAttempts{3}; // total, including the first
        std::chrono::milliseconds initialBackoff{200};
        std::chrono::milliseconds maxBackoff{5000};
        std::chrono::milliseconds maxRetryAfter{30000}; // longer Retry-After values are returned to the caller
    };

    /// How long to sleep; injectable so tests run instantly.
    using Sleeper = std::function<void(std::chrono::milliseconds)>;
    Sleeper realSleeper();

    class ServiceClient
    {
    public:
        ServiceClient(std::string serviceName, std::string baseUrl, std::shared_ptr<IHttpClient> http,
                      std::shared_ptr<CircuitBreaker> breaker, RetryPolicy retry = {}, Sleeper sleeper = realSleeper());

        /// Sends `request` (its url is a path relative to the base URL unless it starts with http).
        /// GET/HEAD/PUT/DELETE are retried on transport errors, 5xx and 429; POST/PATCH only on 429.
        /// Errors: Unavailable when the breaker is open or the service unreachable; the response otherwise,
        /// whatever its status (a 4xx is an answer, not an outage).
        core::Result<HttpResponse> call(HttpRequest request);

        const std::string& baseUrl() const { return baseUrl_; }
        const std::string& name() const { return name_; }
        CircuitBreaker& breaker() { return *breaker_; }

    private:
        std::string name_;
        std::string baseUrl_;
        std::shared_ptr<IHttpClient> http_;
        std::shared_ptr<CircuitBreaker> breaker_;
        RetryPolicy retry_;
        Sleeper sleeper_;
    };

    /// Parses Retry-After given as delta-seconds; nullopt when absent or an HTTP date we don't honour.
    std::optional<std::chrono::milliseconds> parseRetryAfter(const HttpResponse& response);
} // namespace soulspot::net
