// The PKCE authorization-code flow and refresh over real sockets against tests/fakes/fake_spotify.py.
#include <gtest/gtest.h>

#include "SpotifyHarness.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::sources::spotify::test
{
    namespace
    {
        struct Accounts : ::testing::Test
        {
            SpotifyHarness h{{}};
        };

        std::string expectInvalidGrant(const core::Result<TokenSet>& result)
        {
            EXPECT_FALSE(result);
            if (result)
                return {};
            EXPECT_EQ(result.error().code, core::ErrorCode::Unauthorized);
            EXPECT_TRUE(isInvalidGrant(result.error())) << result.error().message;
            EXPECT_FALSE(result.error().retryable);
            return result.error().message;
        }
    } // namespace

    TEST_F(Accounts, AuthorizeUrlCarriesPkceStateAndReadScopes)
    {
        const auto url = h.accounts->authorizeUrl(kClientId, kRedirectUri, "st4te", "chal");
        EXPECT_TRUE(url.starts_with(h.fake.baseUrl() + "/authorize?")) << url;
        for (const char* part : {"response_type=code", "code_challenge_method=S256", "code_challenge=chal", "state=st4te",
                                 "client_id=soulspot-test-client",
                                 "redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fapi%2Fv1%2Fspotify%2Fcallback",
                                 "scope=playlist-read-private%20playlist-read-collaborative%20user-library-read%20"
                                 "user-follow-read"})
            EXPECT_NE(url.find(part), std::string::npos) << part << " missing in " << url;
    }

    TEST_F(Accounts, ExchangesCodeForTokensAfterRedirect)
    {
        const auto pkce = generatePkcePair();
        const auto state = generateState();
        auto query = h.approve(h.accounts->authorizeUrl(kClientId, kRedirectUri, state, pkce.challenge));
        EXPECT_TRUE(query["_location"].starts_with(kRedirectUri)) << query["_location"];
        EXPECT_EQ(query["state"], state);
        ASSERT_FALSE(query["code"].empty());

        const auto before = std::chrono::system_clock::now();
        auto tokens = h.accounts->exchangeCode(query["code"], pkce.verifier, kRedirectUri, kClientId);
        ASSERT_TRUE(tokens) << tokens.error().message;
        EXPECT_FALSE(tokens->accessToken.empty());
        EXPECT_FALSE(tokens->refreshToken.empty());
        EXPECT_GE(tokens->expiresAt, before + std::chrono::seconds(3599));
        EXPECT_LE(tokens->expiresAt, std::chrono::system_clock::now() + std::chrono::seconds(3600));
        EXPECT_EQ(tokens->scopes, defaultScopes());
    }

    TEST_F(Accounts, CodeCanBeExchangedOnlyOnce)
    {
        const auto pkce = generatePkcePair();
        auto query = h.approve(h.accounts->authorizeUrl(kClientId, kRedirectUri, "s", pkce.challenge));
        ASSERT_TRUE(h.accounts->exchangeCode(query["code"], pkce.verifier, kRedirectUri, kClientId));
        const auto msg = expectInvalidGrant(h.accounts->exchangeCode(query["code"], pkce.verifier, kRedirectUri, kClientId));
        EXPECT_NE(msg.find("Invalid authorization code"), std::string::npos) << msg;
    }

    TEST_F(Accounts, WrongVerifierIsInvalidGrant)
    {
        const auto pkce = generatePkcePair();
        auto query = h.approve(h.accounts->authorizeUrl(kClientId, kRedirectUri, "s", pkce.challenge));
        const auto msg =
            expectInvalidGrant(h.accounts->exchangeCode(query["code"], generateCodeVerifier(), kRedirectUri, kClientId));
        EXPECT_NE(msg.find("code_verifier was incorrect"), std::string::npos) << msg;
    }

    TEST_F(Accounts, DifferentRedirectUriIsInvalidGrant)
    {
        const auto pkce = generatePkcePair();
        auto query = h.approve(h.accounts->authorizeUrl(kClientId, kRedirectUri, "s", pkce.challenge));
        const auto msg = expectInvalidGrant(
            h.accounts->exchangeCode(query["code"], pkce.verifier, "http://127.0.0.1:8765/other", kClientId));
        EXPECT_NE(msg.find("Invalid redirect URI"), std::string::npos) << msg;
    }

    TEST_F(Accounts, RefreshRotatesAndTheOldRefreshTokenIsRevoked)
    {
        h.login();
        const auto original = h.tokens;
        auto refreshed = h.accounts->refresh(original.refreshToken, kClientId);
        ASSERT_TRUE(refreshed) << refreshed.error().message;
        EXPECT_TRUE(refreshed->refreshTokenRotated);
        EXPECT_NE(refreshed->refreshToken, original.refreshToken);
        EXPECT_NE(refreshed->accessToken, original.accessToken);

        const auto msg = expectInvalidGrant(h.accounts->refresh(original.refreshToken, kClientId));
        EXPECT_NE(msg.find("Refresh token revoked"), std::string::npos) << msg;
        EXPECT_TRUE(h.accounts->refresh(refreshed->refreshToken, kClientId));
    }

    TEST_F(Accounts, RefreshKeepsTheStoredTokenWhenNoneIsReturned)
    {
        h.login();
        h.control("POST", "config", {{"refresh_mode", "omit"}});
        auto refreshed = h.accounts->refresh(h.tokens.refreshToken, kClientId);
        ASSERT_TRUE(refreshed) << refreshed.error().message;
        EXPECT_EQ(refreshed->refreshToken, h.tokens.refreshToken);
        EXPECT_FALSE(refreshed->refreshTokenRotated);
        EXPECT_NE(refreshed->accessToken, h.tokens.accessToken);
    }

    TEST_F(Accounts, RevokedOrUnknownRefreshTokenIsInvalidGrant)
    {
        h.login();
        h.control("POST", "revoke-refresh-tokens");
        expectInvalidGrant(h.accounts->refresh(h.tokens.refreshToken, kClientId));
        const auto msg = expectInvalidGrant(h.accounts->refresh("garbage", kClientId));
        EXPECT_NE(msg.find("Invalid refresh token"), std::string::npos) << msg;
    }

    TEST_F(Accounts, DeniedConsentComesBackAsErrorWithState)
    {
        h.control("POST", "config", {{"deny_authorize", true}});
        auto query = h.approve(h.accounts->authorizeUrl(kClientId, kRedirectUri, "s1", generatePkcePair().challenge));
        EXPECT_EQ(query["error"], "access_denied");
        EXPECT_EQ(query["state"], "s1");
        EXPECT_EQ(query.count("code"), 0u);
    }

    TEST(AccountsClientId, UnknownClientIsAConfigurationError)
    {
        SpotifyHarness h{{"--client-id", "the-real-one"}};
        auto result = h.accounts->refresh("whatever", kClientId);
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_FALSE(isInvalidGrant(result.error()));
    }
} // namespace soulspot::sources::spotify::test
