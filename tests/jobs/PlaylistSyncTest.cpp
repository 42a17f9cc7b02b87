// Playlist import and sync against the fake over real sockets, on SQLite and PostgreSQL: 1,200 tracks
// completely, an unchanged snapshot writes nothing, a changed one writes exactly the difference, tokens
// expiring mid-import, 429s honoured or surfaced, Liked Songs, auto-download queuing, the scheduler.
#include <atomic>
#include <thread>

#include "SpotifyTestBed.hpp"
#include "jobs/SpotifySyncScheduler.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::jobs::test
{
    using testing::Backend;

    namespace
    {
        constexpr const char* kBig = "BigPlaylist00000000001";   // 1,200 tracks
        constexpr const char* kMid = "MidPlaylist00000000001";   // 250 tracks
        constexpr const char* kSmall = "SmallPlaylist000000001"; // 5 tracks

        /// Everything a sync could write to tracks and playlist_tracks, as one comparable value.
        std::vector<std::string> footprint(SpotifyTestBed& bed)
        {
            std::vector<std::string> out;
            auto tracks = bed.db().execute("SELECT id, updated_at FROM tracks ORDER BY id");
            auto members = bed.db().execute("SELECT playlist_id, track_id, position, added_at, removed_at FROM playlist_tracks "
                                            "ORDER BY playlist_id, track_id");
            auto downloads = bed.db().execute("SELECT COUNT(*) FROM downloads");
            EXPECT_TRUE(tracks && members && downloads);
            for (const auto& r : tracks->rows)
                out.push_back("t" + std::to_string(r.getInt(0)) + "@" + r.getString(1));
            for (const auto& r : members->rows)
                out.push_back("m" + std::to_string(r.getInt(0)) + "/" + std::to_string(r.getInt(1)) + "#" +
                              std::to_string(r.getInt(2)) + "+" + r.getString(3) + "-" + r.getString(4));
            out.push_back("d" + std::to_string(downloads->front().getInt(0)));
            return out;
        }
    } // namespace

    class PlaylistSync : public ::testing::TestWithParam<Backend>
    {
    protected:
        void SetUp() override
        {
            bed = std::make_unique<SpotifyTestBed>(
                GetParam(), std::vector<std::string>{"--generate-playlist", std::string(kBig) + ":1200", "--generate-playlist",
                                                     std::string(kMid) + ":250", "--generate-playlist", std::string(kSmall) + ":5",
                                                     "--generate-liked", "120"});
            if (!bed->available())
                GTEST_SKIP() << "SOULSPOT_TEST_PG_DSN not set";
            bed->connect();
        }
        std::unique_ptr<SpotifyTestBed> bed;
    };

    TEST_P(PlaylistSync, ImportsA1200TrackPlaylistCompletelyWithItsMetadata)
    {
        auto r = bed->sync->importPlaylist(std::string("https://open.spotify.com/playlist/") + kBig + "?si=abc", std::nullopt, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_TRUE(r->created);
        EXPECT_EQ(r->added, 1200);
        EXPECT_EQ(r->total, 1200);
        EXPECT_EQ(r->queued, 0) << "auto_download is off by default";
        EXPECT_EQ(bed->storedIds(r->playlistId), bed->fakeIds(kBig));
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM tracks WHERE isrc IS NULL OR duration_ms IS NULL OR track_number IS NULL "
                             "OR album_title IS NULL OR release_date IS NULL OR cover_url IS NULL"),
                  0);
        auto detail = bed->catalog->detail(r->playlistId);
        ASSERT_TRUE(detail);
        EXPECT_EQ(detail->playlist.name, std::string("Generated ") + kBig);
        EXPECT_EQ(detail->playlist.spotifyId, kBig);
        EXPECT_FALSE(detail->playlist.snapshotId.empty());
        EXPECT_EQ(detail->tracks.front().track.title, "Song 0001");
        EXPECT_EQ(detail->tracks.back().track.title, "Song 1200");
        EXPECT_EQ(detail->stateCounts.at("missing"), 1200);

        auto small = bed->sync->importPlaylist(std::string("spotify:playlist:") + kSmall, true, "cid");
        ASSERT_TRUE(small);
        EXPECT_EQ(small->total, 5);
        EXPECT_EQ(small->queued, 5);
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM downloads WHERE status = 'QUEUED'"), 5);
    }

    TEST_P(PlaylistSync, AnUnchangedSnapshotWritesNothingButLastSyncedAt)
    {
        auto first = bed->sync->importPlaylist(kMid, true, "cid");
        ASSERT_TRUE(first);
        const auto before = footprint(*bed);
        bed->control("DELETE", "requests");
        auto again = bed->sync->sync(first->playlistId, "cid");
        ASSERT_TRUE(again) << again.error().message;
        EXPECT_TRUE(again->unchanged);
        EXPECT_EQ(again->total, 250);
        EXPECT_EQ(footprint(*bed), before);
        EXPECT_EQ(bed->requests(std::string("GET /v1/playlists/") + kMid + "/items"), 0) << "items are not even read";
        auto reimport = bed->sync->importPlaylist(kMid, std::nullopt, "cid");
        ASSERT_TRUE(reimport);
        EXPECT_FALSE(reimport->created);
        EXPECT_TRUE(reimport->unchanged);
        EXPECT_EQ(footprint(*bed), before);
    }

    TEST_P(PlaylistSync, AChangedSnapshotAddsAndRemovesExactlyTheDifference)
    {
        auto first = bed->sync->importPlaylist(kMid, true, "cid");
        ASSERT_TRUE(first);
        const auto original = bed->fakeIds(kMid);
        auto listing = bed->api->playlistTracks(kMid);
        ASSERT_TRUE(listing);
        const std::vector<std::string> gone{listing->tracks[0].id, listing->tracks[100].id, listing->tracks[249].id};
        bed->control("DELETE", std::string("playlists/") + kMid + "/tracks", {{"ids", gone}});
        bed->control("POST", std::string("playlists/") + kMid + "/tracks", {{"generate", 4}});
        const auto tracksBefore = bed->count("SELECT COUNT(*) FROM tracks");

        auto r = bed->sync->sync(first->playlistId, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_FALSE(r->unchanged);
        EXPECT_EQ(r->added, 4);
        EXPECT_EQ(r->removed, 3);
        EXPECT_EQ(r->total, 251);
        EXPECT_EQ(r->queued, 4) << "downloads are queued for the new missing tracks only";
        EXPECT_EQ(bed->storedIds(r->playlistId), bed->fakeIds(kMid));
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM tracks"), tracksBefore + 4);
        auto removed = bed->db().execute("SELECT t.spotify_id FROM playlist_tracks pt JOIN tracks t ON t.id = pt.track_id "
                                         "WHERE pt.playlist_id = $1 AND pt.removed_at IS NOT NULL ORDER BY t.spotify_id",
                                         {r->playlistId});
        ASSERT_TRUE(removed);
        std::set<std::string> removedIds;
        for (const auto& row : removed->rows)
            removedIds.insert(row.getString(0));
        EXPECT_EQ(removedIds, std::set<std::string>(gone.begin(), gone.end()));
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM downloads"), 254);
        auto detail = bed->catalog->detail(r->playlistId);
        EXPECT_EQ(detail->removed.size(), 3u);
        EXPECT_EQ(detail->tracks.size(), 251u);
    }

    TEST_P(PlaylistSync, TokensExpiringMidImportDoNotStopIt)
    {
        // Spotify expires the access token between two pages of the walk, twice: each 401 is answered with
        // one refresh and one retry. The expiry is triggered from inside the token provider so it lands at
        // a known point of the walk instead of racing it.
        std::atomic<int> calls{0};
        auto inner = bed->auth->tokenProvider();
        sources::spotify::TokenProvider expiring = [&, inner](bool force) {
            const int n = ++calls;
            if (!force && (n == 8 || n == 20))
                bed->control("POST", "expire-access-tokens");
            return inner(force);
        };
        auto api = std::make_shared<sources::spotify::SpotifyApiClient>(bed->apiService, expiring);
        PlaylistSyncService sync(bed->db(), api, bed->downloads);
        const int tokenCalls = bed->requests("POST /api/token");
        auto r = sync.importPlaylist(kBig, std::nullopt, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->total, 1200);
        EXPECT_EQ(bed->requests("POST /api/token"), tokenCalls + 2) << "one refresh per expiry";
        EXPECT_EQ(bed->storedIds(r->playlistId), bed->fakeIds(kBig));
    }

    TEST_P(PlaylistSync, ShortLivedTokensAreRefreshedBeforeTheyExpire)
    {
        bed->control("POST", "config", {{"token_ttl", 2}});
        ASSERT_TRUE(bed->auth->logout());
        bed->connect(); // a 2-second token: refreshed once less than half its life is left
        std::this_thread::sleep_for(std::chrono::milliseconds(1100));
        bed->control("DELETE", "requests");
        auto r = bed->sync->importPlaylist(kSmall, std::nullopt, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(bed->requests("POST /api/token"), 1);
        EXPECT_EQ(bed->control("GET", "requests")["paths"].value("GET /v1/playlists/" + std::string(kSmall), 0), 1)
            << "no 401 round trip: the token was fresh before the first call";
    }

    TEST_P(PlaylistSync, RateLimitsAreWaitedOutOrSurfacedWithTheirRetryAfter)
    {
        bed->control("POST", "config", {{"rate_limit_every", 4}, {"retry_after", 2}});
        auto r = bed->sync->importPlaylist(kMid, std::nullopt, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->total, 250);
        EXPECT_GT(bed->control("GET", "requests")["rate_limited"].get<int>(), 0);
        {
            std::lock_guard lock(bed->sleepsMutex);
            EXPECT_NE(std::find(bed->sleeps.begin(), bed->sleeps.end(), std::chrono::milliseconds(2000)), bed->sleeps.end());
        }

        // A day-long penalty is not slept through: the caller learns when to come back, and nothing is written.
        bed->control("POST", "config", {{"rate_limit_every", 0}, {"rate_limit_next", 1}, {"retry_after", 86400}});
        const auto playlistsBefore = bed->count("SELECT COUNT(*) FROM playlists");
        auto limited = bed->sync->importPlaylist(kSmall, std::nullopt, "cid");
        ASSERT_FALSE(limited);
        EXPECT_EQ(limited.error().code, core::ErrorCode::RateLimited);
        EXPECT_EQ(sources::spotify::retryAfterOf(limited.error()), std::chrono::seconds(86400));
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM playlists"), playlistsBefore);
    }

    TEST_P(PlaylistSync, LikedSongsAreAPlaylistToo)
    {
        for (const char* ref : {"liked", "spotify:collection:tracks", "https://open.spotify.com/collection/tracks"})
            EXPECT_TRUE(isLikedSongsRef(ref)) << ref;
        EXPECT_FALSE(isLikedSongsRef(kBig));
        auto r = bed->sync->importPlaylist("liked", std::nullopt, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->total, 120);
        auto p = bed->catalog->get(r->playlistId);
        EXPECT_TRUE(p->isLikedSongs);
        EXPECT_EQ(p->name, "Liked Songs");
        EXPECT_EQ(bed->storedIds(r->playlistId), bed->fakeIds("liked"));
        const auto before = footprint(*bed);
        auto again = bed->sync->importPlaylist("spotify:collection:tracks", std::nullopt, "cid");
        ASSERT_TRUE(again);
        EXPECT_EQ(again->playlistId, r->playlistId);
        EXPECT_TRUE(again->unchanged);
        EXPECT_EQ(footprint(*bed), before);
    }

    TEST_P(PlaylistSync, ForeignAndUnknownPlaylistsLeaveNothingBehind)
    {
        auto unknown = bed->sync->importPlaylist("NoSuchPlaylist00000001", std::nullopt, "cid");
        ASSERT_FALSE(unknown);
        EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
        auto bad = bed->sync->importPlaylist("https://open.spotify.com/track/11dFghVXANMlKmJXsNCbNl", std::nullopt, "cid");
        ASSERT_FALSE(bad);
        EXPECT_EQ(bad.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM playlists"), 0);
    }

    TEST_P(PlaylistSync, SwitchingAutoDownloadOnQueuesEveryMissingTrack)
    {
        auto r = bed->sync->importPlaylist(kSmall, false, "cid");
        ASSERT_TRUE(r);
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM downloads"), 0);
        auto on = bed->catalog->setAutoDownload(r->playlistId, true, "cid");
        ASSERT_TRUE(on);
        EXPECT_EQ(on->second, 5);
        EXPECT_TRUE(on->first.autoDownload);
        auto detail = bed->catalog->detail(r->playlistId);
        EXPECT_EQ(detail->stateCounts.at("queued"), 5);
        ASSERT_TRUE(bed->catalog->remove(r->playlistId));
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM downloads"), 5) << "deleting a playlist keeps downloads";
    }

    TEST_P(PlaylistSync, TheSchedulerSyncsAutoPlaylistsAndSkipsWhenDisconnected)
    {
        auto r = bed->sync->importPlaylist(kSmall, true, "cid");
        ASSERT_TRUE(r);
        bed->control("POST", std::string("playlists/") + kSmall + "/tracks", {{"generate", 2}});
        SpotifySyncScheduler scheduler(bed->sync, bed->auth, {std::chrono::milliseconds(50), std::chrono::milliseconds(0)});
        scheduler.start();
        for (int i = 0; i < 200 && bed->count("SELECT COUNT(*) FROM downloads") < 7; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        EXPECT_EQ(bed->count("SELECT COUNT(*) FROM downloads"), 7);
        ASSERT_TRUE(bed->auth->logout());
        bed->control("DELETE", "requests");
        const int rounds = scheduler.rounds();
        while (scheduler.rounds() < rounds + 3)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        scheduler.stop();
        EXPECT_EQ(bed->control("GET", "requests")["total"].get<int>(), 0) << "no Spotify calls without a connection";
    }

    INSTANTIATE_TEST_SUITE_P(Backends, PlaylistSync, ::testing::Values(Backend::Sqlite, Backend::Postgres), testing::backendName);
} // namespace soulspot::jobs::test
