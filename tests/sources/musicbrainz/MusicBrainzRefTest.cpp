// What a user may paste for a MusicBrainz release or release group.
#include <gtest/gtest.h>

#include "sources/musicbrainz/Identifiers.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        constexpr const char* kMbid = "5e1e0011-0000-4000-8000-000000000001";

        struct RefCase
        {
            std::string input;
            bool ok;
            MbRefKind kind{MbRefKind::Unknown};
        };

        class MusicBrainzRefParsing : public ::testing::TestWithParam<RefCase>
        {
        };
    } // namespace

    TEST_P(MusicBrainzRefParsing, ExtractsKindAndMbidOrRejects)
    {
        const auto& c = GetParam();
        const auto ref = parseMusicBrainzRef(c.input);
        if (!c.ok)
        {
            ASSERT_FALSE(ref) << c.input << " gave " << ref->mbid;
            EXPECT_EQ(ref.error().code, core::ErrorCode::InvalidArgument);
            return;
        }
        ASSERT_TRUE(ref) << c.input << ": " << ref.error().message;
        EXPECT_EQ(ref->mbid, kMbid);
        EXPECT_EQ(ref->kind, c.kind);
    }

    INSTANTIATE_TEST_SUITE_P(
        Inputs, MusicBrainzRefParsing,
        ::testing::Values(
            RefCase{"https://musicbrainz.org/release/5e1e0011-0000-4000-8000-000000000001", true, MbRefKind::Release},
            RefCase{"http://musicbrainz.org/release/5E1E0011-0000-4000-8000-000000000001/", true, MbRefKind::Release},
            RefCase{"https://beta.musicbrainz.org/release/5e1e0011-0000-4000-8000-000000000001/cover-art", true,
                    MbRefKind::Release},
            RefCase{"musicbrainz.org/release-group/5e1e0011-0000-4000-8000-000000000001?tab=x#y", true,
                    MbRefKind::ReleaseGroup},
            RefCase{"https://www.musicbrainz.org/release-group/5e1e0011-0000-4000-8000-000000000001", true,
                    MbRefKind::ReleaseGroup},
            RefCase{"  5e1e0011-0000-4000-8000-000000000001\n", true, MbRefKind::Unknown},
            RefCase{"https://musicbrainz.org/recording/5e1e0011-0000-4000-8000-000000000001", false},
            RefCase{"https://musicbrainz.org/artist/5e1e0011-0000-4000-8000-000000000001", false},
            RefCase{"https://example.org/release/5e1e0011-0000-4000-8000-000000000001", false},
            RefCase{"https://musicbrainz.org.evil.example/release/5e1e0011-0000-4000-8000-000000000001", false},
            RefCase{"https://musicbrainz.org/release/not-an-mbid", false},
            RefCase{"https://musicbrainz.org/release/", false},
            RefCase{"5e1e0011000040008000000000000001", false},
            RefCase{"", false}));
} // namespace soulspot::sources::musicbrainz
