#include "matching/TextNormalizer.hpp"

#include <gtest/gtest.h>

namespace soulspot::matching
{
    struct NormalizeCase
    {
        const char* input;
        const char* folded;     // default options
        const char* keepAccent; // stripDiacritics=false, apostrophes split
    };

    class NormalizeTextTest : public ::testing::TestWithParam<NormalizeCase>
    {
    };

    TEST_P(NormalizeTextTest, FoldsAsExpected)
    {
        const auto& c = GetParam();
        EXPECT_EQ(normalizeText(c.input), c.folded) << c.input;
        EXPECT_EQ(normalizeText(c.input, {false, false}), c.keepAccent) << c.input;
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, NormalizeTextTest,
        ::testing::Values(NormalizeCase{"Beyoncé", "beyonce", "beyoncé"}, NormalizeCase{"AC/DC", "ac dc", "ac dc"},
                          NormalizeCase{"Don't Stop", "dont stop", "don t stop"},
                          NormalizeCase{"Don’t Stop", "dont stop", "don t stop"},
                          NormalizeCase{"Guns N' Roses", "guns n roses", "guns n roses"},
                          NormalizeCase{"Simon & Garfunkel", "simon and garfunkel", "simon and garfunkel"},
                          NormalizeCase{"Florence + The Machine", "florence and the machine", "florence and the machine"},
                          NormalizeCase{"Ke$ha", "kesha", "kesha"}, NormalizeCase{"Sigur Rós", "sigur ros", "sigur rós"},
                          NormalizeCase{"ŁÓDŹ", "lodz", "łódź"}, NormalizeCase{"Straße", "strasse", "straße"},
                          NormalizeCase{"Æther", "aether", "æther"}, NormalizeCase{"Кукла Колдуна", "кукла колдуна", "кукла колдуна"},
                          NormalizeCase{"Ｆｕｌｌ Ｗｉｄｔｈ", "full width", "full width"},
                          NormalizeCase{"Jo\xCC\x81ga", "joga", "jo\xCC\x81ga"},
                          NormalizeCase{"Song_Title__(Live)", "song title live", "song title live"},
                          NormalizeCase{"Pt. 2 / Vol. 1", "part 2 volume 1", "part 2 volume 1"},
                          NormalizeCase{"  M.I.A.  ", "m i a", "m i a"}, NormalizeCase{"\xFF\xFE", "", ""}));

    TEST(Tokenize, MarksGroupsAndBrackets)
    {
        std::vector<Token> tokens;
        tokenizeInto("01 - Artist - Title (Live) [FLAC]", tokens);
        ASSERT_EQ(tokens.size(), 5u);
        EXPECT_EQ(tokens[0].text, "01");
        EXPECT_TRUE(tokens[0].startsWithDigit);
        EXPECT_LT(tokens[0].group, tokens[1].group);
        EXPECT_LT(tokens[1].group, tokens[2].group);
        EXPECT_FALSE(tokens[2].inBracket);
        EXPECT_EQ(tokens[3].text, "live");
        EXPECT_TRUE(tokens[3].inBracket);
        EXPECT_NE(tokens[3].group, tokens[4].group);
        EXPECT_EQ(tokens[4].text, "flac");
    }

    TEST(Tokenize, CompactFormJoinsWords)
    {
        EXPECT_EQ(compactForm(normalizeWords("AC/DC")), compactForm(normalizeWords("ACDC")));
        EXPECT_EQ(compactForm(normalizeWords("Don t")), compactForm(normalizeWords("Don't")));
    }

    TEST(Utf8, DecodesAndEncodesRoundTrip)
    {
        for (const char32_t cp : {U'A', U'é', U'Ł', U'ж', U'€', U'😀'})
        {
            std::string encoded;
            appendUtf8(encoded, cp);
            std::size_t pos = 0;
            EXPECT_EQ(decodeUtf8(encoded, pos), cp);
            EXPECT_EQ(pos, encoded.size());
        }
        std::size_t pos = 0;
        EXPECT_EQ(decodeUtf8("\xC3", pos), U'\uFFFD'); // truncated sequence
        EXPECT_EQ(pos, 1u);
    }
} // namespace soulspot::matching
