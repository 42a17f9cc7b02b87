#include "http/auth/LoginThrottle.hpp"

#include <gtest/gtest.h>

namespace soulspot::http
{
    TEST(LoginThrottle, FiveFailuresInFiveMinutesBlockThatAddressUntilTheOldestAgesOut)
    {
        LoginThrottle throttle(5, std::chrono::seconds(300));
        const auto t0 = LoginThrottle::Clock::now();
        for (int i = 0; i < 5; ++i)
        {
            EXPECT_EQ(throttle.retryAfter("10.0.0.9", t0 + std::chrono::seconds(i)).count(), 0) << i;
            throttle.recordFailure("10.0.0.9", t0 + std::chrono::seconds(i));
        }
        EXPECT_EQ(throttle.retryAfter("10.0.0.9", t0 + std::chrono::seconds(10)).count(), 290);
        EXPECT_EQ(throttle.retryAfter("10.0.0.8", t0 + std::chrono::seconds(10)).count(), 0) << "other addresses are free";
        EXPECT_EQ(throttle.retryAfter("10.0.0.9", t0 + std::chrono::seconds(300)).count(), 0) << "the first failure aged out";
        throttle.recordSuccess("10.0.0.9");
        EXPECT_EQ(throttle.retryAfter("10.0.0.9", t0 + std::chrono::seconds(11)).count(), 0);
    }
} // namespace soulspot::http
