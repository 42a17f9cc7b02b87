#include "core/Clock.hpp"
#include "core/Error.hpp"
#include "core/Uuid.hpp"

#include <regex>
#include <set>

#include <gtest/gtest.h>

namespace soulspot::core
{
    TEST(Uuid, IsVersion4AndUnique)
    {
        const std::regex shape("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i)
        {
            auto id = newUuid();
            EXPECT_TRUE(std::regex_match(id, shape)) << id;
            seen.insert(id);
        }
        EXPECT_EQ(seen.size(), 1000u);
    }

    TEST(Clock, FormatsIso8601Utc)
    {
        const auto t = std::chrono::system_clock::time_point(std::chrono::milliseconds(1764356666123));
        EXPECT_EQ(toIso8601(t), "2025-11-28T19:04:26.123Z");
        EXPECT_EQ(toUnixSeconds(t), 1764356666);
    }

    TEST(Error, CarriesCodeAndRetryability)
    {
        Result<int> r = fail(Error::unavailable("slskd down"));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, ErrorCode::Unavailable);
        EXPECT_TRUE(r.error().retryable);
        EXPECT_EQ(toString(ErrorCode::NotFound), "not_found");
    }
} // namespace soulspot::core
