#include "net/CircuitBreaker.hpp"

#include "core/Log.hpp"

namespace soulspot::net
{
    std::string_view toString(BreakerState state)
    {
        switch (state)
        {
        case BreakerState::Closed: return "CLOSED";
        case BreakerState::Open: return "OPEN";
        case BreakerState::HalfOpen: return "HALF_OPEN";
        }
        return "CLOSED";
    }

    CircuitBreaker::CircuitBreaker(std::string name, BreakerSettings settings, std::shared_ptr<core::IClock> clock)
        : name_(std::move(name)), settings_(settings), clock_(std::move(clock))
    {
    }

    bool CircuitBreaker::allowRequest()
    {
        std::lock_guard lock(mutex_);
        if (state_ == BreakerState::Open && clock_->steadyNow() - openedAt_ >= settings_.openTimeout)
            transition(BreakerState::HalfOpen);
        return state_ != BreakerState::Open;
    }

    void CircuitBreaker::recordSuccess()
    {
        std::lock_guard lock(mutex_);
        consecutiveFailures_ = 0;
        if (state_ == BreakerState::HalfOpen && ++halfOpenSuccesses_ >= settings_.successThreshold)
            transition(BreakerState::Closed);
    }

    void CircuitBreaker::recordFailure()
    {
        std::lock_guard lock(mutex_);
        if (state_ == BreakerState::HalfOpen)
        {
            transition(BreakerState::Open);
            return;
        }
        if (state_ == BreakerState::Closed && ++consecutiveFailures_ >= settings_.failureThreshold)
            transition(BreakerState::Open);
    }

    BreakerState CircuitBreaker::state() const
    {
        std::lock_guard lock(mutex_);
        if (state_ == BreakerState::Open && clock_->steadyNow() - openedAt_ >= settings_.openTimeout)
            return BreakerState::HalfOpen; // what the next request will see
        return state_;
    }

    std::chrono::milliseconds CircuitBreaker::retryAfter() const
    {
        std::lock_guard lock(mutex_);
        if (state_ != BreakerState::Open)
            return std::chrono::milliseconds(0);
        const auto left = settings_.openTimeout - (clock_->steadyNow() - openedAt_);
        return std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(left));
    }

    void CircuitBreaker::transition(BreakerState to)
    {
        if (to == state_)
            return;
        const BreakerState from = state_;
        state_ = to;
        halfOpenSuccesses_ = 0;
        if (to == BreakerState::Open)
            openedAt_ = clock_->steadyNow();
        if (to == BreakerState::Closed)
            consecutiveFailures_ = 0;
        const core::LogLevel level = to == BreakerState::Open ? core::LogLevel::Warning : core::LogLevel::Info;
        core::Logger("net.breaker").log(level, "circuit breaker " + name_ + " " + std::string(toString(from)) + " -> " +
                                                   std::string(toString(to)),
                                        {{"service", name_}, {"state", std::string(toString(to))}});
    }
} // namespace soulspot::net
