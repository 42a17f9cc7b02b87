#include "sources/spotify/Pkce.hpp"

#include <algorithm>
#include <stdexcept>

#include <gtest/gtest.h>

namespace soulspot::sources::spotify
{
    namespace
    {
        bool isUnreserved(char c)
        {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~';
        }
    } // namespace

    TEST(Pkce, MatchesRfc7636AppendixB)
    {
        EXPECT_EQ(codeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                  "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    class VerifierLength : public ::testing::TestWithParam<std::size_t>
    {
    };

    TEST_P(VerifierLength, UsesOnlyUnreservedCharacters)
    {
        const auto verifier = generateCodeVerifier(GetParam());
        EXPECT_EQ(verifier.size(), GetParam());
        EXPECT_TRUE(std::all_of(verifier.begin(), verifier.end(), isUnreserved)) << verifier;
        const auto challenge = codeChallengeS256(verifier);
        EXPECT_EQ(challenge.size(), 43u);
        EXPECT_EQ(challenge.find('='), std::string::npos);
    }

    INSTANTIATE_TEST_SUITE_P(Pkce, VerifierLength, ::testing::Values(43u, 64u, 128u));

    TEST(Pkce, RejectsVerifierLengthsOutsideRfcRange)
    {
        EXPECT_THROW(generateCodeVerifier(42), std::invalid_argument);
        EXPECT_THROW(generateCodeVerifier(129), std::invalid_argument);
    }

    TEST(Pkce, VerifiersAndStatesAreFreshEachTime)
    {
        EXPECT_NE(generateCodeVerifier(), generateCodeVerifier());
        const auto state = generateState();
        EXPECT_EQ(state.size(), 43u);
        EXPECT_TRUE(std::all_of(state.begin(), state.end(), isUnreserved));
        EXPECT_NE(state, generateState());
        const auto pair = generatePkcePair();
        EXPECT_EQ(pair.challenge, codeChallengeS256(pair.verifier));
    }

    TEST(Pkce, Base64UrlHasNoPaddingAndUrlSafeAlphabet)
    {
        const unsigned char bytes[] = {0xfb, 0xff, 0xbf};
        EXPECT_EQ(base64UrlNoPadding(bytes), "-_-_");
        const unsigned char one[] = {'a'};
        EXPECT_EQ(base64UrlNoPadding(one), "YQ");
    }
} // namespace soulspot::sources::spotify
