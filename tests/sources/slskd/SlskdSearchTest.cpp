// Search lifecycle against the fake: own ids, Queued, empty-until-complete, 429s, 409.
#include <atomic>
#include <thread>

#include <gtest/gtest.h>

#include "FakeSlskd.hpp"
#include "core/Uuid.hpp"

namespace soulspot::sources::slskd::test
{
    namespace
    {
        nlohmann::json scenario(int durationMs = 250)
        {
            return {{"searches",
                     {{"Daft Punk One More Time",
                       {{"duration_ms", durationMs},
                        {"responses",
                         {response("alice", "@@a\\Music\\Daft Punk\\Discovery\\01 - One More Time.flac", 30000000,
                                   0, 320),
                          response("bob", "@@b\\mp3\\Discovery\\01 One More Time.mp3", 8000000, 320, 0)}}}}}},
                    {"default_search", {{"duration_ms", durationMs}, {"responses", nlohmann::json::array()}}},
                    {"responses_delay_ms", 150}};
        }

        SearchRequest request(const std::string& text)
        {
            return SearchRequest{core::newUuid(), text, std::chrono::milliseconds(5000)};
        }

        SearchWaitOptions fastWait()
        {
            SearchWaitOptions o;
            o.overallTimeout = std::chrono::seconds(5);
            o.pollInterval = std::chrono::milliseconds(40);
            o.settleDelay = std::chrono::milliseconds(40);
            o.emptyFetchRetries = 6;
            return o;
        }
    } // namespace

    TEST(SlskdSearch, ResponsesAreEmptyUntilCompleteAndAMomentAfter)
    {
        FakeSlskd fake(scenario());
        auto api = fake.client();
        const auto req = request("daft punk   one more time"); // matched case- and space-insensitively
        auto started = api->startSearch(req);
        ASSERT_TRUE(started) << started.error().message;
        EXPECT_EQ(started->id, req.id); // our own id is kept
        EXPECT_FALSE(started->isComplete);

        auto early = api->getSearchResponses(req.id);
        ASSERT_TRUE(early);
        EXPECT_TRUE(early->empty());

        SearchState state;
        do
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            state = *api->getSearch(req.id);
        } while (!state.isComplete);
        EXPECT_EQ(state.state, "Completed, TimedOut");
        EXPECT_EQ(state.responseCount, 2);
        EXPECT_TRUE(api->getSearchResponses(req.id)->empty()); // completed but not yet persisted

        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        auto late = api->getSearchResponses(req.id);
        ASSERT_TRUE(late);
        ASSERT_EQ(late->size(), 2u);
        EXPECT_EQ(late->at(0).username, "alice");
        EXPECT_FALSE(late->at(0).files[0].bitRate); // missing in the wire data, not zero
        EXPECT_EQ(late->at(0).files[0].length, 320);
        EXPECT_EQ(late->at(1).files[0].bitRate, 320);
        EXPECT_FALSE(late->at(1).files[0].length);
    }

    TEST(SlskdSearch, SearchAndWaitDeliversResponsesDespiteTheTimingTrap)
    {
        FakeSlskd fake(scenario());
        auto api = fake.client();
        auto result = api->searchAndWait(request("Daft Punk One More Time"), fastWait());
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_TRUE(result->state.isComplete);
        EXPECT_EQ(result->responses.size(), 2u);
        EXPECT_EQ(fake.calls("POST /api/v0/searches"), 1);
    }

    TEST(SlskdSearch, ThirdConcurrentSearchIsQueuedAndStillCompletes)
    {
        FakeSlskd fake(scenario(400));
        auto api = fake.client();
        ASSERT_TRUE(api->startSearch(request("first")));
        ASSERT_TRUE(api->startSearch(request("second")));
        const auto third = request("Daft Punk One More Time");
        auto queued = api->startSearch(third);
        ASSERT_TRUE(queued);
        EXPECT_EQ(queued->state, "Queued");
        EXPECT_TRUE(queued->isQueued());
        EXPECT_FALSE(queued->isComplete); // "state != InProgress" is not "finished"

        SearchWaitOptions wait = fastWait();
        auto state = api->getSearch(third.id);
        ASSERT_TRUE(state);
        EXPECT_TRUE(state->isQueued());
        // searchAndWait with an existing id would collide, so poll by hand like the job does.
        while (!state->isComplete)
        {
            std::this_thread::sleep_for(wait.pollInterval);
            state = api->getSearch(third.id);
            ASSERT_TRUE(state);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        EXPECT_EQ(api->getSearchResponses(third.id)->size(), 2u);
    }

    TEST(SlskdSearch, OverlappingPost429IsRetriedWithJitter)
    {
        auto s = scenario();
        s["search_post_429_times"] = 2;
        FakeSlskd fake(s);
        std::vector<std::chrono::milliseconds> sleeps;
        auto config = fake.config();
        config.sleeper = [&](std::chrono::milliseconds d) {
            sleeps.push_back(d);
            std::this_thread::sleep_for(d);
        };
        auto api = fake.client(config);
        auto started = api->startSearch(request("Daft Punk One More Time"));
        ASSERT_TRUE(started) << started.error().message;
        EXPECT_EQ(fake.calls("POST /api/v0/searches", 429), 2);
        EXPECT_EQ(fake.calls("POST /api/v0/searches", 200), 1);
        ASSERT_EQ(sleeps.size(), 2u);
        EXPECT_GE(sleeps[0], config.rateLimitBackoff);
        EXPECT_LE(sleeps[0], config.rateLimitBackoff * 3 / 2);
    }

    TEST(SlskdSearch, PersistentRateLimitBecomesRateLimited)
    {
        auto s = scenario();
        s["search_post_429_times"] = 100;
        FakeSlskd fake(s);
        auto config = fake.config();
        config.maxAttempts = 3;
        auto r = fake.client(config)->startSearch(request("x y"));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::RateLimited);
        EXPECT_TRUE(r.error().retryable);
        EXPECT_EQ(fake.calls("POST /api/v0/searches"), 3);
    }

    TEST(SlskdSearch, RealOverlapIsAbsorbed)
    {
        auto s = scenario();
        s["search_post_delay_ms"] = 80; // the fake holds its one-POST semaphore this long
        FakeSlskd fake(s);
        auto api = fake.client();
        std::vector<std::thread> threads;
        std::atomic<int> ok{0};
        for (int i = 0; i < 3; ++i)
            threads.emplace_back([&] { ok += api->startSearch(request("concurrent")).has_value() ? 1 : 0; });
        for (auto& t : threads)
            t.join();
        EXPECT_EQ(ok.load(), 3);
        EXPECT_GE(fake.calls("POST /api/v0/searches", 429), 1);
    }

    TEST(SlskdSearch, NotConnectedToSoulseekIsUnavailable)
    {
        auto s = scenario();
        s["soulseek_connected"] = false;
        FakeSlskd fake(s);
        auto r = fake.client()->startSearch(request("anything"));
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::Unavailable);
        EXPECT_TRUE(r.error().retryable);
        EXPECT_EQ(r.error().httpStatus, 409);
    }

    TEST(SlskdSearch, UnknownSearchIsNotFoundAndDeleteIsIdempotent)
    {
        FakeSlskd fake(scenario());
        auto api = fake.client();
        auto missing = api->getSearch(core::newUuid());
        ASSERT_FALSE(missing);
        EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);

        const auto req = request("Daft Punk One More Time");
        ASSERT_TRUE(api->startSearch(req));
        ASSERT_TRUE(api->stopSearch(req.id));
        EXPECT_EQ(api->getSearch(req.id)->state, "Completed, Cancelled");
        EXPECT_TRUE(api->deleteSearch(req.id));
        EXPECT_TRUE(api->deleteSearch(req.id));
        EXPECT_FALSE(api->getSearch(req.id));
    }

    TEST(SlskdSearch, SearchAndWaitTimesOutAndStopsTheSearch)
    {
        FakeSlskd fake(scenario(5000));
        auto wait = fastWait();
        wait.overallTimeout = std::chrono::milliseconds(200);
        auto r = fake.client()->searchAndWait(request("slow one"), wait);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::Timeout);
        EXPECT_EQ(fake.calls("PUT /api/v0/searches/{id}"), 1);
    }
} // namespace soulspot::sources::slskd::test
