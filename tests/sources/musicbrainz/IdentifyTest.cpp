// identify() end to end against fake_musicbrainz.py (tests/fakes/musicbrainz_data/catalog.json).
#include <gtest/gtest.h>

#include "MusicBrainzFake.hpp"
#include "sources/musicbrainz/MatchRules.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        constexpr const char* kHeyBoyHeyGirl = "0e1f0001-0000-4000-8000-000000000001";
        constexpr const char* kSurrender = "5e1e0001-0000-4000-8000-000000000001";
        constexpr const char* kSingles = "5e1e0001-0000-4000-8000-000000000003";

        struct Expected
        {
            std::string recordingId; // "" = no confident match
            MatchSource source{MatchSource::Search};
            std::string releaseId{};
            int trackNumber{0}, trackCount{0}, discNumber{0}, discCount{0};
        };

        struct Case
        {
            std::string name;
            WantedInfo wanted;
            Expected expected;
        };

        void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

        struct MbIdentify : ::testing::TestWithParam<Case>
        {
            test::MusicBrainzFake fake;
        };
    } // namespace

    TEST_P(MbIdentify, FindsTheRightRecordingOrAbstains)
    {
        const auto& [name, wanted, expected] = GetParam();
        auto client = test::makeClient(fake);
        auto result = client->identify(wanted);
        ASSERT_TRUE(result) << result.error().message;
        if (expected.recordingId.empty())
        {
            EXPECT_FALSE(*result) << "unexpected match " << (*result)->recordingId;
            return;
        }
        ASSERT_TRUE(*result);
        const RecordingMatch& match = **result;
        EXPECT_EQ(match.recordingId, expected.recordingId);
        EXPECT_EQ(match.source, expected.source);
        if (expected.source == MatchSource::Isrc)
            EXPECT_EQ(match.confidence, 100);
        else
            EXPECT_GE(match.confidence, kMinSearchScore);
        ASSERT_TRUE(match.release);
        EXPECT_EQ(match.release->id, expected.releaseId);
        EXPECT_EQ(match.release->trackNumber, expected.trackNumber);
        EXPECT_EQ(match.release->trackCount, expected.trackCount);
        EXPECT_EQ(match.release->discNumber, expected.discNumber);
        EXPECT_EQ(match.release->discCount, expected.discCount);
        EXPECT_FALSE(match.release->releaseGroupId.empty());
        EXPECT_FALSE(match.release->albumArtist.empty());
    }

    INSTANTIATE_TEST_SUITE_P(
        Catalog, MbIdentify,
        ::testing::Values(
            Case{"IsrcPicksAlbumMatchingWantedName",
                 {"The Chemical Brothers", "Hey Boy Hey Girl", "Surrender", 290000, "GBAAA9900303"},
                 {kHeyBoyHeyGirl, MatchSource::Isrc, kSurrender, 3, 11, 1, 1}},
            Case{"IsrcWithoutAlbumPrefersOfficialAlbumOverEarlierSingle",
                 {"Chemical Brothers", "Hey Boy Hey Girl", "", std::nullopt, "gb-aaa-99-00303"},
                 {kHeyBoyHeyGirl, MatchSource::Isrc, kSurrender, 3, 11, 1, 1}},
            Case{"IsrcOnSecondDiscOfCompilation",
                 {"The Chemical Brothers", "Hey Boy Hey Girl", "Singles 93-03", 289000, "GBAAA9900303"},
                 {kHeyBoyHeyGirl, MatchSource::Isrc, kSingles, 2, 4, 2, 2}},
            Case{"IsrcSharedByThreeRecordingsPicksByLength",
                 {"M83", "Midnight City", "", 244000, "FRXYZ1100001"},
                 {"0e1f0002-0000-4000-8000-000000000001", MatchSource::Isrc, "5e1e0002-0000-4000-8000-000000000001", 2, 22, 1, 1}},
            Case{"IsrcSharedPicksExtendedMixByLength",
                 {"M83", "Midnight City", "", 299000, "FRXYZ1100001"},
                 {"0e1f0002-0000-4000-8000-000000000002", MatchSource::Isrc, "5e1e0002-0000-4000-8000-000000000002", 1, 5, 1, 1}},
            Case{"IsrcThatFitsNothingFallsBackToSearch",
                 {"Moby", "Porcelain", "Play", 241000, "GBAAA9900303"},
                 {"0e1f0003-0000-4000-8000-000000000001", MatchSource::Search, "5e1e0003-0000-4000-8000-000000000001", 4, 18, 1, 1}},
            Case{"UnknownIsrcFallsBackToSearch",
                 {"Moby", "Porcelain", "", 240000, "ZZZZZ0000000"},
                 {"0e1f0003-0000-4000-8000-000000000001", MatchSource::Search, "5e1e0003-0000-4000-8000-000000000001", 4, 18, 1, 1}},
            Case{"SearchAcceptsConfidentMatch",
                 {"Moby", "Porcelain", "", 241500, ""},
                 {"0e1f0003-0000-4000-8000-000000000001", MatchSource::Search, "5e1e0003-0000-4000-8000-000000000001", 4, 18, 1, 1}},
            Case{"SearchRetriesWithoutSpotifySuffix",
                 {"Moby", "Porcelain - 2008 Remaster", "", 241000, ""},
                 {"0e1f0003-0000-4000-8000-000000000001", MatchSource::Search, "5e1e0003-0000-4000-8000-000000000001", 4, 18, 1, 1}},
            Case{"SearchAcceptsLengthWithinFiveSeconds",
                 {"Aphex Twin", "Windowlicker", "", 369000, ""},
                 {"0e1f0005-0000-4000-8000-000000000001", MatchSource::Search, "5e1e0005-0000-4000-8000-000000000001", 1, 3, 1, 1}},
            Case{"SearchRejectsLengthEightSecondsOff", {"Aphex Twin", "Windowlicker", "", 374000, ""}, {}},
            Case{"SearchRejectsWrongArtistDespiteHighScore", {"Massive Attack", "Teardrop", "", 330000, ""}, {}},
            Case{"SearchFindsNothing", {"Nobody", "Nothing At All", "", 200000, ""}, {}}),
        [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

    struct MbLuceneRoundTrip : ::testing::TestWithParam<std::pair<std::string, std::string>>
    {
        test::MusicBrainzFake fake;
    };

    TEST_P(MbLuceneRoundTrip, SpecialCharactersReachTheServerEscaped)
    {
        // The fake answers 400 to a query with an unescaped special character, so a match proves the escaping.
        const auto& [artist, title] = GetParam();
        auto client = test::makeClient(fake);
        auto hits = client->searchRecording(artist, title, std::nullopt);
        ASSERT_TRUE(hits) << hits.error().message;
        ASSERT_FALSE(hits->empty());
        EXPECT_EQ(hits->front().title, title);
        EXPECT_EQ(hits->front().score, 100);
        auto match = client->identify({artist, title, "", std::nullopt, ""});
        ASSERT_TRUE(match && *match);
    }

    INSTANTIATE_TEST_SUITE_P(Catalog, MbLuceneRoundTrip,
                             ::testing::Values(std::pair<std::string, std::string>{"AC/DC", "T.N.T."},
                                               std::pair<std::string, std::string>{"David Bowie", "\"Heroes\""},
                                               std::pair<std::string, std::string>{
                                                   "Sly & the Family Stone", "Thank You (Falettinme Be Mice Elf Agin)"}));
} // namespace soulspot::sources::musicbrainz
