#include "library/NamingTemplate.hpp"

#include <gtest/gtest.h>

#include "library/NameTransforms.hpp"

namespace soulspot::library
{
    TEST(NamingTemplate, DefaultRendersArtistAlbumYearTrackTitle)
    {
        auto scheme = NamingScheme::create();
        ASSERT_TRUE(scheme) << scheme.error().message;
        EXPECT_EQ(scheme->render(sampleNamingInput(), ".flac"), "The Beatles/Abbey Road (1969)/07 - Here Comes the Sun.flac");
    }

    TEST(NamingTemplate, MultiDiscVariantIsChosenForMoreThanOneDisc)
    {
        auto scheme = NamingScheme::create();
        ASSERT_TRUE(scheme);
        auto input = sampleNamingInput();
        input.metadata.discNumber = 2;
        input.metadata.discTotal = 2;
        EXPECT_EQ(scheme->render(input, ".mp3"), "The Beatles/Abbey Road (1969)/02-07 - Here Comes the Sun.mp3");
    }

    struct RenderCase
    {
        std::string templateText;
        std::string expected;
    };

    class RenderTokens : public ::testing::TestWithParam<RenderCase>
    {
    };

    TEST_P(RenderTokens, MatchesLidarr)
    {
        auto input = sampleNamingInput();
        input.metadata.title = "Title: Part/Two?";
        input.metadata.artists = {"Beyoncé", "Jay-Z"};
        input.metadata.artistCredit = "Beyoncé & Jay-Z";
        auto parsed = NamingTemplate::parse(GetParam().templateText);
        ASSERT_TRUE(parsed) << parsed.error().message;
        EXPECT_EQ(parsed->render(input, ".flac"), GetParam().expected) << GetParam().templateText;
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, RenderTokens,
        ::testing::Values(
            RenderCase{"{track:0} {Track Title}", "7 Title - Part+Two!.flac"},
            RenderCase{"{track:000} {Track Title}", "007 Title - Part+Two!.flac"},
            RenderCase{"{Artist NameThe}/{track} {Track Title}", "Beatles, The/7 Title - Part+Two!.flac"},
            RenderCase{"{Artist.Name}/{track} {Track Title}", "The.Beatles/7 Title - Part+Two!.flac"},
            RenderCase{"{artist name}/{track} {Track Title}", "the beatles/7 Title - Part+Two!.flac"},
            RenderCase{"{ARTIST NAME}/{track} {Track Title}", "THE BEATLES/7 Title - Part+Two!.flac"},
            RenderCase{"{Artist NameFirstCharacter}/{Artist Name}/{track} {Track Title}",
                       "B/The Beatles/7 Title - Part+Two!.flac"},
            RenderCase{"{track} {Track ArtistName} - {Track Title}", "7 Beyoncé & Jay-Z - Title - Part+Two!.flac"},
            RenderCase{"{track} {Track ArtistCleanName} - {Track Title}", "7 Beyonce and Jay-Z - Title - Part+Two!.flac"},
            RenderCase{"{Album Title}{ (Album Disambiguation)}/{track} {Track Title}",
                       "Abbey Road/7 Title - Part+Two!.flac"},
            RenderCase{"{Album Disambiguation}/{track} {Track Title}", "7 Title - Part+Two!.flac"},
            RenderCase{"{track} {Track Title:8}", "7 Title.flac"}, // "Title..." then Lidarr collapses and trims dots,
            RenderCase{"{track} [{Quality Title}] {Track Title}", "7 [FLAC] Title - Part+Two!.flac"},
            RenderCase{"{track} {MediaInfo AudioSampleRate} {MediaInfo AudioBitsPerSample} {Track Title}",
                       "7 44.1kHz 16bit Title - Part+Two!.flac"},
            RenderCase{"{{literal}} {track} {Track Title}", "{literal} 7 Title - Part+Two!.flac"},
            RenderCase{"{Original Filename}", "07 - here comes the sun.flac"},
            RenderCase{"{Album Type}/{Medium Format} {medium:00}/{track} {Track Title}",
                       "Album/CD 01/7 Title - Part+Two!.flac"}));

    struct InvalidCase
    {
        std::string templateText;
        std::string messagePart;
    };

    class InvalidTemplates : public ::testing::TestWithParam<InvalidCase>
    {
    };

    TEST_P(InvalidTemplates, AreRejectedWithAClearMessage)
    {
        auto parsed = NamingTemplate::parse(GetParam().templateText);
        ASSERT_FALSE(parsed) << GetParam().templateText;
        EXPECT_EQ(parsed.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_NE(parsed.error().message.find(GetParam().messagePart), std::string::npos) << parsed.error().message;
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, InvalidTemplates,
        ::testing::Values(InvalidCase{"", "empty"}, InvalidCase{"   ", "empty"},
                          InvalidCase{"{Artist Name/{track} {Track Title}", "never closed at position 1"},
                          InvalidCase{"{track} {Track Title}}x}", "no matching '{'"},
                          InvalidCase{"{Artist Nmae}/{track} {Track Title}", "unknown token {Artist Nmae} at position 1"},
                          InvalidCase{"{track:ab} {Track Title}", "format ':ab' is not valid"},
                          InvalidCase{"{Track Title:0} {track}", "format ':0' is not valid"},
                          InvalidCase{"{}{track} {Track Title}", "has no name"},
                          InvalidCase{"/{track} {Track Title}", "relative"},
                          InvalidCase{"{Artist Name}//{track} {Track Title}", "empty folder level"},
                          InvalidCase{"../{track} {Track Title}", "'..' is not allowed"},
                          InvalidCase{"{Artist Name}/", "ends with '/'"},
                          InvalidCase{"{Artist Name}/{Track Title}", "must contain {Track Title} and {track}"}));

    TEST(NamingTemplate, PreviewRendersSampleMetadataOrExplains)
    {
        auto ok = previewTemplate("{Artist CleanNameThe}/{Release Year} - {Album Title}/{track:00}. {Track Title}", ".mp3");
        ASSERT_TRUE(ok) << ok.error().message;
        EXPECT_EQ(*ok, "Beatles, The/1969 - Abbey Road/07. Here Comes the Sun.mp3");
        auto bad = previewTemplate("{Nope}");
        ASSERT_FALSE(bad);
        EXPECT_NE(bad.error().message.find("unknown token {Nope}"), std::string::npos);
    }

    TEST(NamingTemplate, UnknownYearRendersAsUnknown)
    {
        auto input = sampleNamingInput();
        input.metadata.date.clear();
        auto parsed = NamingTemplate::parse("{Release Year}/{track} {Track Title}");
        EXPECT_EQ(parsed->render(input, ".flac"), "Unknown/7 Here Comes the Sun.flac");
    }

    TEST(NamingTemplate, LongTitleIsCappedAt255BytesWithExtension)
    {
        auto input = sampleNamingInput();
        input.metadata.title.clear();
        for (int i = 0; i < 200; ++i)
            input.metadata.title += "\xC3\xA9"; // 400 bytes
        auto parsed = NamingTemplate::parse("{track:00} - {Track Title}");
        const auto name = parsed->render(input, ".flac");
        EXPECT_LE(name.size(), 255u);
        EXPECT_TRUE(name.ends_with("\xC3\xA9.flac")) << "cut on a character boundary, extension kept";
    }

    struct TransformCase
    {
        std::string input;
        std::string clean;
        std::string the;
    };

    class NameTransformTable : public ::testing::TestWithParam<TransformCase>
    {
    };

    TEST_P(NameTransformTable, CleanAndTheVariants)
    {
        EXPECT_EQ(cleanName(GetParam().input), GetParam().clean);
        EXPECT_EQ(theVariant(GetParam().input), GetParam().the);
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, NameTransformTable,
        ::testing::Values(TransformCase{"The Beatles (UK)", "The Beatles UK", "Beatles, The (UK)"},
                          TransformCase{"Simon & Garfunkel", "Simon and Garfunkel", "Simon & Garfunkel"},
                          TransformCase{"A Tribe Called Quest", "A Tribe Called Quest", "Tribe Called Quest, A"},
                          TransformCase{"Guns N' Roses", "Guns N Roses", "Guns N' Roses"},
                          TransformCase{"Sigur Rós", "Sigur Ros", "Sigur Rós"},
                          TransformCase{"AC/DC", "AC DC", "AC/DC"}, TransformCase{"Them", "Them", "Them"},
                          TransformCase{"Who? - Live", "Who Live", "Who? - Live"}));
} // namespace soulspot::library
