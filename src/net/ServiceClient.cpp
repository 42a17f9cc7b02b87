#include "net/ServiceClient.hpp"

#include <random>
#include <thread>

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"

namespace soulspot::net
{
    namespace
    {
        bool isIdempotent(const std::string& method)
        {
            return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE";
        }

        std::chrono::milliseconds jittered(std::chrono::milliseconds base)
        {
            thread_local std::mt19937 rng{std::random_device{}()};
            std::uniform_int_distribution<long> dist(0, base.count() / 2);
            return base + std::chrono::milliseconds(dist(rng));
        }
    } // namespace

    Sleeper realSleeper()
    {
        return [](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); };
    }

    std::optional<std::chrono::milliseconds> parseRetryAfter(const HttpResponse& response)
    {
        const auto value = response.header("Retry-After");
        if (!value || value->empty())
            return std::nullopt;
        long seconds = 0;
        for (char c : *value)
        {
            if (c < '0' || c > '9')
                return std::nullopt;
            seconds = seconds * 10 + (c - '0');
            if (seconds > 10L * 24 * 3600)
                break;
        }
        return std::chrono::milliseconds(seconds * 1000);
    }

    ServiceClient::ServiceClient(std::string serviceName, std::string baseUrl, std::shared_ptr<IHttpClient> http,
                                 std::shared_ptr<CircuitBreaker> breaker, RetryPolicy retry, Sleeper sleeper)
        : name_(std::move(serviceName)), baseUrl_(std::move(baseUrl)), http_(std::move(http)),
          breaker_(std::move(breaker)), retry_(retry), sleeper_(std::move(sleeper))
    {
    }

    core::Result<HttpResponse> ServiceClient::call(HttpRequest request)
    {
        if (!request.url.starts_with("http://") && !request.url.starts_with("https://"))
            request.url = joinUrl(baseUrl_, request.url);
        if (const auto& cid = core::currentCorrelationId(); !cid.empty())
            request.headers.emplace_back("X-Correlation-ID", cid);

        const bool idempotent = isIdempotent(request.method);
        std::chrono::milliseconds backoff = retry_.initialBackoff;
        const core::Logger log("net." + name_);
        for (int attempt = 1;; ++attempt)
        {
            if (!breaker_->allowRequest())
            {
                core::Error err = core::Error::unavailable(name_ + " circuit breaker is OPEN");
                return core::fail(std::move(err));
            }
            auto result = http_->send(request);
            const bool last = attempt >= retry_.maxAttempts;
            if (!result)
            {
                breaker_->recordFailure();
                log.warning(name_ + " request failed", {{"method", request.method},
                                                        {"url", request.url},
                                                        {"attempt", std::int64_t{attempt}},
                                                        {"error", result.error().message}});
                if (!idempotent || last)
                    return result;
                sleeper_(jittered(backoff));
                backoff = std::min(backoff * 2, retry_.maxBackoff);
                continue;
            }
            const int status = result->status;
            if (status >= 500)
                breaker_->recordFailure();
            else
                breaker_->recordSuccess(); // 4xx means the service is up and answering

            if (status == 429 && !last)
            {
                const auto retryAfter = parseRetryAfter(*result).value_or(jittered(backoff));
                if (retryAfter > retry_.maxRetryAfter)
                    return result;
                log.info(name_ + " rate limited, retrying", {{"retry_after_ms", std::int64_t{retryAfter.count()}}});
                sleeper_(retryAfter);
                backoff = std::min(backoff * 2, retry_.maxBackoff);
                continue;
            }
            if (status >= 500 && idempotent && !last)
            {
                sleeper_(jittered(backoff));
                backoff = std::min(backoff * 2, retry_.maxBackoff);
                continue;
            }
            return result;
        }
    }
} // namespace soulspot::net
