#include "matching/CandidateScorer.hpp"

#include <gtest/gtest.h>

namespace soulspot::matching
{
    namespace
    {
        const WantedTrack kYesterday{"Yesterday - Remastered 2009", {"The Beatles"}, "Help!", 125666, 13, "", "1965"};
        const WantedTrack kLiveAid{"Bohemian Rhapsody - Live Aid", {"Queen"}, "Live Aid", 152000, 1, "", "1985"};
        const WantedTrack kLevels{"Levels - Radio Edit", {"Avicii"}, "Levels", 199904, 1, "", "2011"};
        const WantedTrack kHaloRemix{"Halo - Tiësto Remix", {"Beyoncé", "Tiësto"}, "Halo Remixes", 404000, 1, "", ""};
        const WantedTrack kHalo{"Halo", {"Beyoncé"}, "I AM...SASHA FIERCE", 261640, 2, "", ""};

        SearchFile mp3(std::string path, std::optional<int> length, int kbps = 320)
        {
            SearchFile f;
            f.filename = std::move(path);
            f.bitRate = kbps;
            f.length = length;
            f.size = static_cast<std::int64_t>(length.value_or(126)) * kbps * 125 + 40000;
            return f;
        }

        MatchResult scoreOne(const WantedTrack& wanted, SearchFile file, const PeerHistory& history = emptyPeerHistory())
        {
            SearchResponse response{"peer", true, 500000, 0, {}, {}};
            (file.locked ? response.lockedFiles : response.files).push_back(std::move(file));
            return CandidateScorer().score(wanted, {response}, defaultProfile(), history);
        }
    } // namespace

    struct PathCase
    {
        const WantedTrack* wanted;
        const char* path;
        std::optional<int> length;
        bool accepted;
    };

    class CandidatePathTest : public ::testing::TestWithParam<PathCase>
    {
    };

    TEST_P(CandidatePathTest, AcceptsOnlyTheWantedRecording)
    {
        const auto& c = GetParam();
        const auto length = c.length ? c.length : std::optional<int>(*c.wanted->durationMs / 1000);
        const auto result = scoreOne(*c.wanted, mp3(c.path, length.value_or(0) > 0 ? length : std::nullopt));
        ASSERT_EQ(result.candidates.size(), 1u);
        const auto& candidate = result.candidates.front();
        std::string reasons;
        for (const auto& r : candidate.reasons)
            reasons += "\n  " + r;
        EXPECT_EQ(candidate.accepted, c.accepted) << c.path << reasons;
        EXPECT_EQ(result.chosen.has_value(), c.accepted);
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, CandidatePathTest,
        ::testing::Values(
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Help!\\13 - Yesterday.mp3", {}, true},
            PathCase{&kYesterday, "@@a\\Music\\Beatles, The\\Help\\13 Yesterday.mp3", {}, true},
            PathCase{&kYesterday, "@@a\\mp3\\the_beatles_-_yesterday.mp3", {}, true},
            PathCase{&kYesterday, "@@a\\The Beatles - Help! - 13 - Yesterday (Remastered 2009).mp3", {}, true},
            PathCase{&kYesterday, "@@a\\C:\\Users\\x\\Music\\The Beatles\\Help!\\1-13 Yesterday.mp3", {}, true},
            PathCase{&kYesterday, "@@a/music/the beatles/help/13 yesterday.mp3", {}, true},
            PathCase{&kYesterday, "@@a\\scene\\13-the_beatles-yesterday-ksi.mp3", {}, true},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Singles\\Yesterday.mp3", -1, true},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Help!\\13 - Yesterday (Live).mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Live at the BBC\\13 - Yesterday.mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Help!\\13 - Yesterday (Instrumental).mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Anthology 2\\Yesterday (Take 1).mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Karaoke\\Yesterday (In the Style of The Beatles).mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\A Tribute To The Beatles\\05 - Yesterday.mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\Boyz II Men\\II\\Yesterday.mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\1\\Yesterday Once More.mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Help!\\14 - Dizzy Miss Lizzy.mp3", {}, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Help!\\13 - Yesterday.mp3", 30, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles\\Help!\\13 - Yesterday.mp3", 140, false},
            PathCase{&kYesterday, "@@a\\Music\\The Beatles - Yesterday (Sped Up).mp3", 100, false},
            PathCase{&kLiveAid, "@@a\\Queen\\Live Aid 1985\\01 - Bohemian Rhapsody.mp3", {}, true},
            PathCase{&kLiveAid, "@@a\\Queen - Bohemian Rhapsody (Live Aid 1985).mp3", {}, true},
            PathCase{&kLiveAid, "@@a\\Queen\\A Night at the Opera\\Bohemian Rhapsody.mp3", {}, false},
            PathCase{&kLevels, "@@a\\Avicii - Levels (Radio Edit).mp3", {}, true},
            PathCase{&kLevels, "@@a\\Avicii\\Levels\\01 - Levels.mp3", {}, true},
            PathCase{&kLevels, "@@a\\Avicii - Levels (Original Mix).mp3", {}, false},
            PathCase{&kLevels, "@@a\\Avicii - Levels (Skrillex Remix).mp3", {}, false},
            PathCase{&kHaloRemix, "@@a\\Beyonce - Halo (Tiesto Remix).mp3", {}, true},
            PathCase{&kHaloRemix, "@@a\\Beyonce - Halo (Dave Aude Remix).mp3", {}, false},
            PathCase{&kHaloRemix, "@@a\\Depeche Mode - Halo (Tiesto Remix).mp3", {}, false},
            PathCase{&kHalo, "@@a\\Beyonce\\I Am... Sasha Fierce\\02 - Halo.mp3", {}, true},
            PathCase{&kHalo, "@@a\\Depeche Mode\\Violator\\Halo.mp3", {}, false},
            PathCase{&kHalo, "@@a\\Beyoncé - Halo (Official Video).mp3", {}, true},
            PathCase{&kHalo, "@@a\\Beyonce (2008) I Am Sasha Fierce\\02.Halo [Explicit].mp3", {}, true},
            PathCase{&kHalo, "@@a\\Music\\Halo - Beyoncé.mp3", {}, true},
            PathCase{&kHalo, "@@a\\Beyonce - Halo (Karaoke Version).mp3", {}, false},
            PathCase{&kHalo, "@@a\\Beyonce - Halo 2.mp3", {}, false},
            PathCase{&kHalo, "@@a\\Beyonce - Halo (Acapella).mp3", {}, false},
            PathCase{&kHalo, "@@a\\Vitamin String Quartet Plays Beyonce\\Halo.mp3", {}, false}));

    TEST(CandidateScorer, RejectsLockedBlockedAndNonAudio)
    {
        auto locked = mp3("@@a\\The Beatles\\Help!\\13 - Yesterday.mp3", 125);
        locked.locked = true;
        EXPECT_FALSE(scoreOne(kYesterday, locked).chosen);

        InMemoryPeerHistory history;
        history.blockUser("peer");
        EXPECT_FALSE(scoreOne(kYesterday, mp3("@@a\\The Beatles\\Help!\\13 - Yesterday.mp3", 125), history).chosen);

        const auto art = scoreOne(kYesterday, mp3("@@a\\The Beatles\\Help!\\Yesterday.jpg", 125));
        EXPECT_FALSE(art.chosen);
        EXPECT_EQ(art.candidates.front().reasons.front(), "rejected: not an audio file");
    }

    TEST(CandidateScorer, OrdersByTierThenAvailabilityThenHistory)
    {
        auto flac = mp3("@@a\\The Beatles\\Help!\\13 - Yesterday.flac", 125, 900);
        flac.bitDepth = 16;
        flac.sampleRate = 44100;
        const SearchResponse slowFlac{"slow", false, 1000, 80, {flac}, {}};
        const SearchResponse fastMp3{"fast", true, 5000000, 0, {mp3("@@b\\The Beatles - Yesterday.mp3", 125)}, {}};
        const SearchResponse fastMp3Twin{"twin", true, 5000000, 0, {mp3("@@b\\The Beatles - Yesterday.mp3", 125)}, {}};
        InMemoryPeerHistory history;
        history.recordFailure("fast");
        const auto result = CandidateScorer().score(kYesterday, {fastMp3, slowFlac, fastMp3Twin}, defaultProfile(), history);
        ASSERT_EQ(result.candidates.size(), 3u);
        EXPECT_EQ(result.candidates[0].username, "slow") << "lossless tier first";
        EXPECT_EQ(result.candidates[1].username, "twin") << "same tier and speed: the peer without failures";
        EXPECT_EQ(result.candidates[2].username, "fast");
        EXPECT_EQ(result.chosen, 0u);
        EXPECT_GT(result.candidates[0].score, result.candidates[1].score);
    }

    TEST(CandidateScorer, AbstainsWhenNothingIsConfidentlyRight)
    {
        const SearchResponse response{"p", true, 100000, 0,
                                      {mp3("@@a\\Various\\Yesterday.mp3", 125), mp3("@@a\\The Beatles\\Help!\\Help!.mp3", 139)},
                                      {}};
        const auto result = CandidateScorer().score(kYesterday, {response}, defaultProfile());
        EXPECT_FALSE(result.chosen);
        ASSERT_EQ(result.candidates.size(), 2u);
        for (const auto& c : result.candidates)
        {
            EXPECT_FALSE(c.accepted);
            EXPECT_LT(c.score, 0);
            EXPECT_FALSE(c.reasons.empty());
        }
        EXPECT_FALSE(CandidateScorer().score(kYesterday, {}, defaultProfile()).chosen);
    }

    TEST(CandidateScorer, UnknownLengthLowersConfidenceButStillAccepts)
    {
        const auto known = scoreOne(kYesterday, mp3("@@a\\The Beatles\\Help!\\13 - Yesterday.mp3", 125));
        auto noLength = mp3("@@a\\The Beatles\\Help!\\13 - Yesterday.mp3", std::nullopt);
        noLength.bitRate.reset();
        noLength.size = 4'000'000;
        const auto unknown = scoreOne(kYesterday, noLength);
        ASSERT_TRUE(known.chosen && unknown.chosen);
        EXPECT_GT(known.candidates[0].confidence, unknown.candidates[0].confidence);
        noLength.size = 900'000; // a 30-second preview's size
        EXPECT_FALSE(scoreOne(kYesterday, noLength).chosen);
    }

    TEST(CandidateScorer, ProfileExcludedWordsReject)
    {
        auto profile = defaultProfile();
        profile.excludedWords = {"Anthology"};
        const SearchResponse response{"p", true, 100000, 0, {mp3("@@a\\The Beatles\\Anthology\\Yesterday.mp3", 125)}, {}};
        EXPECT_TRUE(CandidateScorer().score(kYesterday, {response}, defaultProfile()).chosen);
        EXPECT_FALSE(CandidateScorer().score(kYesterday, {response}, profile).chosen);
    }
} // namespace soulspot::matching
