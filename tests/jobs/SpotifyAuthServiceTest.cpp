// The Spotify connection over real sockets: PKCE login through the fake's consent redirect, state that is
// single-use and expires, a restart between login and callback, sealed storage, refresh (single-flight,
// rotation persisted), and invalid_grant → needs re-authorisation.
#include <fstream>
#include <latch>
#include <sstream>
#include <thread>

#include "SpotifyTestBed.hpp"
#include "db/DatabaseUrl.hpp"
#include "sources/spotify/Pkce.hpp"

namespace soulspot::jobs::test
{
    using testing::Backend;

    class SpotifyAuth : public ::testing::TestWithParam<Backend>
    {
    protected:
        void SetUp() override
        {
            bed = std::make_unique<SpotifyTestBed>(GetParam(), std::vector<std::string>{"--client-id", kClientId});
            if (!bed->available())
                GTEST_SKIP() << "SOULSPOT_TEST_PG_DSN not set";
        }
        std::unique_ptr<SpotifyTestBed> bed;
    };

    TEST_P(SpotifyAuth, LoginStoresSealedTokensAndReportsStatus)
    {
        auto before = bed->auth->status();
        ASSERT_TRUE(before);
        EXPECT_TRUE(before->configured);
        EXPECT_FALSE(before->connected);
        EXPECT_FALSE(before->expiresInMinutes);

        bed->connect();
        auto s = bed->auth->status();
        ASSERT_TRUE(s);
        EXPECT_TRUE(s->connected);
        EXPECT_FALSE(s->needsReauth);
        EXPECT_GE(*s->expiresInMinutes, 58);
        EXPECT_EQ(s->scopes.size(), 4u);
        ASSERT_TRUE(s->user);
        EXPECT_EQ(s->user->id, "soulspot-tester");
        EXPECT_EQ(s->user->displayName, "SoulSpot Tester");

        const auto token = *bed->auth->accessToken(false);
        auto rs = bed->db().execute("SELECT access_token, refresh_token FROM oauth_tokens");
        ASSERT_TRUE(rs && rs->rows.size() == 1);
        for (std::size_t i = 0; i < 2; ++i)
        {
            EXPECT_TRUE(db::SecretBox::isSealed(rs->front().getString(i)));
            EXPECT_EQ(rs->front().getString(i).find(token), std::string::npos);
        }
        if (GetParam() == Backend::Sqlite)
        {
            // The strongest form of "not plaintext": the token appears nowhere in the database files.
            const auto path = db::parseDatabaseUrl(bed->database.url())->sqlitePath;
            bed->db().close();
            for (const auto& file : {path, path + "-wal"})
            {
                std::ifstream in(file, std::ios::binary);
                std::stringstream bytes;
                bytes << in.rdbuf();
                EXPECT_EQ(bytes.str().find(token), std::string::npos) << file;
            }
        }
    }

    TEST_P(SpotifyAuth, StateIsSingleUseAndExpiresAfterTenMinutes)
    {
        auto url = bed->auth->beginLogin();
        ASSERT_TRUE(url);
        auto query = bed->approve(*url);
        auto unknown = bed->auth->completeLogin(query["code"], "not-a-state");
        ASSERT_FALSE(unknown);
        EXPECT_EQ(unknown.error().code, core::ErrorCode::InvalidArgument);
        ASSERT_TRUE(bed->auth->completeLogin(query["code"], query["state"]));
        auto replay = bed->auth->completeLogin(query["code"], query["state"]);
        ASSERT_FALSE(replay);
        EXPECT_EQ(replay.error().code, core::ErrorCode::InvalidArgument);

        SpotifyTokenStore store(bed->db(), bed->box);
        ASSERT_TRUE(store.addPending("old-state", "v", std::chrono::system_clock::now() - std::chrono::minutes(11)));
        auto expired = bed->auth->completeLogin("code", "old-state");
        ASSERT_FALSE(expired);
        EXPECT_EQ(expired.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_NE(expired.error().message.find("10 minutes"), std::string::npos);
    }

    TEST_P(SpotifyAuth, ARestartBetweenLoginAndCallbackStillConnects)
    {
        auto url = bed->auth->beginLogin();
        ASSERT_TRUE(url);
        auto query = bed->approve(*url);
        auto restarted = bed->makeAuth();
        ASSERT_TRUE(restarted->completeLogin(query["code"], query["state"]));
        EXPECT_TRUE(bed->makeAuth()->status()->connected) << "the connection outlives the service object";
    }

    TEST_P(SpotifyAuth, ExpiringTokensAreRefreshedOnceAndTheRotatedRefreshTokenPersisted)
    {
        bed->connect();
        const auto first = *bed->auth->accessToken(false);
        bed->control("POST", "expire-access-tokens");
        // Eight callers saw a 401 at once: one refresh, the others wait for it and share the new token.
        std::vector<std::thread> callers;
        std::vector<std::string> tokens(8);
        std::latch allSawTheOldToken(static_cast<std::ptrdiff_t>(tokens.size()));
        for (std::size_t i = 0; i < tokens.size(); ++i)
            callers.emplace_back([&, i] {
                EXPECT_EQ(bed->auth->accessToken(false).value_or(""), first); // the request that got the 401
                allSawTheOldToken.arrive_and_wait();
                tokens[i] = bed->auth->accessToken(true).value_or("");
            });
        for (auto& t : callers)
            t.join();
        EXPECT_EQ(bed->requests("POST /api/token"), 2) << "code exchange + one refresh";
        for (const auto& t : tokens)
        {
            EXPECT_EQ(t, tokens[0]);
            EXPECT_NE(t, first);
        }
        // The fake rotated the refresh token and revoked the old one: a restarted service must use the new one.
        auto restarted = bed->makeAuth();
        bed->control("POST", "expire-access-tokens");
        auto again = restarted->accessToken(true);
        ASSERT_TRUE(again) << again.error().message;
        EXPECT_TRUE(restarted->status()->connected);
        sources::spotify::SpotifyApiClient api(bed->apiService, restarted->tokenProvider());
        EXPECT_TRUE(api.me()) << "the Web API answers with the refreshed token";
    }

    TEST_P(SpotifyAuth, ARevokedRefreshTokenSurfacesNeedsReauthUntilTheUserConnectsAgain)
    {
        bed->connect();
        bed->control("POST", "revoke-refresh-tokens");
        bed->control("POST", "expire-access-tokens");
        auto me = bed->api->me();
        ASSERT_FALSE(me);
        EXPECT_EQ(me.error().code, core::ErrorCode::Conflict);
        auto s = bed->auth->status();
        EXPECT_FALSE(s->connected);
        EXPECT_TRUE(s->needsReauth);
        EXPECT_NE(s->lastError.find("invalid_grant"), std::string::npos) << s->lastError;
        EXPECT_FALSE(bed->auth->usable());
        EXPECT_TRUE(bed->makeAuth()->status()->needsReauth) << "the flag is stored, not only cached";
        const int refreshes = bed->requests("POST /api/token");
        EXPECT_FALSE(bed->api->me());
        EXPECT_EQ(bed->requests("POST /api/token"), refreshes) << "invalid_grant is not retried";

        bed->connect();
        EXPECT_TRUE(bed->auth->status()->connected);
        EXPECT_TRUE(bed->api->me());
    }

    TEST_P(SpotifyAuth, LogoutForgetsTheTokensAndAKeyChangeMeansReconnecting)
    {
        bed->connect();
        ASSERT_TRUE(bed->auth->logout());
        EXPECT_FALSE(bed->auth->status()->connected);
        auto token = bed->auth->accessToken(false);
        ASSERT_FALSE(token);
        EXPECT_EQ(token.error().code, core::ErrorCode::Conflict);

        bed->connect();
        bed->box = std::make_shared<const db::SecretBox>(db::SecretBox::randomKey()); // SECRET_KEY changed
        auto s = bed->makeAuth()->status();
        ASSERT_TRUE(s);
        EXPECT_TRUE(s->needsReauth);
        EXPECT_NE(s->lastError.find("cannot be decrypted"), std::string::npos) << s->lastError;
    }

    TEST_P(SpotifyAuth, NotConfiguredRefusesToStart)
    {
        auto service = std::make_shared<SpotifyAuthService>(std::make_shared<SpotifyTokenStore>(bed->db(), bed->box), bed->accounts,
                                                            nullptr, core::systemClock(), SpotifyAuthSettings{});
        EXPECT_FALSE(service->configured());
        auto url = service->beginLogin();
        ASSERT_FALSE(url);
        EXPECT_EQ(url.error().code, core::ErrorCode::Conflict);
        EXPECT_FALSE(service->status()->configured);
    }

    INSTANTIATE_TEST_SUITE_P(Backends, SpotifyAuth, ::testing::Values(Backend::Sqlite, Backend::Postgres), testing::backendName);
} // namespace soulspot::jobs::test
