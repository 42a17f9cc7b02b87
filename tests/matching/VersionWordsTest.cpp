#include "matching/PreparedWanted.hpp"
#include "matching/VersionWords.hpp"

#include <gtest/gtest.h>

namespace soulspot::matching
{
    namespace
    {
        VersionSet kindsIn(const char* text)
        {
            std::vector<Token> tokens;
            tokenizeInto(text, tokens);
            VersionSet kinds = 0;
            for (std::size_t i = 0; i < tokens.size(); ++i)
                kinds |= versionKindsAt(tokens, i);
            return kinds;
        }
        constexpr VersionSet k(VersionKind kind) { return bitOf(kind); }
    } // namespace

    struct VersionCase
    {
        const char* text;
        VersionSet kinds;
    };

    class VersionWordsTest : public ::testing::TestWithParam<VersionCase>
    {
    };

    TEST_P(VersionWordsTest, Detects) { EXPECT_EQ(kindsIn(GetParam().text), GetParam().kinds) << GetParam().text; }

    INSTANTIATE_TEST_SUITE_P(
        Table, VersionWordsTest,
        ::testing::Values(VersionCase{"Song (Live at Wembley)", k(VersionKind::Live)},
                          VersionCase{"Song (Skrillex Remix)", k(VersionKind::Remix)},
                          VersionCase{"Song (Original Mix)", 0}, VersionCase{"Song (2011 Mix)", 0},
                          VersionCase{"Song (Radio Edit)", k(VersionKind::RadioEdit)},
                          VersionCase{"Song (Radio Version)", k(VersionKind::RadioEdit)},
                          VersionCase{"Song (Extended Mix)", k(VersionKind::Extended)},
                          VersionCase{"Song (12'' Version)", k(VersionKind::Extended)},
                          VersionCase{"Song (Edit)", k(VersionKind::Edit)},
                          VersionCase{"Song (In the Style of Queen)", k(VersionKind::Karaoke)},
                          VersionCase{"Song (Originally Performed by X)", k(VersionKind::Karaoke)},
                          VersionCase{"A Tribute to Queen", k(VersionKind::Cover)},
                          VersionCase{"Song (Queen Cover)", k(VersionKind::Cover)},
                          VersionCase{"Song (Acoustic Version)", k(VersionKind::Acoustic)},
                          VersionCase{"MTV Unplugged", k(VersionKind::Live) | k(VersionKind::Acoustic)},
                          VersionCase{"Song (Sped Up)", k(VersionKind::SpedUp)},
                          VersionCase{"Song - slowed + reverb", k(VersionKind::Slowed)},
                          VersionCase{"Nightcore - Song", k(VersionKind::Nightcore)},
                          VersionCase{"Song (Demo)", k(VersionKind::Demo)},
                          VersionCase{"Song (Take 2)", k(VersionKind::Demo)},
                          VersionCase{"Song (Reprise)", k(VersionKind::Reprise)},
                          VersionCase{"Song (Instrumental)", k(VersionKind::Instrumental)},
                          VersionCase{"Song (Remastered 2009) [Mono] (Explicit)", 0},
                          VersionCase{"Alive", 0}, VersionCase{"Song (Album Version)", 0}));

    struct TitleCase
    {
        const char* title;
        const char* core;
        std::vector<std::string> qualifiers;
    };

    class SplitTitleTest : public ::testing::TestWithParam<TitleCase>
    {
    };

    TEST_P(SplitTitleTest, Splits)
    {
        const auto parts = splitTitle(GetParam().title);
        EXPECT_EQ(parts.core, GetParam().core);
        EXPECT_EQ(parts.qualifiers, GetParam().qualifiers);
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, SplitTitleTest,
        ::testing::Values(TitleCase{"Song - Remastered 2011", "Song", {"Remastered 2011"}},
                          TitleCase{"(I Can't Get No) Satisfaction - Mono", "Satisfaction", {"I Can't Get No", "Mono"}},
                          TitleCase{"Get Lucky (feat. Pharrell Williams & Nile Rodgers)", "Get Lucky",
                                    {"feat. Pharrell Williams & Nile Rodgers"}},
                          TitleCase{"Let It Go - From \"Frozen\"/Soundtrack Version", "Let It Go",
                                    {"From \"Frozen\"/Soundtrack Version"}},
                          TitleCase{"Jay-Z", "Jay-Z", {}}, TitleCase{"Song - Live - 2011", "Song", {"Live", "2011"}}));

    TEST(PreparedWanted, VersionsFromTitleAndAlbum)
    {
        WantedTrack live{"Bohemian Rhapsody - Live Aid", {"Queen"}, "Live Aid", 152000, 1, "", ""};
        const auto prepared = prepareWanted(live);
        EXPECT_TRUE(prepared.mustBeLabelled & k(VersionKind::Live));
        EXPECT_EQ(prepared.title.compact, "bohemianrhapsody");

        WantedTrack radio{"Levels - Radio Edit", {"Avicii"}, "Levels", 199904, 1, "", ""};
        const auto radioPrepared = prepareWanted(radio);
        EXPECT_TRUE(radioPrepared.wantedVersions & k(VersionKind::RadioEdit));
        EXPECT_EQ(radioPrepared.mustBeLabelled, 0u) << "radio edits are often unlabelled; the length decides";

        WantedTrack remix{"Halo - Tiësto Remix", {"Beyoncé"}, "", std::nullopt, std::nullopt, "", ""};
        EXPECT_EQ(prepareWanted(remix).detailWords, std::vector<std::string>{"tiesto"});

        WantedTrack unplugged{"About A Girl", {"Nirvana"}, "MTV Unplugged In New York", 217000, 1, "", ""};
        const auto u = prepareWanted(unplugged);
        EXPECT_TRUE(u.wantedVersions & k(VersionKind::Live));
        EXPECT_EQ(u.mustBeLabelled, 0u);

        WantedTrack beatles{"Yesterday - Remastered 2009", {"The Beatles"}, "Help!", 125666, 13, "GBAYE0601477", ""};
        const auto b = prepareWanted(beatles);
        EXPECT_EQ(b.wantedVersions, 0u);
        EXPECT_EQ(b.artists.front().compact, "beatles");
        EXPECT_EQ(b.isrc, "gbaye0601477");
    }
} // namespace soulspot::matching
