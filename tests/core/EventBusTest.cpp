#include "core/EventBus.hpp"

#include <thread>

#include <gtest/gtest.h>

namespace soulspot::core
{
    TEST(EventBus, ReplaysWhatCameAfterAnId)
    {
        EventBus bus(8, 100);
        EXPECT_EQ(bus.lastId(), 99);
        const auto a = bus.publish("download", "{\"n\":1}");
        const auto b = bus.publish("download", "{\"n\":2}");
        EXPECT_EQ(a, 100);
        EXPECT_EQ(b, 101);
        auto batch = bus.waitSince(a, std::chrono::milliseconds(0));
        ASSERT_FALSE(batch.gap);
        ASSERT_EQ(batch.events.size(), 1u);
        EXPECT_EQ(batch.events[0].data, "{\"n\":2}");
        EXPECT_TRUE(bus.waitSince(b, std::chrono::milliseconds(0)).events.empty());
        EXPECT_FALSE(bus.waitSince(99, std::chrono::milliseconds(0)).gap) << "nothing missed yet from the very start";
    }

    TEST(EventBus, ReportsAGapForIdsItNoLongerHoldsOrNeverIssued)
    {
        EventBus bus(3, 1);
        for (int i = 0; i < 10; ++i)
            bus.publish("download", "{}");
        const struct
        {
            std::int64_t after;
            bool gap;
        } cases[] = {{0, true}, {5, true}, {7, false}, {9, false}, {10, false}, {11, true}, {-3, true}};
        for (const auto& c : cases)
            EXPECT_EQ(bus.waitSince(c.after, std::chrono::milliseconds(0)).gap, c.gap) << c.after;
        EXPECT_EQ(bus.waitSince(7, std::chrono::milliseconds(0)).events.size(), 3u);
    }

    TEST(EventBus, WakesAWaiterOnPublishAndOnClose)
    {
        EventBus bus;
        std::thread publisher([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            bus.publish("scan", "{}");
        });
        const auto started = std::chrono::steady_clock::now();
        auto batch = bus.waitSince(bus.lastId(), std::chrono::seconds(5));
        publisher.join();
        EXPECT_EQ(batch.events.size(), 1u);
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
        bus.close();
        EXPECT_TRUE(bus.waitSince(bus.lastId(), std::chrono::seconds(5)).events.empty());
    }
} // namespace soulspot::core
