#include "matching/MatchJson.hpp"
#include "matching/QualityProfile.hpp"
#include "matching/QualityTier.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace soulspot::matching
{
    TEST(QualityProfile, BuiltinsAreValidAndFindable)
    {
        ASSERT_EQ(builtinProfiles().size(), 4u);
        for (const auto& profile : builtinProfiles())
            EXPECT_TRUE(validate(profile)) << profile.id;
        EXPECT_EQ(defaultProfile().id, "lossless-first");
        for (const char* name : {"lossless-first", "Lossless-first", "LOSSLESS FIRST", "lossless_first"})
            EXPECT_EQ(findBuiltinProfile(name).value().id, "lossless-first") << name;
        EXPECT_EQ(findBuiltinProfile("Space-saver").value().id, "space-saver");
        EXPECT_FALSE(findBuiltinProfile("audiophile"));
    }

    struct InvalidCase
    {
        const char* why;
        void (*breakIt)(QualityProfile&);
    };

    class InvalidProfileTest : public ::testing::TestWithParam<InvalidCase>
    {
    };

    TEST_P(InvalidProfileTest, IsRejected)
    {
        auto profile = defaultProfile();
        GetParam().breakIt(profile);
        const auto result = validate(profile);
        ASSERT_FALSE(result) << GetParam().why;
        EXPECT_EQ(result.error().code, core::ErrorCode::InvalidArgument);
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, InvalidProfileTest,
        ::testing::Values(InvalidCase{"no name", [](QualityProfile& p) { p.name.clear(); }},
                          InvalidCase{"no formats", [](QualityProfile& p) { p.formats.clear(); }},
                          InvalidCase{"unknown format", [](QualityProfile& p) { p.formats.push_back("midi"); }},
                          InvalidCase{"inverted bitrate", [](QualityProfile& p) { p.minBitrateKbps = 320; p.maxBitrateKbps = 128; }},
                          InvalidCase{"inverted size", [](QualityProfile& p) { p.minSizeBytes = 10; p.maxSizeBytes = 1; }},
                          InvalidCase{"tolerance", [](QualityProfile& p) { p.lengthToleranceSec = 600; }},
                          InvalidCase{"tiers order", [](QualityProfile& p) { p.lossyTiersKbps = {256, 320}; }},
                          InvalidCase{"lossless-only without lossless", [](QualityProfile& p) { p.allowLossy = false; p.formats = {"mp3"}; }},
                          InvalidCase{"blank excluded word", [](QualityProfile& p) { p.excludedWords = {"  "}; }}));

    struct TierCase
    {
        const char* profile;
        const char* filename;
        std::optional<int> bitRate, bitDepth;
        bool vbr;
        bool allowed;
        int tier;
    };

    class QualityTierTest : public ::testing::TestWithParam<TierCase>
    {
    };

    TEST_P(QualityTierTest, PlacesFiles)
    {
        const auto& c = GetParam();
        SearchFile file;
        file.filename = c.filename;
        file.bitRate = c.bitRate;
        file.bitDepth = c.bitDepth;
        file.isVariableBitRate = c.vbr;
        file.length = 200;
        file.size = 200LL * c.bitRate.value_or(900) * 125;
        const auto assessment = assessQuality(*findBuiltinProfile(c.profile), file, detectFormat(file));
        EXPECT_EQ(assessment.allowed, c.allowed) << c.filename << ": " << assessment.description;
        if (c.allowed)
        {
            EXPECT_EQ(assessment.tier, c.tier) << c.filename << ": " << assessment.description;
        }
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, QualityTierTest,
        ::testing::Values(TierCase{"lossless-first", "a.flac", 900, 16, false, true, 0},
                          TierCase{"lossless-first", "a.flac", 2800, 24, false, true, 0},
                          TierCase{"lossless-first", "a.flac", 4000, 32, false, false, 0},
                          TierCase{"lossless-first", "a.m4a", 800, 16, false, true, 0},
                          TierCase{"lossless-first", "a.mp3", 320, {}, false, true, 1},
                          TierCase{"lossless-first", "a.mp3", 245, {}, true, true, 1},
                          TierCase{"lossless-first", "a.mp3", 256, {}, false, true, 2},
                          TierCase{"lossless-first", "a.m4a", 256, {}, false, true, 2},
                          TierCase{"lossless-first", "a.mp3", 192, {}, false, true, 3},
                          TierCase{"lossless-first", "a.wma", 192, {}, false, false, 0},
                          TierCase{"lossless-first", "a.jpg", {}, {}, false, false, 0},
                          TierCase{"lossless-only", "a.mp3", 320, {}, false, false, 0},
                          TierCase{"lossless-only", "a.flac", 900, 16, false, true, 0},
                          TierCase{"space-saver", "a.flac", 900, 16, false, false, 0},
                          TierCase{"space-saver", "a.mp3", 256, {}, false, true, 0},
                          TierCase{"space-saver", "a.mp3", 128, {}, false, true, 1},
                          TierCase{"space-saver", "a.mp3", 96, {}, false, false, 0},
                          TierCase{"any", "a.wma", 192, {}, false, true, 3}));

    TEST(QualityProfile, JsonRoundTrip)
    {
        for (const auto& profile : builtinProfiles())
        {
            const auto json = toJson(profile);
            const auto back = qualityProfileFromJson(json);
            ASSERT_TRUE(back) << back.error().message;
            EXPECT_EQ(toJson(*back), json);
        }
        const auto partial = qualityProfileFromJson(nlohmann::json{{"id", "mine"}, {"formats", {"FLAC", "mp3"}}});
        ASSERT_TRUE(partial);
        EXPECT_EQ(partial->name, "mine");
        EXPECT_EQ(partial->formats.front(), "flac");
        EXPECT_EQ(partial->lengthToleranceSec, 3);
        EXPECT_FALSE(qualityProfileFromJson(nlohmann::json{{"id", "x"}, {"formats", {"midi"}}}));
        EXPECT_FALSE(qualityProfileFromJson(nlohmann::json{{"id", "x"}, {"formats", "flac"}}));
        EXPECT_FALSE(qualityProfileFromJson(nlohmann::json::array()));
    }
} // namespace soulspot::matching
