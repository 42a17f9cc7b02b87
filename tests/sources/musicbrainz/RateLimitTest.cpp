// The 1 request/second rule against fake_musicbrainz.py --strict-rate, which answers 503 to a second
// request within a second, like the real service. Slow by nature (~7 s); bursts are kept small.
#include <thread>

#include <gtest/gtest.h>

#include "MusicBrainzFake.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        const std::vector<std::string> kIsrcs{"GBAAA9900303", "FRXYZ1100001", "ZZZZZ0000001", "ZZZZZ0000002",
                                              "ZZZZZ0000003"};
    } // namespace

    TEST(MbRateLimit, BurstFromSeveralThreadsNeverSees503)
    {
        test::MusicBrainzFake fake{{"--strict-rate"}};
        auto limiter = std::make_shared<net::RateLimiter>(kMinRequestInterval); // what processRateLimiter() uses
        MusicBrainzSettings settings;
        settings.maxAttempts = 1; // a 503 would surface as an error instead of being retried away
        auto client = test::makeClient(fake, nullptr, limiter, settings);

        std::vector<std::thread> threads;
        std::vector<bool> ok(kIsrcs.size());
        for (std::size_t i = 0; i < kIsrcs.size(); ++i)
            threads.emplace_back([&, i] { ok[i] = client->lookupIsrc(kIsrcs[i]).has_value(); });
        for (auto& t : threads)
            t.join();
        for (std::size_t i = 0; i < ok.size(); ++i)
            EXPECT_TRUE(ok[i]) << kIsrcs[i];

        const auto counts = fake.get("/_control/counts");
        EXPECT_EQ(counts["total"], 5);
        EXPECT_FALSE(counts["byStatus"].contains("503"));
        auto times = fake.arrivals("/ws/2/");
        ASSERT_EQ(times.size(), 5u);
        std::sort(times.begin(), times.end());
        for (std::size_t i = 1; i < times.size(); ++i)
            EXPECT_GE(times[i] - times[i - 1], 1.0) << "between request " << i - 1 << " and " << i;
    }

    TEST(MbRateLimit, WithoutSpacingTheFakeAnswers503AndTheClientRecovers)
    {
        test::MusicBrainzFake fake{{"--strict-rate"}};
        auto client = test::makeClient(fake); // limiter without spacing
        ASSERT_TRUE(client->lookupIsrc("GBAAA9900303"));
        auto second = client->lookupIsrc("FRXYZ1100001"); // too soon: 503 + Retry-After: 1, then retried
        ASSERT_TRUE(second) << second.error().message;
        EXPECT_EQ(second->size(), 3u);
        const auto counts = fake.get("/_control/counts");
        EXPECT_EQ(counts["byStatus"]["503"], 1);
        EXPECT_EQ(counts["byStatus"]["200"], 2);
    }
} // namespace soulspot::sources::musicbrainz
