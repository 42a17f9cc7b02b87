#include "sources/spotify/PlaylistRef.hpp"

#include <gtest/gtest.h>

namespace soulspot::sources::spotify
{
    namespace
    {
        constexpr const char* kId = "37i9dQZF1DXcBWIGoYBM5M";

        struct RefCase
        {
            std::string input;
            bool ok;
        };

        class PlaylistRefParsing : public ::testing::TestWithParam<RefCase>
        {
        };
    } // namespace

    TEST_P(PlaylistRefParsing, ExtractsIdOrRejects)
    {
        const auto& c = GetParam();
        const auto result = parsePlaylistRef(c.input);
        if (c.ok)
        {
            ASSERT_TRUE(result) << c.input << ": " << result.error().message;
            EXPECT_EQ(*result, kId);
        }
        else
        {
            ASSERT_FALSE(result) << c.input << " gave " << *result;
            EXPECT_EQ(result.error().code, core::ErrorCode::InvalidArgument);
        }
    }

    INSTANTIATE_TEST_SUITE_P(
        Inputs, PlaylistRefParsing,
        ::testing::Values(RefCase{"https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M?si=a1b2c3d4e5", true},
                          RefCase{"https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M", true},
                          RefCase{"https://open.spotify.com/intl-de/playlist/37i9dQZF1DXcBWIGoYBM5M?si=x", true},
                          RefCase{"http://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M/", true},
                          RefCase{"open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M#frag", true},
                          RefCase{"https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M", true},
                          RefCase{"https://open.spotify.com/user/someone/playlist/37i9dQZF1DXcBWIGoYBM5M", true},
                          RefCase{"spotify:playlist:37i9dQZF1DXcBWIGoYBM5M", true},
                          RefCase{"spotify:user:someone:playlist:37i9dQZF1DXcBWIGoYBM5M", true},
                          RefCase{"37i9dQZF1DXcBWIGoYBM5M", true},
                          RefCase{"  37i9dQZF1DXcBWIGoYBM5M\n", true},
                          RefCase{"", false},
                          RefCase{"hello world", false},
                          RefCase{"37i9dQZF1DXcBWIGoYBM5", false},   // 21 characters
                          RefCase{"37i9dQZF1DXcBWIGoYBM5M!", false}, // not base62
                          RefCase{"https://open.spotify.com/track/37i9dQZF1DXcBWIGoYBM5M", false},
                          RefCase{"spotify:album:37i9dQZF1DXcBWIGoYBM5M", false},
                          RefCase{"https://evil.example.com/playlist/37i9dQZF1DXcBWIGoYBM5M", false},
                          RefCase{"https://open.spotify.com/playlist/", false},
                          RefCase{"spotify:playlist:", false}));

    TEST(PlaylistRef, ExplainsWhyATrackLinkIsRejected)
    {
        const auto result = parsePlaylistRef("https://open.spotify.com/track/37i9dQZF1DXcBWIGoYBM5M");
        ASSERT_FALSE(result);
        EXPECT_NE(result.error().message.find("track"), std::string::npos);
    }
} // namespace soulspot::sources::spotify
