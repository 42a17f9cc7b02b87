// Authentication, version detection and health against the fake over real sockets.
#include <gtest/gtest.h>

#include "FakeSlskd.hpp"

namespace soulspot::sources::slskd::test
{
    TEST(SlskdAuth, ApiKeyIsAccepted)
    {
        FakeSlskd fake(nlohmann::json::object());
        auto api = fake.client();
        auto v = api->version();
        ASSERT_TRUE(v) << v.error().message;
        EXPECT_EQ(v->raw, "0.24.1");
        EXPECT_EQ(v->minor, 24);
    }

    TEST(SlskdAuth, WrongApiKeyIsUnauthorized)
    {
        FakeSlskd fake(nlohmann::json::object());
        auto config = fake.config();
        config.apiKey = "wrong-key-wrong-key";
        auto api = fake.client(config);
        auto v = api->version();
        ASSERT_FALSE(v);
        EXPECT_EQ(v.error().code, core::ErrorCode::Unauthorized);
        EXPECT_EQ(v.error().httpStatus, 401);
        const auto health = api->checkHealth();
        EXPECT_TRUE(health.reachable);
        EXPECT_FALSE(health.authorized);
    }

    TEST(SlskdAuth, JwtLoginAndTransparentReloginAfterRestart)
    {
        FakeSlskd fake(nlohmann::json::object());
        auto api = fake.client(/*useApiKey=*/false);
        ASSERT_TRUE(api->listTransfers());
        EXPECT_EQ(fake.calls("POST /api/v0/session", 200), 1);

        fake.control("POST", "restart", {{"keep_state", true}}); // new signing key: our token is dead
        auto afterRestart = api->listTransfers();
        ASSERT_TRUE(afterRestart) << afterRestart.error().message;
        EXPECT_EQ(fake.calls("GET /api/v0/transfers/downloads", 401), 1);
        EXPECT_EQ(fake.calls("POST /api/v0/session", 200), 2);

        ASSERT_TRUE(api->listTransfers()); // the new token is reused, no third login
        EXPECT_EQ(fake.calls("POST /api/v0/session"), 2);
    }

    TEST(SlskdAuth, JwtSurvivesARealProcessRestart)
    {
        FakeSlskd fake(nlohmann::json::object());
        auto api = fake.client(false);
        ASSERT_TRUE(api->listTransfers());
        fake.server().restart(); // same port, new process, new signing key, call counters reset
        auto r = api->listTransfers();
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(fake.calls("POST /api/v0/session", 200), 1);
    }

    TEST(SlskdAuth, WrongPasswordIsUnauthorized)
    {
        FakeSlskd fake(nlohmann::json::object());
        auto config = fake.config(false);
        config.password = "nope";
        auto r = fake.client(config)->listTransfers();
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::Unauthorized);
        EXPECT_FALSE(r.error().retryable);
    }

    TEST(SlskdHealthCheck, ReportsLoggedInAndVersion)
    {
        FakeSlskd fake(nlohmann::json::object(), {"0.26.0"});
        auto api = fake.client();
        auto health = api->checkHealth();
        EXPECT_TRUE(health.reachable);
        EXPECT_TRUE(health.authorized);
        EXPECT_TRUE(health.loggedIn);
        EXPECT_EQ(health.version, "0.26.0");

        fake.control("PATCH", "scenario", {{"soulseek_connected", false}});
        health = api->checkHealth();
        EXPECT_TRUE(health.reachable);
        EXPECT_FALSE(health.loggedIn); // GET /health would still say "Healthy"
        EXPECT_NE(health.detail.find("not logged in"), std::string::npos);
    }

    TEST(SlskdHealthCheck, UnreachableWhenDownOrStopped)
    {
        FakeSlskd fake(nlohmann::json::object());
        auto api = fake.client();
        fake.control("POST", "down", {{"down", true}});
        EXPECT_FALSE(api->checkHealth().reachable);
        fake.server().stop();
        const auto health = api->checkHealth();
        EXPECT_FALSE(health.reachable);
        EXPECT_FALSE(health.detail.empty());
    }
} // namespace soulspot::sources::slskd::test
