// The album-side MusicBrainz calls against fake_musicbrainz.py: release lookup with ISRCs and per-track
// credits, two-disc media, browsing a release group to the end (release-count, short pages), release-group
// search best first, and the rate limiter between browse pages.
#include <gtest/gtest.h>

#include "MusicBrainzFake.hpp"
#include "sources/musicbrainz/LuceneQuery.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        constexpr const char* kExampleGroup = "96e10010-0000-4000-8000-000000000001";
        constexpr const char* kWideGroup = "96e10012-0000-4000-8000-000000000001";
        constexpr const char* kDoubleAlbum = "5e1e0011-0000-4000-8000-000000000001";
        constexpr const char* kTwelveTrackRelease = "5e1e0010-0000-4000-8000-000000000001";

        struct MbAlbums : ::testing::Test
        {
            test::MusicBrainzFake fake;
        };
    } // namespace

    TEST_F(MbAlbums, ReleaseLookupAsksForIsrcsAndParsesThemPerTrack)
    {
        auto client = test::makeClient(fake);
        auto release = client->release(kTwelveTrackRelease);
        ASSERT_TRUE(release && *release) << (release ? "not found" : release.error().message);
        ASSERT_EQ((*release)->media.size(), 1u);
        const auto& medium = (*release)->media[0];
        EXPECT_EQ(medium.format, "Digital Media");
        ASSERT_EQ(medium.tracks.size(), 12u);
        EXPECT_EQ(medium.tracks[0].isrcs, std::vector<std::string>{"GBEXA1500001"});
        EXPECT_EQ(medium.tracks[11].title, "Example Song 12");
        EXPECT_EQ(medium.tracks[11].lengthMs, 212000);
        EXPECT_EQ(totalTracks(**release), 12);
        const auto log = fake.get("/_control/log")["requests"];
        ASSERT_FALSE(log.empty());
        EXPECT_NE(log.back()["query"].get<std::string>().find("inc=recordings+artist-credits+release-groups+media+isrcs"),
                  std::string::npos)
            << log.back()["query"];
    }

    TEST_F(MbAlbums, TwoDiscReleaseKeepsMediaTitlesIsrcsAndTrackCredits)
    {
        auto client = test::makeClient(fake);
        auto release = client->release(kDoubleAlbum);
        ASSERT_TRUE(release && *release);
        const auto& media = (*release)->media;
        ASSERT_EQ(media.size(), 2u);
        EXPECT_EQ(media[0].position, 1);
        EXPECT_EQ(media[0].title, "Night");
        EXPECT_EQ(media[1].position, 2);
        EXPECT_EQ(media[1].title, "Day");
        ASSERT_EQ(media[0].tracks.size(), 3u);
        ASSERT_EQ(media[1].tracks.size(), 2u);
        EXPECT_EQ(media[0].tracks[1].isrcs, (std::vector<std::string>{"GBEXA0800102", "GBEXA0800199"}));
        EXPECT_TRUE(media[0].tracks[2].isrcs.empty());
        EXPECT_FALSE(media[0].tracks[2].lengthMs.has_value()) << "null length stays unknown";
        EXPECT_EQ(media[1].tracks[0].position, 1) << "positions restart on each medium";
        EXPECT_EQ(creditDisplay(media[1].tracks[0].artists), "Example Band feat. Guest Singer");
        EXPECT_EQ(creditDisplay(media[0].tracks[0].artists), "Example Band");
        EXPECT_EQ(totalTracks(**release), 5);
        EXPECT_EQ((*release)->info.releaseGroupId, "96e10011-0000-4000-8000-000000000001");
    }

    TEST_F(MbAlbums, BrowsesEveryReleaseOfAGroupWithTracks)
    {
        auto client = test::makeClient(fake);
        auto releases = client->releasesOfGroup(kExampleGroup);
        ASSERT_TRUE(releases) << releases.error().message;
        ASSERT_EQ(releases->size(), 7u);
        int withIsrcs = 0;
        for (const auto& r : *releases)
        {
            EXPECT_EQ(r.info.releaseGroupId, kExampleGroup);
            EXPECT_FALSE(r.media.empty());
            if (r.info.id == kTwelveTrackRelease)
                withIsrcs = static_cast<int>(r.media[0].tracks[3].isrcs.size());
            if (r.info.id == "5e1e0010-0000-4000-8000-000000000006")
            {
                EXPECT_EQ(totalTracks(r), 18);
            }
        }
        EXPECT_EQ(withIsrcs, 1);
        const auto query = fake.get("/_control/log")["requests"].back()["query"].get<std::string>();
        EXPECT_NE(query.find("release-group=96e10010-0000-4000-8000-000000000001"), std::string::npos) << query;
        EXPECT_NE(query.find("inc=media+recordings+isrcs+artist-credits"), std::string::npos) << query;
        EXPECT_NE(query.find("limit=100"), std::string::npos) << query;
    }

    TEST_F(MbAlbums, BrowsePagesByOffsetUntilReleaseCount)
    {
        auto client = test::makeClient(fake);
        auto releases = client->releasesOfGroup(kWideGroup);
        ASSERT_TRUE(releases) << releases.error().message;
        EXPECT_EQ(releases->size(), 130u);
        EXPECT_EQ(fake.requestsTo("/ws/2/release"), 2) << "100 + 30";
    }

    TEST(MbAlbumsShortPages, BrowseAdvancesByWhatCameBackNotByTheLimit)
    {
        // The real server shortens pages carrying many tracks; stepping by the limit would skip releases.
        test::MusicBrainzFake fake({"--browse-track-budget", "200"});
        auto client = test::makeClient(fake);
        auto releases = client->releasesOfGroup(kWideGroup);
        ASSERT_TRUE(releases) << releases.error().message;
        EXPECT_EQ(releases->size(), 130u);
        EXPECT_EQ(fake.requestsTo("/ws/2/release"), 7) << "20 releases of 10 tracks per page";
    }

    TEST_F(MbAlbums, UnknownGroupIsEmptyAndMalformedIdNeverLeaves)
    {
        auto client = test::makeClient(fake);
        auto none = client->releasesOfGroup("00000000-0000-4000-8000-000000000000");
        ASSERT_TRUE(none) << none.error().message;
        EXPECT_TRUE(none->empty());
        auto bad = client->releasesOfGroup("not-an-mbid");
        ASSERT_FALSE(bad);
        EXPECT_EQ(bad.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_EQ(fake.requestsTo("/ws/2/release"), 1);
    }

    TEST_F(MbAlbums, BrowseBacksOffOn503AndThenFinishes)
    {
        MusicBrainzSettings settings;
        settings.initialBackoff = std::chrono::milliseconds(10);
        auto client = test::makeClient(fake, nullptr, nullptr, settings);
        fake.post("/_control/fail", {{"status", 503}, {"count", 1}, {"pathPrefix", "/ws/2/release"}});
        auto releases = client->releasesOfGroup(kWideGroup);
        ASSERT_TRUE(releases) << releases.error().message;
        EXPECT_EQ(releases->size(), 130u);
    }

    TEST_F(MbAlbums, BrowseFailsRetryablyWhenMusicBrainzIsDown)
    {
        MusicBrainzSettings settings;
        settings.initialBackoff = std::chrono::milliseconds(5);
        settings.maxAttempts = 2;
        auto client = test::makeClient(fake, nullptr, nullptr, settings);
        fake.post("/_control/fail", {{"status", 503}, {"count", 10}, {"pathPrefix", "/ws/2/release"}});
        auto releases = client->releasesOfGroup(kExampleGroup);
        ASSERT_FALSE(releases);
        EXPECT_TRUE(releases.error().retryable);
        EXPECT_TRUE(core::meansWait(releases.error()));
    }

    TEST(MbAlbumsRate, BrowsePagesWaitTheirTurnAtTheRateLimiter)
    {
        test::MusicBrainzFake fake({"--strict-rate"});
        auto limiter = std::make_shared<net::RateLimiter>(kMinRequestInterval);
        auto client = test::makeClient(fake, nullptr, limiter);
        auto releases = client->releasesOfGroup(kWideGroup);
        ASSERT_TRUE(releases) << releases.error().message;
        EXPECT_EQ(releases->size(), 130u);
        const auto counts = fake.get("/_control/counts");
        EXPECT_EQ(counts["byStatus"].value("503", 0), 0) << counts.dump();
    }

    TEST_F(MbAlbums, SearchesReleaseGroupsBestFirst)
    {
        auto client = test::makeClient(fake);
        auto hits = client->searchReleaseGroup("Example Band", "Example Album");
        ASSERT_TRUE(hits) << hits.error().message;
        ASSERT_FALSE(hits->empty());
        const auto& best = hits->front();
        EXPECT_EQ(best.id, kExampleGroup);
        EXPECT_EQ(best.title, "Example Album");
        EXPECT_EQ(best.primaryType, "Album");
        EXPECT_EQ(best.artistCredit, "Example Band");
        EXPECT_EQ(best.firstReleaseDate, "2014-12-01");
        EXPECT_EQ(best.score, 100);
        for (std::size_t i = 1; i < hits->size(); ++i)
            EXPECT_GE((*hits)[i - 1].score, (*hits)[i].score);

        auto escaped = client->searchReleaseGroup("AC/DC", "Back: In (Black)");
        ASSERT_TRUE(escaped) << escaped.error().message; // special characters escaped, so no 400
        EXPECT_TRUE(escaped->empty());
        auto noTitle = client->searchReleaseGroup("Someone", "");
        ASSERT_FALSE(noTitle);
        EXPECT_EQ(noTitle.error().code, core::ErrorCode::InvalidArgument);
    }

    TEST(MbLucene, ReleaseGroupQueryQuotesAndEscapes)
    {
        EXPECT_EQ(releaseGroupSearchQuery("AC/DC", "Back In Black"), "releasegroup:\"Back In Black\" AND artist:\"AC\\/DC\"");
        EXPECT_EQ(releaseGroupSearchQuery("", "\"Heroes\""), "releasegroup:\"\\\"Heroes\\\"\"");
    }
} // namespace soulspot::sources::musicbrainz
