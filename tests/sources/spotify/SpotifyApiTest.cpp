// The Web API client over real sockets against tests/fakes/fake_spotify.py: paging to the end, skipped
// entries, 401 → forced refresh, 429 and 5xx handling, the /items → /tracks fallback.
#include <set>

#include <gtest/gtest.h>

#include "SpotifyHarness.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::sources::spotify::test
{
    namespace
    {
        constexpr const char* kMixed = "MixedPlaylist000000001";
        constexpr const char* kForeign = "ForeignPlaylist0000001";

        struct Api : ::testing::Test
        {
            SpotifyHarness h{{"--data", libraryJson()}};
            void SetUp() override { h.login(); }
        };

        struct BigLibrary : ::testing::Test
        {
            SpotifyHarness h{{"--generate-playlist", "Big:1200", "--generate-liked", "120", "--generate-artists", "120"}};
            void SetUp() override { h.login(); }
        };
    } // namespace

    TEST_F(Api, ReadsCurrentUser)
    {
        auto me = h.api->me();
        ASSERT_TRUE(me) << me.error().message;
        EXPECT_EQ(me->id, "soulspot-tester");
        EXPECT_EQ(me->accountId, "acc-0001");
        EXPECT_EQ(me->displayName, "SoulSpot Tester");
    }

    TEST_F(Api, SkipsAndCountsNullLocalAndEpisodeEntries)
    {
        auto listing = h.api->playlistTracks(kMixed);
        ASSERT_TRUE(listing) << listing.error().message;
        EXPECT_EQ(listing->reportedTotal, 7);
        ASSERT_EQ(listing->tracks.size(), 3u);
        EXPECT_EQ(listing->skippedUnavailable, 1);
        EXPECT_EQ(listing->skippedLocal, 2);
        EXPECT_EQ(listing->skippedEpisodes, 1);
        ASSERT_EQ(listing->localTracks.size(), 2u);
        EXPECT_EQ(listing->localTracks[0].name, "Demo Take 3");
        EXPECT_TRUE(listing->localTracks[0].id.empty());
        EXPECT_EQ(listing->localTracks[0].artists.at(0).name, "My Band");

        const auto& first = listing->tracks[0];
        EXPECT_EQ(first.name, "Cut To The Feeling");
        EXPECT_EQ(first.isrc, "USUM71703861"); // upper-cased
        EXPECT_EQ(first.durationMs, 207959);
        EXPECT_EQ(first.album.releaseDate, "2017-05-26");
        EXPECT_NE(first.album.imageUrl.find("-640"), std::string::npos) << first.album.imageUrl;
        EXPECT_EQ(first.addedAt, "2024-05-01T12:00:00Z");
        EXPECT_EQ(listing->tracks[1].album.releaseDate, "2009-09");
        EXPECT_EQ(listing->tracks[1].artists.at(0).id, "2CIMQHirSU0MQqyYHq0eOx");
        EXPECT_EQ(listing->tracks[2].artists.size(), 2u);
        EXPECT_TRUE(listing->tracks[2].isrc.empty());
    }

    TEST_F(Api, PlaylistMetadataAndSnapshotChangeWhenModified)
    {
        auto before = h.api->playlist(kMixed);
        ASSERT_TRUE(before) << before.error().message;
        EXPECT_EQ(before->name, "Mixed bag");
        EXPECT_EQ(before->trackCount, 7);
        EXPECT_EQ(before->owner.id, "soulspot-tester");
        EXPECT_FALSE(before->snapshotId.empty());

        h.control("POST", std::string("playlists/") + kMixed + "/tracks", {{"generate", 2}});
        auto after = h.api->playlist(kMixed);
        ASSERT_TRUE(after);
        EXPECT_NE(after->snapshotId, before->snapshotId);
        EXPECT_EQ(after->trackCount, 9);
        EXPECT_EQ(h.api->playlistTracks(kMixed)->tracks.size(), 5u);
    }

    TEST_F(Api, ForeignPlaylistGivesMetadataButItemsAreForbidden)
    {
        auto meta = h.api->playlist(kForeign);
        ASSERT_TRUE(meta) << meta.error().message;
        EXPECT_EQ(meta->owner.id, "another-user");
        EXPECT_EQ(meta->trackCount, 0); // 2026: no embedded items for playlists the user does not own
        auto items = h.api->playlistTracks(kForeign);
        ASSERT_FALSE(items);
        EXPECT_EQ(items.error().code, core::ErrorCode::UpstreamError);
        EXPECT_EQ(items.error().httpStatus, 403);
    }

    TEST_F(Api, UnknownPlaylistIsNotFound)
    {
        auto items = h.api->playlistTracks("NoSuchPlaylist00000000");
        ASSERT_FALSE(items);
        EXPECT_EQ(items.error().code, core::ErrorCode::NotFound);
        EXPECT_EQ(h.api->playlist("NoSuchPlaylist00000000").error().code, core::ErrorCode::NotFound);
    }

    TEST(ApiPlaylists, ListsAllMyPlaylistsAcrossPages)
    {
        std::vector<std::string> args{"--data", libraryJson()};
        for (int i = 0; i < 55; ++i)
            args.insert(args.end(), {"--generate-playlist", "Extra" + std::to_string(i) + ":1"});
        SpotifyHarness h{args};
        h.login();
        auto playlists = h.api->myPlaylists();
        ASSERT_TRUE(playlists) << playlists.error().message;
        ASSERT_EQ(playlists->size(), 57u);
        EXPECT_EQ((*playlists)[0].id, kMixed);
        EXPECT_EQ((*playlists)[0].trackCount, 7);
        EXPECT_EQ(playlists->back().name, "Generated Extra54");
        EXPECT_EQ(h.requestCount("GET /v1/me/playlists"), 2);
    }

    TEST_F(Api, ExpiredAccessTokenIsRefreshedOnceAndRetried)
    {
        const auto oldAccess = h.tokens.accessToken;
        h.control("POST", "expire-access-tokens");
        auto me = h.api->me();
        ASSERT_TRUE(me) << me.error().message;
        EXPECT_EQ(h.forcedRefreshes, 1);
        EXPECT_NE(h.tokens.accessToken, oldAccess);
        EXPECT_EQ(h.requestCount("GET /v1/me"), 2);
    }

    TEST_F(Api, DeadRefreshTokenSurfacesInvalidGrantThroughTheApi)
    {
        h.control("POST", "expire-access-tokens");
        h.control("POST", "revoke-refresh-tokens");
        auto me = h.api->me();
        ASSERT_FALSE(me);
        EXPECT_TRUE(isInvalidGrant(me.error())) << me.error().message;
    }

    TEST_F(Api, LongRetryAfterIsSurfacedAsRateLimited)
    {
        h.control("POST", "config", {{"rate_limit_next", 1}, {"retry_after", 86400}, {"rate_limit_reason", "QUOTA_EXCEEDED"}});
        auto me = h.api->me();
        ASSERT_FALSE(me);
        EXPECT_EQ(me.error().code, core::ErrorCode::RateLimited);
        EXPECT_TRUE(me.error().retryable);
        EXPECT_EQ(retryAfterOf(me.error()), std::chrono::seconds(86400));
        EXPECT_NE(me.error().message.find("QUOTA_EXCEEDED"), std::string::npos);
        EXPECT_TRUE(h.sleeps.empty()); // a day is not slept through inside a request
    }

    TEST_F(Api, ServerErrorsAreRetriedThroughTheBreaker)
    {
        h.control("POST", "config", {{"fail_next", 1}});
        ASSERT_TRUE(h.api->me());
        EXPECT_EQ(h.sleeps.size(), 1u);

        h.control("POST", "config", {{"fail_next", 100}});
        auto me = h.api->me();
        ASSERT_FALSE(me);
        EXPECT_EQ(me.error().code, core::ErrorCode::Unavailable);
        EXPECT_TRUE(me.error().retryable);
    }

    TEST_F(BigLibrary, Walks1200TrackPlaylistToTheEnd)
    {
        auto listing = h.api->playlistTracks("Big");
        ASSERT_TRUE(listing) << listing.error().message;
        ASSERT_EQ(listing->tracks.size(), 1200u);
        EXPECT_EQ(listing->reportedTotal, 1200);
        std::set<std::string> isrcs;
        for (const auto& t : listing->tracks)
            isrcs.insert(t.isrc);
        EXPECT_EQ(isrcs.size(), 1200u);
        EXPECT_EQ(listing->tracks.front().name, "Song 0001");
        EXPECT_EQ(listing->tracks.back().name, "Song 1200");
        EXPECT_EQ(h.requestCount("GET /v1/playlists/Big/items"), 24); // limit 50
    }

    TEST_F(BigLibrary, HonoursRetryAfterWhileWalking)
    {
        h.control("POST", "config", {{"rate_limit_every", 5}, {"retry_after", 2}});
        auto listing = h.api->playlistTracks("Big");
        ASSERT_TRUE(listing) << listing.error().message;
        EXPECT_EQ(listing->tracks.size(), 1200u);
        ASSERT_GE(h.sleeps.size(), 4u);
        for (auto d : h.sleeps)
            EXPECT_EQ(d, std::chrono::seconds(2));
        EXPECT_EQ(h.control("GET", "requests")["rate_limited"].get<std::size_t>(), h.sleeps.size());
    }

    TEST_F(BigLibrary, WalksLikedSongsAndFollowedArtistsToTheEnd)
    {
        auto liked = h.api->likedTracks();
        ASSERT_TRUE(liked) << liked.error().message;
        EXPECT_EQ(liked->tracks.size(), 120u);
        EXPECT_EQ(h.requestCount("GET /v1/me/tracks"), 3);

        auto artists = h.api->followedArtists();
        ASSERT_TRUE(artists) << artists.error().message;
        ASSERT_EQ(artists->size(), 120u);
        EXPECT_EQ(artists->back().name, "Followed Artist 119");
        EXPECT_EQ(h.requestCount("GET /v1/me/following"), 3);
    }

    TEST(ApiLegacyDeployment, FallsBackToTracksWhenItemsIsMissing)
    {
        SpotifyHarness h{{"--generate-playlist", "Old:230", "--items-endpoint", "tracks"}};
        h.login();
        auto listing = h.api->playlistTracks("Old");
        ASSERT_TRUE(listing) << listing.error().message;
        EXPECT_EQ(listing->tracks.size(), 230u);
        EXPECT_EQ(h.requestCount("GET /v1/playlists/Old/items"), 1);
        EXPECT_EQ(h.requestCount("GET /v1/playlists/Old/tracks"), 3); // limit 100
    }

    TEST(ApiScopes, MissingScopeIsForbiddenNotReauth)
    {
        SpotifyHarness h{{}};
        h.tokens.accessToken = h.control("POST", "tokens", {{"scope", "playlist-read-private"}})["access_token"];
        auto liked = h.api->likedTracks();
        ASSERT_FALSE(liked);
        EXPECT_EQ(liked.error().httpStatus, 403);
        EXPECT_EQ(liked.error().code, core::ErrorCode::UpstreamError);
        EXPECT_EQ(h.forcedRefreshes, 0);
    }
} // namespace soulspot::sources::spotify::test
