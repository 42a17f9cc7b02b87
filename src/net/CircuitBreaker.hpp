#pragma once
// One breaker per external service: CLOSED → OPEN after N consecutive failures → HALF_OPEN once the
// timeout has passed (a trial request is let through) → CLOSED after M successes, or back to OPEN on a failure.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/Clock.hpp"

namespace soulspot::net
{
    enum class BreakerState { Closed, Open, HalfOpen };
    std::string_view toString(BreakerState state); // "CLOSED" | "OPEN" | "HALF_OPEN"

    struct BreakerSettings
    {
        int failureThreshold{5};
        std::chrono::seconds openTimeout{60};
        int successThreshold{2};
    };

    class CircuitBreaker
    {
    public:
        CircuitBreaker(std::string name, BreakerSettings settings, std::shared_ptr<core::IClock> clock);

        /// False while OPEN; moves OPEN → HALF_OPEN once the timeout has passed.
        bool allowRequest();
        void recordSuccess();
        void recordFailure();

        BreakerState state() const;
        const std::string& name() const { return name_; }
        /// Time until an OPEN breaker lets a trial request through (zero otherwise).
        std::chrono::milliseconds retryAfter() const;

    private:
        void transition(BreakerState to);

        const std::string name_;
        const BreakerSettings settings_;
        const std::shared_ptr<core::IClock> clock_;
        mutable std::mutex mutex_;
        BreakerState state_{BreakerState::Closed};
        int consecutiveFailures_{0};
        int halfOpenSuccesses_{0};
        std::chrono::steady_clock::time_point openedAt_{};
    };
} // namespace soulspot::net
