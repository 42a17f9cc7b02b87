// net::RateLimiter with a fake clock whose sleeper advances time: no real waiting.
#include "net/RateLimiter.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace soulspot::net
{
    namespace
    {
        class ManualClock final : public core::IClock
        {
        public:
            std::chrono::system_clock::time_point now() const override { return {}; }
            std::chrono::steady_clock::time_point steadyNow() const override { return t; }
            std::chrono::steady_clock::time_point t{std::chrono::hours(1)};
        };

        struct ManualClockLimiter : ::testing::Test
        {
            std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
            std::vector<std::chrono::milliseconds> sleeps;
            RateLimiter limiter{std::chrono::milliseconds(1000), clock, [this](std::chrono::milliseconds d) {
                                    sleeps.push_back(d);
                                    clock->t += d;
                                }};
        };
        using std::chrono::milliseconds;
    } // namespace

    TEST_F(ManualClockLimiter, SpacesBackToBackRequests)
    {
        EXPECT_EQ(limiter.acquire(), milliseconds(0));
        EXPECT_EQ(limiter.acquire(), milliseconds(1000));
        clock->t += milliseconds(300);
        EXPECT_EQ(limiter.acquire(), milliseconds(700));
        EXPECT_EQ(sleeps, (std::vector<milliseconds>{milliseconds(1000), milliseconds(700)}));
    }

    TEST_F(ManualClockLimiter, IdleTimeIsNotBanked)
    {
        limiter.acquire();
        clock->t += milliseconds(10000);
        EXPECT_EQ(limiter.acquire(), milliseconds(0));
        EXPECT_EQ(limiter.acquire(), milliseconds(1000)); // no burst after a quiet spell
    }

    TEST_F(ManualClockLimiter, HoldOffDelaysEveryone)
    {
        limiter.acquire();
        limiter.holdOff(milliseconds(5000));
        EXPECT_EQ(limiter.acquire(), milliseconds(5000));
        EXPECT_EQ(limiter.acquire(), milliseconds(1000));
        limiter.holdOff(milliseconds(10)); // shorter than the pending slot: no effect
        EXPECT_EQ(limiter.acquire(), milliseconds(1000));
    }

    TEST(RateLimiterThreads, ConcurrentCallersQueueUp)
    {
        // Six callers at once take six distinct slots, so the last starts no earlier than five intervals in.
        RateLimiter limiter(milliseconds(20));
        const auto begin = std::chrono::steady_clock::now();
        std::vector<std::thread> threads;
        for (int i = 0; i < 6; ++i)
            threads.emplace_back([&] { limiter.acquire(); });
        for (auto& t : threads)
            t.join();
        EXPECT_GE(std::chrono::steady_clock::now() - begin, milliseconds(100));
    }
} // namespace soulspot::net
