#pragma once
// Failed-login rate limit per client address: after `maxFailures` failures inside `window`, further
// attempts are refused (429) until the oldest failure leaves the window. In memory on purpose: a restart
// clears it, which an attacker cannot trigger, and the database stays out of the hot path of an attack.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace soulspot::http
{
    class LoginThrottle
    {
    public:
        using Clock = std::chrono::steady_clock;
        LoginThrottle(int maxFailures, std::chrono::seconds window) : maxFailures_(maxFailures), window_(window) {}

        /// Zero when an attempt is allowed now, else how long until it is.
        std::chrono::seconds retryAfter(const std::string& address, Clock::time_point now = Clock::now());
        void recordFailure(const std::string& address, Clock::time_point now = Clock::now());
        void recordSuccess(const std::string& address);

    private:
        void prune(std::deque<Clock::time_point>& failures, Clock::time_point now) const;

        const int maxFailures_;
        const std::chrono::seconds window_;
        std::mutex mutex_;
        std::map<std::string, std::deque<Clock::time_point>> failures_;
    };
} // namespace soulspot::http
