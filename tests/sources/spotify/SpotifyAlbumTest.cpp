// Albums against tests/fakes/fake_spotify.py: the embedded first track page, tracks.next to the end, two
// discs, simplified tracks without ISRC, saved albums with their own track paging.
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "SpotifyHarness.hpp"

namespace soulspot::sources::spotify::test
{
    namespace
    {
        constexpr const char* kTwelve = "TwelveTrackAlbum000001";
        constexpr const char* kTwoDisc = "TwoDiscAlbum0000000001";
        constexpr const char* kLong = "LongAlbum0000000000001";
        constexpr const char* kSingle = "SingleRelease000000001";

        struct Albums : ::testing::Test
        {
            SpotifyHarness h{{"--data", libraryJson()}};
            void SetUp() override { h.login(); }
        };
    } // namespace

    TEST_F(Albums, ReadsAlbumMetadataAndTwelveTracksInOrder)
    {
        auto album = h.api->album(kTwelve);
        ASSERT_TRUE(album) << album.error().message;
        EXPECT_EQ(album->id, kTwelve);
        EXPECT_EQ(album->name, "Twelve Songs");
        EXPECT_EQ(album->albumType, "album");
        EXPECT_EQ(album->releaseDate, "1985-09-16");
        EXPECT_EQ(album->releasePrecision, "day");
        EXPECT_EQ(album->totalTracks, 12);
        EXPECT_EQ(album->upc, "0724382453826");
        ASSERT_EQ(album->artists.size(), 1u);
        EXPECT_EQ(album->artists[0].name, "Kate Example");
        EXPECT_NE(album->imageUrl.find("-640"), std::string::npos) << album->imageUrl;
        ASSERT_EQ(album->tracks.size(), 12u);
        for (std::size_t i = 0; i < album->tracks.size(); ++i)
        {
            const auto& t = album->tracks[i];
            EXPECT_EQ(t.trackNumber, static_cast<int>(i + 1));
            EXPECT_EQ(t.discNumber, 1);
            EXPECT_EQ(t.durationMs, 180000 + static_cast<int>(i) * 1000);
            EXPECT_TRUE(t.isrc.empty()) << "simplified album tracks carry no external_ids";
            EXPECT_EQ(t.album.id, kTwelve) << "tracks are stamped with their album";
            EXPECT_EQ(t.album.releaseDate, "1985-09-16");
        }
        EXPECT_EQ(album->tracks[1].name, "Running Up That Hill");
        EXPECT_EQ(h.requestCount("GET /v1/albums/TwelveTrackAlbum000001/tracks"), 0) << "one page was embedded";
    }

    TEST_F(Albums, TwoDiscAlbumKeepsDiscAndTrackNumbers)
    {
        auto album = h.api->album(kTwoDisc);
        ASSERT_TRUE(album) << album.error().message;
        EXPECT_EQ(album->releasePrecision, "month");
        EXPECT_TRUE(album->upc.empty());
        ASSERT_EQ(album->artists.size(), 2u);
        ASSERT_EQ(album->tracks.size(), 15u);
        EXPECT_EQ(album->tracks[7].discNumber, 1);
        EXPECT_EQ(album->tracks[7].trackNumber, 8);
        EXPECT_EQ(album->tracks[8].discNumber, 2);
        EXPECT_EQ(album->tracks[8].trackNumber, 1);
        EXPECT_EQ(album->tracks[14].name, "Disc Two Song 7");
    }

    TEST_F(Albums, FollowsTracksNextToTheEnd)
    {
        auto album = h.api->album(kLong);
        ASSERT_TRUE(album) << album.error().message;
        EXPECT_EQ(album->albumType, "compilation");
        EXPECT_EQ(album->releasePrecision, "year");
        ASSERT_EQ(album->tracks.size(), 120u);
        EXPECT_EQ(album->tracks.front().name, "Long Player Track 001");
        EXPECT_EQ(album->tracks.back().name, "Long Player Track 120");
        EXPECT_EQ(album->tracks.back().trackNumber, 120);
        // 50 embedded, then /tracks pages at offset 50 and 100.
        EXPECT_EQ(h.requestCount("GET /v1/albums/LongAlbum0000000000001/tracks"), 2);
    }

    TEST_F(Albums, SingleIsReportedAsSingle)
    {
        auto album = h.api->album(kSingle);
        ASSERT_TRUE(album) << album.error().message;
        EXPECT_EQ(album->albumType, "single");
        EXPECT_EQ(album->tracks.size(), 1u);
    }

    TEST_F(Albums, UnknownAlbumIsNotFound)
    {
        auto album = h.api->album("NoSuchAlbum00000000000");
        ASSERT_FALSE(album);
        EXPECT_EQ(album.error().code, core::ErrorCode::NotFound);
        EXPECT_EQ(album.error().httpStatus, 404);
    }

    TEST_F(Albums, ServerDownIsRetryableUnavailable)
    {
        h.control("POST", "config", {{"fail_next", 100}});
        auto album = h.api->album(kTwelve);
        ASSERT_FALSE(album);
        EXPECT_EQ(album.error().code, core::ErrorCode::Unavailable);
        EXPECT_TRUE(album.error().retryable);
    }

    TEST_F(Albums, RateLimitWhileWalkingTracksIsWaitedOut)
    {
        h.control("POST", "config", {{"rate_limit_every", 2}, {"retry_after", 1}});
        auto album = h.api->album(kLong);
        ASSERT_TRUE(album) << album.error().message;
        EXPECT_EQ(album->tracks.size(), 120u);
        EXPECT_FALSE(h.sleeps.empty());
    }

    TEST_F(Albums, SavedAlbumsWithTheirWholeTrackLists)
    {
        auto saved = h.api->savedAlbums();
        ASSERT_TRUE(saved) << saved.error().message;
        ASSERT_EQ(saved->size(), 3u);
        EXPECT_EQ((*saved)[0].id, kTwelve);
        EXPECT_EQ((*saved)[0].addedAt, "2024-02-01T10:00:00Z");
        EXPECT_EQ((*saved)[0].tracks.size(), 12u);
        EXPECT_EQ((*saved)[1].id, kTwoDisc);
        EXPECT_EQ((*saved)[1].tracks.size(), 15u);
        EXPECT_EQ((*saved)[2].id, kLong);
        EXPECT_EQ((*saved)[2].tracks.size(), 120u) << "each saved album's tracks.next is followed too";
    }

    TEST(SavedAlbumsPaging, WalksMoreThanOnePageOfSavedAlbums)
    {
        // 51 saved albums: the second /me/albums page must be fetched via next.
        nlohmann::json data = {{"albums", nlohmann::json::array()}, {"saved_albums", nlohmann::json::array()}};
        for (int i = 0; i < 51; ++i)
        {
            char id[23];
            std::snprintf(id, sizeof id, "PagedAlbum%012d", i);
            data["albums"].push_back({{"id", id}, {"name", std::string("Paged ") + std::to_string(i)}, {"generate", 2}});
            data["saved_albums"].push_back(id);
        }
        const std::string file = testing::makeTempDir("spotify-albums") + "/library.json";
        std::ofstream(file) << data.dump();
        SpotifyHarness h{{"--data", file}};
        h.login();
        auto saved = h.api->savedAlbums();
        ASSERT_TRUE(saved) << saved.error().message;
        ASSERT_EQ(saved->size(), 51u);
        EXPECT_EQ(saved->back().name, "Paged 50");
        EXPECT_EQ(saved->back().tracks.size(), 2u);
        EXPECT_EQ(h.requestCount("GET /v1/me/albums"), 2);
    }

    TEST_F(Albums, SavedAlbumsNeedLibraryScope)
    {
        h.tokens.accessToken = h.control("POST", "tokens", {{"scope", "playlist-read-private"}})["access_token"];
        auto saved = h.api->savedAlbums();
        ASSERT_FALSE(saved);
        EXPECT_EQ(saved.error().httpStatus, 403);
    }
} // namespace soulspot::sources::spotify::test
