// What a user may paste for an album; everything else is InvalidArgument.
#include <gtest/gtest.h>

#include "sources/spotify/PlaylistRef.hpp"

namespace soulspot::sources::spotify
{
    namespace
    {
        constexpr const char* kId = "4aawyAB9vmqN3uQ7FjRGTy";

        struct AlbumRefCase
        {
            std::string input;
            bool ok;
        };

        class AlbumRefParsing : public ::testing::TestWithParam<AlbumRefCase>
        {
        };
    } // namespace

    TEST_P(AlbumRefParsing, ExtractsIdOrRejects)
    {
        const auto& c = GetParam();
        const auto result = parseAlbumRef(c.input);
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
        Inputs, AlbumRefParsing,
        ::testing::Values(AlbumRefCase{"https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy?si=XyZ123abc", true},
                          AlbumRefCase{"https://open.spotify.com/album/4aawyAB9vmqN3uQ7FjRGTy", true},
                          AlbumRefCase{"open.spotify.com/intl-de/album/4aawyAB9vmqN3uQ7FjRGTy", true},
                          AlbumRefCase{"https://open.spotify.com/intl-pt/album/4aawyAB9vmqN3uQ7FjRGTy/", true},
                          AlbumRefCase{"spotify:album:4aawyAB9vmqN3uQ7FjRGTy", true},
                          AlbumRefCase{"  4aawyAB9vmqN3uQ7FjRGTy \n", true},
                          AlbumRefCase{"https://open.spotify.com/playlist/4aawyAB9vmqN3uQ7FjRGTy", false},
                          AlbumRefCase{"https://open.spotify.com/track/4aawyAB9vmqN3uQ7FjRGTy", false},
                          AlbumRefCase{"spotify:track:4aawyAB9vmqN3uQ7FjRGTy", false},
                          AlbumRefCase{"spotify:user:me:playlist:4aawyAB9vmqN3uQ7FjRGTy", false},
                          AlbumRefCase{"https://example.com/album/4aawyAB9vmqN3uQ7FjRGTy", false},
                          AlbumRefCase{"https://open.spotify.com/album/short", false},
                          AlbumRefCase{"https://open.spotify.com/album/", false},
                          AlbumRefCase{"", false},
                          AlbumRefCase{"Kate Bush - Hounds of Love", false}));

    TEST(AlbumRef, PlaylistLinkIsNamedInTheError)
    {
        const auto result = parseAlbumRef("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M");
        ASSERT_FALSE(result);
        EXPECT_NE(result.error().message.find("playlist"), std::string::npos) << result.error().message;
    }
} // namespace soulspot::sources::spotify
