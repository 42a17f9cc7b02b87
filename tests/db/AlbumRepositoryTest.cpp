// Wanted albums in the database, the same scenarios on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "core/Clock.hpp"
#include "db/repositories/AlbumRepository.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    using testing::Backend;
    using S = core::DownloadStatus;
    using R = core::TransitionReason;

    class AlbumRepositoryTest : public ::testing::TestWithParam<Backend>
    {
    protected:
        void SetUp() override
        {
            holder_ = std::make_unique<testing::TestDatabase>(GetParam());
            if (!holder_->available())
                GTEST_SKIP() << "SOULSPOT_TEST_PG_DSN not set";
            ASSERT_TRUE(Migrator(db()).upgrade());
        }
        Database& db() { return holder_->db(); }

        static AlbumInput twoDiscAlbum()
        {
            AlbumInput in;
            in.title = "Mellon Collie";
            in.artist = "The Smashing Pumpkins";
            in.releaseDate = "1995-10-23";
            in.discCount = 2;
            in.spotifyId = "0mellon0collie0000000A";
            in.releaseMbid = "11111111-2222-3333-4444-555555555555";
            in.source = "spotify:album:0mellon0collie0000000A";
            for (int disc = 1; disc <= 2; ++disc)
                for (int n = 1; n <= 3; ++n)
                {
                    AlbumTrackInput t;
                    t.track.title = "Song " + std::to_string(disc) + "-" + std::to_string(n);
                    t.track.artists = {"The Smashing Pumpkins"};
                    t.track.album = in.title;
                    t.track.durationMs = 200000 + n;
                    t.discNumber = disc;
                    t.trackNumber = n;
                    in.tracks.push_back(t);
                }
            return in;
        }
        std::unique_ptr<testing::TestDatabase> holder_;
    };

    TEST_P(AlbumRepositoryTest, AnAlbumIsStoredOnceWithItsTracklist)
    {
        AlbumRepository repo(db());
        auto made = repo.create(twoDiscAlbum());
        ASSERT_TRUE(made) << made.error().message;
        EXPECT_TRUE(made->created);
        auto again = repo.create(twoDiscAlbum());
        ASSERT_TRUE(again);
        EXPECT_FALSE(again->created);
        EXPECT_EQ(again->id, made->id);

        auto album = repo.find(made->id);
        ASSERT_TRUE(album && *album);
        EXPECT_EQ((*album)->status, S::Queued);
        EXPECT_EQ((*album)->trackCount, 6);
        EXPECT_EQ((*album)->discCount, 2);
        auto tracks = repo.tracks(made->id);
        ASSERT_TRUE(tracks);
        ASSERT_EQ(tracks->size(), 6u);
        EXPECT_EQ((*tracks)[3].discNumber, 2);
        EXPECT_EQ((*tracks)[3].trackNumber, 1);
        EXPECT_FALSE((*tracks)[0].owned);

        AlbumInput empty;
        empty.title = "Nothing";
        EXPECT_FALSE(repo.create(empty));
        auto listed = repo.list({});
        ASSERT_TRUE(listed);
        EXPECT_EQ(listed->size(), 1u);
    }

    TEST_P(AlbumRepositoryTest, StatusWritesFollowTheAlbumTableAndLeaveEvents)
    {
        AlbumRepository repo(db());
        const auto id = repo.create(twoDiscAlbum())->id;
        const auto now = core::toIso8601(std::chrono::system_clock::now());
        const auto later = core::toIso8601(std::chrono::system_clock::now() + std::chrono::seconds(60));
        auto claimed = repo.claimNext("a", now, later);
        ASSERT_TRUE(claimed && *claimed);
        EXPECT_EQ(**claimed, id);
        auto second = repo.claimNext("b", now, later);
        ASSERT_TRUE(second);
        EXPECT_FALSE(*second) << "one album, one owner";

        auto album = **repo.find(id);
        album.status = S::NotFound;
        EXPECT_FALSE(*repo.save(album, S::Searching, R::WaitForSlskd)) << "an outage is never NOT_FOUND";
        EXPECT_TRUE(*repo.save(album, S::Searching, R::NoMatch));
        EXPECT_FALSE(*repo.save(album, S::Searching, R::NoMatch)) << "compare-and-set on the status";

        auto retried = repo.move(id, {S::NotFound}, S::Queued, R::UserRetry);
        ASSERT_TRUE(retried && *retried);
        auto events = repo.events(id);
        ASSERT_TRUE(events);
        ASSERT_GE(events->size(), 4u);
        EXPECT_EQ(events->back().reason, "user_retry");
        EXPECT_EQ((*events)[2].reason, "no_match");
    }

    TEST_P(AlbumRepositoryTest, StrandedSearchesGoBackAndFoldersKeepTheirPicks)
    {
        AlbumRepository repo(db());
        const auto id = repo.create(twoDiscAlbum())->id;
        const auto past = core::toIso8601(std::chrono::system_clock::now() - std::chrono::seconds(120));
        const auto now = core::toIso8601(std::chrono::system_clock::now());
        ASSERT_TRUE(*repo.claimNext("gone", now, past)); // a lease that already ran out
        auto moved = repo.requeueStranded("me", now, false);
        ASSERT_TRUE(moved);
        EXPECT_EQ(*moved, 1);
        EXPECT_EQ((*repo.find(id))->status, S::Queued);

        AlbumFolderRecord f;
        f.rank = 0;
        f.username = "peer";
        f.directory = "@@x\\Music\\Mellon Collie";
        f.accepted = true;
        f.reasons = {"6 of 6 tracks", "one format: flac"};
        f.picks = {{0, "@@x\\Music\\Mellon Collie\\CD1\\01.flac", 30000000, "flac", 900, 16, 44100, 200, 0.95},
                   {3, "@@x\\Music\\Mellon Collie\\CD2\\01.flac", 31000000, "flac", 900, 16, 44100, 200, 0.9}};
        ASSERT_TRUE(repo.replaceFolders(id, {f}));
        auto folders = repo.folders(id);
        ASSERT_TRUE(folders);
        ASSERT_EQ(folders->size(), 1u);
        EXPECT_EQ((*folders)[0].reasons, f.reasons);
        ASSERT_EQ((*folders)[0].picks.size(), 2u);
        EXPECT_EQ((*folders)[0].picks[1].position, 3);
        EXPECT_EQ((*folders)[0].picks[1].filename, f.picks[1].filename);
    }

    TEST_P(AlbumRepositoryTest, DownloadsForAnAlbumAreCreatedOncePerTrackAndKnowTheirPlace)
    {
        AlbumRepository repo(db());
        const auto id = repo.create(twoDiscAlbum())->id;
        auto tracks = *repo.tracks(id);
        // A playlist already wants track 2: its download serves the album instead of a second one.
        auto existing = DownloadRepository(db()).create(tracks[1].track.id, 0, std::nullopt, "corr");
        ASSERT_TRUE(existing);

        std::vector<AlbumDownloadPlan> plans;
        for (int p : {0, 1, 3})
        {
            AlbumDownloadPlan plan;
            plan.position = p;
            plan.trackId = tracks[static_cast<std::size_t>(p)].track.id;
            CandidateRecord c;
            c.username = "peer";
            c.filename = "@@x\\A\\" + std::to_string(p) + ".flac";
            c.size = 1000;
            c.format = "flac";
            c.accepted = true;
            plan.candidates = {c};
            plans.push_back(plan);
        }
        const auto until = core::toIso8601(std::chrono::system_clock::now() + std::chrono::seconds(60));
        auto created = repo.createDownloads(id, plans, std::nullopt, "me", until);
        ASSERT_TRUE(created) << created.error().message;
        ASSERT_EQ(created->size(), 3u);
        EXPECT_TRUE((*created)[0].created);
        EXPECT_FALSE((*created)[1].created);
        EXPECT_EQ((*created)[1].downloadId, *existing);

        auto d = DownloadRepository(db()).get((*created)[2].downloadId);
        ASSERT_TRUE(d && *d);
        EXPECT_EQ((*d)->status, S::Searching);
        EXPECT_TRUE((*d)->enqueuePending);
        EXPECT_EQ((*d)->albumId, id);
        EXPECT_EQ((*d)->claimedBy, "me");
        auto place = repo.placementOf((*created)[2].downloadId);
        ASSERT_TRUE(place && *place);
        EXPECT_EQ((*place)->discNumber, 2);
        EXPECT_EQ((*place)->trackNumber, 1);
        EXPECT_EQ((*place)->tracksOnDisc, 3);
        EXPECT_EQ((*place)->album.releaseMbid, "11111111-2222-3333-4444-555555555555");

        // Creating them again (a restart after a crash) doubles nothing.
        auto again = repo.createDownloads(id, plans, std::nullopt, "me", until);
        ASSERT_TRUE(again);
        for (const auto& c : *again)
            EXPECT_FALSE(c.created);
    }

    INSTANTIATE_TEST_SUITE_P(Backends, AlbumRepositoryTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                             testing::backendName);
} // namespace soulspot::db
