#include "net/CircuitBreaker.hpp"

#include <gtest/gtest.h>

namespace soulspot::net
{
    namespace
    {
        class ManualClock final : public core::IClock
        {
        public:
            std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::time_point{} + offset; }
            std::chrono::steady_clock::time_point steadyNow() const override { return std::chrono::steady_clock::time_point{} + offset; }
            std::chrono::milliseconds offset{0};
        };
    } // namespace

    TEST(CircuitBreaker, WalksClosedOpenHalfOpenClosed)
    {
        auto clock = std::make_shared<ManualClock>();
        CircuitBreaker breaker("slskd", {3, std::chrono::seconds(60), 2}, clock);
        EXPECT_EQ(breaker.state(), BreakerState::Closed);
        for (int i = 0; i < 2; ++i)
            breaker.recordFailure();
        EXPECT_EQ(breaker.state(), BreakerState::Closed);
        breaker.recordSuccess(); // a success resets the consecutive count
        for (int i = 0; i < 2; ++i)
            breaker.recordFailure();
        EXPECT_EQ(breaker.state(), BreakerState::Closed);
        breaker.recordFailure();
        EXPECT_EQ(breaker.state(), BreakerState::Open);
        EXPECT_FALSE(breaker.allowRequest());
        EXPECT_EQ(breaker.retryAfter(), std::chrono::seconds(60));

        clock->offset = std::chrono::seconds(61);
        EXPECT_TRUE(breaker.allowRequest());
        EXPECT_EQ(breaker.state(), BreakerState::HalfOpen);
        breaker.recordSuccess();
        EXPECT_EQ(breaker.state(), BreakerState::HalfOpen);
        breaker.recordSuccess();
        EXPECT_EQ(breaker.state(), BreakerState::Closed);
    }

    TEST(CircuitBreaker, HalfOpenFailureReopens)
    {
        auto clock = std::make_shared<ManualClock>();
        CircuitBreaker breaker("spotify", {1, std::chrono::seconds(10), 2}, clock);
        breaker.recordFailure();
        EXPECT_EQ(breaker.state(), BreakerState::Open);
        clock->offset = std::chrono::seconds(10);
        EXPECT_TRUE(breaker.allowRequest());
        breaker.recordFailure();
        EXPECT_EQ(breaker.state(), BreakerState::Open);
        EXPECT_FALSE(breaker.allowRequest());
        EXPECT_EQ(toString(BreakerState::HalfOpen), "HALF_OPEN");
    }
} // namespace soulspot::net
