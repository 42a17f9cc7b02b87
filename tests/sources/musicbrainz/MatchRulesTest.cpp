// Pure rules: normalisation, agreement, release choice, Lucene escaping, identifier forms.
#include <gtest/gtest.h>

#include "sources/musicbrainz/Identifiers.hpp"
#include "sources/musicbrainz/LuceneQuery.hpp"
#include "sources/musicbrainz/MatchRules.hpp"

namespace soulspot::sources::musicbrainz
{
    TEST(LuceneQuery, EscapesEverySpecialCharacter)
    {
        const struct
        {
            std::string in, out;
        } cases[] = {
            {"AC/DC", R"(AC\/DC)"},
            {"Hey! (Remix)", R"(Hey\! \(Remix\))"},
            {R"("Heroes")", R"(\"Heroes\")"},
            {"Sly & the Family Stone", R"(Sly \& the Family Stone)"},
            {"a+b-c&&d||e", R"(a\+b\-c\&\&d\|\|e)"},
            {"{x}[y]^z~w*v?u:t", R"(\{x\}\[y\]\^z\~w\*v\?u\:t)"},
            {R"(back\slash)", R"(back\\slash)"},
            {"Plain Text 123", "Plain Text 123"},
            {"Björk", "Björk"},
        };
        for (const auto& c : cases)
            EXPECT_EQ(escapeLucene(c.in), c.out) << c.in;
    }

    TEST(LuceneQuery, BuildsFieldedQueryWithDurationWindow)
    {
        EXPECT_EQ(recordingSearchQuery("AC/DC", "T.N.T.", 214000),
                  R"(recording:"T.N.T." AND artist:"AC\/DC" AND dur:[204000 TO 224000])");
        EXPECT_EQ(recordingSearchQuery("", "Song", std::nullopt), R"(recording:"Song")");
        EXPECT_EQ(recordingSearchQuery("A", "B", 3000), R"(recording:"B" AND artist:"A" AND dur:[0 TO 13000])");
    }

    TEST(MbMatchRules, NormalisesText)
    {
        const struct
        {
            std::string in, out;
        } cases[] = {
            {"The Chemical Brothers", "chemical brothers"},
            {"Sigur Rós", "sigur ros"},
            {"Beyoncé & JAY-Z", "beyonce and jay z"},
            {"Don't Stop Me Now", "dont stop me now"},
            {"  Straße  ", "strasse"},
            {"m-flo ♥ BoA", "m flo ♥ boa"},
        };
        for (const auto& c : cases)
            EXPECT_EQ(normaliseText(c.in), c.out) << c.in;
    }

    TEST(MbMatchRules, TitlesAgree)
    {
        const struct
        {
            std::string wanted, candidate;
            bool agree;
        } cases[] = {
            {"Hey Boy Hey Girl", "Hey Boy, Hey Girl", true},
            {"Porcelain - 2008 Remaster", "Porcelain", true},
            {"Get Lucky (feat. Pharrell Williams)", "Get Lucky", true},
            {"Teardrop", "Teardrops", false},
            {"Midnight City", "Wait", false},
            {"", "Anything", false},
        };
        for (const auto& c : cases)
            EXPECT_EQ(titlesAgree(c.wanted, c.candidate), c.agree) << c.wanted << " / " << c.candidate;
    }

    TEST(MbMatchRules, ArtistsAgree)
    {
        const std::vector<CreditedArtist> duo{{"m-flo", "id1", " ♥ "}, {"BoA", "id2", ""}};
        const std::vector<CreditedArtist> band{{"The Chemical Brothers", "id3", ""}};
        const std::vector<CreditedArtist> tribute{{"Massive Attack Tribute Orchestra", "id4", ""}};
        EXPECT_TRUE(artistsAgree("m-flo ♥ BoA", duo));
        EXPECT_TRUE(artistsAgree("BoA", duo));
        EXPECT_TRUE(artistsAgree("Chemical Brothers", band));
        EXPECT_TRUE(artistsAgree("The Chemical Brothers, Beth Orton", band));
        EXPECT_FALSE(artistsAgree("Massive Attack", tribute));
        EXPECT_FALSE(artistsAgree("", band));
    }

    TEST(MbMatchRules, LengthsAgreeWithinFiveSeconds)
    {
        EXPECT_TRUE(lengthsAgree(200000, 205000));
        EXPECT_FALSE(lengthsAgree(200000, 205001));
        EXPECT_TRUE(lengthsAgree(std::nullopt, 1));
        EXPECT_TRUE(lengthsAgree(200000, std::nullopt));
    }

    TEST(MbMatchRules, ConfidentSearchHitNeedsScoreAndAgreement)
    {
        const WantedInfo wanted{"Moby", "Porcelain", "", 241000, ""};
        Recording hit{"id", "Porcelain", "", {{"Moby", "a", ""}}, 240000, {}, {}, 90};
        EXPECT_TRUE(isConfidentSearchHit(wanted, hit));
        hit.score = 89;
        EXPECT_FALSE(isConfidentSearchHit(wanted, hit));
        hit.score = 100;
        hit.lengthMs = 250000;
        EXPECT_FALSE(isConfidentSearchHit(wanted, hit));
    }

    TEST(MbMatchRules, ChoosesRelease)
    {
        auto release = [](std::string id, std::string title, std::string status, std::string date, std::string type,
                          std::vector<std::string> secondary = {}) {
            ReleaseInfo r;
            r.id = std::move(id);
            r.title = std::move(title);
            r.status = std::move(status);
            r.date = std::move(date);
            r.primaryType = std::move(type);
            r.secondaryTypes = std::move(secondary);
            return r;
        };
        const std::vector<ReleaseInfo> releases{
            release("single", "Hey Boy Hey Girl", "Official", "1999-05-31", "Single"),
            release("album", "Surrender", "Official", "1999-06-21", "Album"),
            release("reissue", "Surrender", "Official", "2015", "Album"),
            release("compilation", "Singles 93-03", "Official", "2003-09-22", "Album", {"Compilation"}),
            release("bootleg", "Live at Glastonbury", "Bootleg", "1998", "Album"),
        };
        const struct
        {
            std::string album, expected;
        } cases[] = {
            {"Surrender", "album"},         // title match, earliest of the two
            {"", "album"},                  // a plain official album beats the earlier single
            {"Singles 93-03", "compilation"},
            {"Live at Glastonbury", "bootleg"}, // the wanted album wins over status
            {"Unknown Album", "album"},
        };
        for (const auto& c : cases)
            EXPECT_EQ(chooseRelease(releases, c.album)->id, c.expected) << c.album;
        EXPECT_FALSE(chooseRelease({}, "x"));
    }

    TEST(MbIdentifiers, NormalisesIsrcAndMbid)
    {
        EXPECT_EQ(normaliseIsrc("gb-aaa-99-00303"), "GBAAA9900303");
        EXPECT_EQ(normaliseIsrc("GBAAA9900303"), "GBAAA9900303");
        EXPECT_FALSE(normaliseIsrc("GBAAA990030"));
        EXPECT_FALSE(normaliseIsrc("1BAAA9900303"));
        EXPECT_FALSE(normaliseIsrc("GBAAA99003X3"));
        EXPECT_EQ(normaliseMbid("5E1E0001-0000-4000-8000-000000000001"), "5e1e0001-0000-4000-8000-000000000001");
        EXPECT_FALSE(normaliseMbid("5e1e0001-0000-4000-8000-00000000000"));
        EXPECT_FALSE(normaliseMbid("5e1e0001x0000-4000-8000-000000000001"));
    }
} // namespace soulspot::sources::musicbrainz
