// ServiceClient over real libcurl sockets against tests/fakes/fake_http.py.
#include "net/ServiceClient.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "core/CorrelationId.hpp"

namespace soulspot::net
{
    namespace
    {
        struct Fixture : ::testing::Test
        {
            testing::FakeServer fake{"fake_http.py"};
            std::shared_ptr<CircuitBreaker> breaker =
                std::make_shared<CircuitBreaker>("test", BreakerSettings{3, std::chrono::seconds(60), 2}, core::systemClock());
            std::vector<std::chrono::milliseconds> sleeps;
            ServiceClient client{"test", fake.baseUrl(), createCurlHttpClient(), breaker, RetryPolicy{},
                                 [this](std::chrono::milliseconds d) { sleeps.push_back(d); }};
        };
    } // namespace

    TEST_F(Fixture, SendsCorrelationIdAndBody)
    {
        core::CorrelationScope scope("abc-123");
        auto r = client.call({"POST", "/echo", {{"Content-Type", "application/json"}}, R"({"x":1})"});
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->status, 200);
        const auto j = nlohmann::json::parse(r->body);
        EXPECT_EQ(j["headers"]["x-correlation-id"], "abc-123");
        EXPECT_EQ(j["body"], R"({"x":1})");
        EXPECT_EQ(j["method"], "POST");
    }

    TEST_F(Fixture, RetriesIdempotent5xxThenSucceeds)
    {
        auto r = client.call({"GET", "/flaky/2"});
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(sleeps.size(), 2u);
        EXPECT_EQ(breaker->state(), BreakerState::Closed);
    }

    TEST_F(Fixture, DoesNotRetryPostOn5xx)
    {
        auto r = client.call({"POST", "/status/500"});
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 500);
        auto count = client.call({"GET", "/count/status/500"});
        EXPECT_EQ(nlohmann::json::parse(count->body)["calls"], 1);
    }

    TEST_F(Fixture, HonoursRetryAfterOn429)
    {
        auto r = client.call({"GET", "/ratelimited"});
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        ASSERT_EQ(sleeps.size(), 1u);
        EXPECT_EQ(sleeps[0], std::chrono::seconds(1));
    }

    TEST_F(Fixture, OpensBreakerWhenServiceIsDown)
    {
        fake.stop();
        for (int i = 0; i < 2; ++i)
        {
            auto r = client.call({"GET", "/echo"});
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, core::ErrorCode::Unavailable);
        }
        EXPECT_EQ(breaker->state(), BreakerState::Open);
        auto r = client.call({"GET", "/echo"});
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message.find("OPEN"), std::string::npos);
    }

    TEST_F(Fixture, TimesOut)
    {
        HttpRequest req{"GET", "/slow"};
        req.timeout = std::chrono::milliseconds(300);
        ServiceClient once{"test", fake.baseUrl(), createCurlHttpClient(), breaker, RetryPolicy{1}, [](auto) {}};
        auto r = once.call(req);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::Timeout);
    }

    TEST(HttpTypes, EncodesAndJoins)
    {
        EXPECT_EQ(urlEncode("a b/ü"), "a%20b%2F%C3%BC");
        EXPECT_EQ(joinUrl("http://h:1/", "/api"), "http://h:1/api");
        EXPECT_EQ(joinUrl("http://h:1", "api"), "http://h:1/api");
    }
} // namespace soulspot::net
