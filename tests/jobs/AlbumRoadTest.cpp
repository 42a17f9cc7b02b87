// The album road step by step, in process (core/AlbumStateMachine): search, group, browse, score, one
// enqueue per remote folder, settling by the album's policy, and waiting (not NOT_FOUND) when slskd is down.
#include "RoadTestBed.hpp"

#include "db/repositories/AlbumRepository.hpp"

namespace soulspot::testing
{
    using S = core::DownloadStatus;
    using sl::TransferOutcome;

    class AlbumRoadTest : public RoadTestBed
    {
    protected:
        const std::vector<std::string> titles{"Airbag", "Paranoid Android", "Subterranean Homesick Alien", "Exit Music"};

        std::int64_t wantAlbum(db::IncompletePolicy policy = db::IncompletePolicy::WaitAndRetry)
        {
            db::AlbumInput in;
            in.title = "OK Computer";
            in.artist = "Radiohead";
            in.releaseDate = "1997-05-21";
            in.primaryType = "Album";
            in.releaseMbid = "0b6b4ba0-d36f-47bd-b4ea-6a5b91842d2" + std::to_string(wanted_++ % 10);
            in.source = "test";
            in.policy = policy;
            for (std::size_t i = 0; i < titles.size(); ++i)
            {
                db::AlbumTrackInput t;
                t.track.title = titles[i];
                t.track.artists = {"Radiohead"};
                t.track.album = in.title;
                t.track.durationMs = 240000 + static_cast<int>(i) * 1000;
                t.trackNumber = static_cast<int>(i) + 1;
                in.tracks.push_back(t);
            }
            auto made = db::AlbumRepository(*database).create(in);
            EXPECT_TRUE(made) << (made ? "" : made.error().message);
            return made ? made->id : 0;
        }

        std::vector<std::pair<std::string, int>> folder(const std::string& dir, std::size_t count)
        {
            std::vector<std::pair<std::string, int>> files;
            for (std::size_t i = 0; i < count; ++i)
                files.push_back({dir + "\\0" + std::to_string(i + 1) + " - " + titles[i] + ".flac", 240 + static_cast<int>(i)});
            return files;
        }

        void runAlbumStep()
        {
            auto id = albums->claimNext();
            ASSERT_TRUE(id.has_value()) << "no album was due";
            albums->acquire(*id, std::stop_token{});
        }

        db::AlbumRecord album(std::int64_t id) { return **db::AlbumRepository(*database).find(id); }
        std::vector<db::AlbumTrackRecord> tracks(std::int64_t id) { return *db::AlbumRepository(*database).tracks(id); }
        int wanted_{0};
        std::string lastReason(std::int64_t id)
        {
            const auto events = db::AlbumRepository(*database).events(id);
            return events && !events->empty() ? events->back().reason : std::string();
        }
    };

    TEST_F(AlbumRoadTest, TheCompleteFolderIsEnqueuedInOneRequestAndTheAlbumSettlesImported)
    {
        slskd->anySearch = {peer("bob", {{"@@bob\\Radiohead\\OK Computer (Live in Oslo)\\01 - Airbag.flac", 240}}),
                            peer("alice", folder("@@alice\\Music\\Radiohead\\OK Computer (1997)", 4))};
        const auto id = wantAlbum();
        runAlbumStep();
        auto a = album(id);
        ASSERT_EQ(a.status, S::Downloading) << a.errorMessage.value_or("");
        ASSERT_EQ(slskd->enqueues.size(), 1u) << "one request for the folder";
        EXPECT_EQ(slskd->enqueues[0].username, "alice");
        EXPECT_EQ(slskd->enqueues[0].files.size(), 4u);
        EXPECT_TRUE(slskd->enqueues[0].options.destination->starts_with("soulspot-album-" + std::to_string(id) + "-"));
        for (const auto& t : tracks(id))
            EXPECT_EQ(t.downloadStatus, S::Downloading) << t.track.title;

        // Every track lands in the library (marked owned as the import step does): the album is IMPORTED.
        albums->settle();
        EXPECT_EQ(album(id).status, S::Downloading) << "tracks still on the road";
        for (const auto& t : tracks(id))
        {
            ASSERT_TRUE(database->execute("UPDATE tracks SET local_path = '/music/x' WHERE id = $1", {t.track.id}));
            ASSERT_TRUE(database->execute("UPDATE downloads SET status = 'IMPORTED' WHERE id = $1", {*t.downloadId}));
        }
        albums->settle();
        EXPECT_EQ(album(id).status, S::Imported);
        EXPECT_EQ(lastReason(id), "imported");
    }

    TEST_F(AlbumRoadTest, AFolderShownInPartIsBrowsedBeforeDeciding)
    {
        const std::string dir = "@@alice\\Music\\Radiohead\\OK Computer";
        auto full = folder(dir, 4);
        slskd->anySearch = {peer("alice", {full[0]})}; // the search only showed the first file
        sl::BrowsedDirectory listing;
        listing.name = dir;
        for (const auto& [name, seconds] : full)
        {
            sl::SearchFileDto f;
            f.filename = name;
            f.size = 30000000;
            f.extension = "flac";
            f.length = seconds;
            f.bitDepth = 16;
            f.sampleRate = 44100;
            listing.files.push_back(f);
        }
        slskd->directories["alice|" + dir] = {listing};
        const auto id = wantAlbum();
        runAlbumStep();
        EXPECT_FALSE(slskd->browsed.empty()) << "the folder was browsed";
        auto a = album(id);
        ASSERT_EQ(a.status, S::Downloading) << a.errorMessage.value_or("");
        ASSERT_EQ(slskd->enqueues.size(), 1u);
        EXPECT_EQ(slskd->enqueues[0].files.size(), 4u);
        auto folders = *db::AlbumRepository(*database).folders(id);
        ASSERT_FALSE(folders.empty());
        EXPECT_TRUE(folders[static_cast<std::size_t>(*a.chosenFolder)].browsed);
    }

    TEST_F(AlbumRoadTest, OnlyWrongEditionsAndPartialFoldersAbstain)
    {
        slskd->anySearch = {peer("bob", folder("@@bob\\Radiohead\\OK Computer (Live)", 4)),
                            peer("dave", folder("@@dave\\Radiohead\\OK Computer", 2))};
        sl::BrowsedDirectory dave;
        dave.name = "@@dave\\Radiohead\\OK Computer";
        slskd->directories["dave|@@dave\\Radiohead\\OK Computer"] = {dave}; // the browse shows nothing more
        const auto id = wantAlbum();
        runAlbumStep();
        const auto a = album(id);
        EXPECT_EQ(a.status, S::NotFound);
        EXPECT_EQ(lastReason(id), "no_match");
        EXPECT_TRUE(slskd->enqueues.empty());
        const auto folders = db::AlbumRepository(*database).folders(id);
        for (const auto& f : *folders)
        {
            EXPECT_FALSE(f.accepted) << f.directory;
            EXPECT_FALSE(f.reasons.empty()) << f.directory;
        }
    }

    TEST_F(AlbumRoadTest, SlskdDownDuringTheSearchMeansWaitNotNotFound)
    {
        slskd->anySearch = {peer("alice", folder("@@alice\\Radiohead\\OK Computer", 4))};
        const auto id = wantAlbum();
        slskd->failNext(FakeSlskdApi::Call::Search, core::Error::unavailable("connection refused"));
        runAlbumStep();
        auto a = album(id);
        EXPECT_EQ(a.status, S::Queued);
        EXPECT_TRUE(a.waitingFor.has_value());
        EXPECT_EQ(lastReason(id), "waiting_for_slskd");
        clock->advance(std::chrono::seconds(120));
        runAlbumStep();
        EXPECT_EQ(album(id).status, S::Downloading);
    }

    TEST_F(AlbumRoadTest, OwnedTracksAreNeverFetchedAgain)
    {
        slskd->anySearch = {peer("alice", folder("@@alice\\Radiohead\\OK Computer", 4))};
        const auto id = wantAlbum();
        const auto owned = tracks(id)[1].track.id;
        ASSERT_TRUE(database->execute("UPDATE tracks SET local_path = '/music/owned.flac' WHERE id = $1", {owned}));
        runAlbumStep();
        ASSERT_EQ(slskd->enqueues.size(), 1u);
        EXPECT_EQ(slskd->enqueues[0].files.size(), 3u);
        for (const auto& f : slskd->enqueues[0].files)
            EXPECT_EQ(f.filename.find(titles[1]), std::string::npos) << f.filename;
    }

    TEST_F(AlbumRoadTest, AnAlbumThatCannotBeCompletedFollowsItsPolicy)
    {
        struct Case
        {
            db::IncompletePolicy policy;
            S settled;
            const char* reason;
        };
        for (const auto& c : {Case{db::IncompletePolicy::KeepPartial, S::Completed, "partial_kept"},
                              Case{db::IncompletePolicy::WaitAndRetry, S::Queued, "search_again_later"},
                              Case{db::IncompletePolicy::Discard, S::Failed, "discarded"}})
        {
            SCOPED_TRACE(std::string(db::toString(c.policy)));
            slskd->anySearch = {peer("alice", folder("@@alice\\Radiohead\\OK Computer", 4))};
            const auto id = wantAlbum(c.policy);
            runAlbumStep();
            ASSERT_EQ(album(id).status, S::Downloading);
            auto ts = tracks(id);
            for (std::size_t i = 0; i < ts.size(); ++i)
            {
                // Three arrive, one fails for good on the download road.
                if (i < 3)
                {
                    ASSERT_TRUE(database->execute("UPDATE tracks SET local_path = '/m' WHERE id = $1", {ts[i].track.id}));
                }
                ASSERT_TRUE(database->execute("UPDATE downloads SET status = $2 WHERE id = $1",
                                              {*ts[i].downloadId, std::string(i < 3 ? "IMPORTED" : "FAILED")}));
            }
            albums->settle();
            const auto a = album(id);
            EXPECT_EQ(a.status, c.settled);
            EXPECT_EQ(lastReason(id), c.reason);
            EXPECT_EQ(a.errorMessage.value_or(""), "missing 1 of 4 tracks");
            ASSERT_TRUE(database->execute("UPDATE albums SET status = 'CANCELLED' WHERE id = $1", {id}));
            ASSERT_TRUE(database->execute("UPDATE tracks SET local_path = NULL"));
            slskd->enqueues.clear();
        }
    }

    TEST_F(AlbumRoadTest, PickAnotherFolderCancelsTheOldDownloadsAndEnqueuesTheNewFolder)
    {
        slskd->anySearch = {peer("alice", folder("@@alice\\Radiohead\\OK Computer (1997)", 4)),
                            peer("erin", folder("@@erin\\flac\\Radiohead - OK Computer", 4))};
        const auto id = wantAlbum();
        runAlbumStep();
        auto a = album(id);
        ASSERT_EQ(a.status, S::Downloading);
        const int other = *a.chosenFolder == 0 ? 1 : 0;
        ASSERT_TRUE(albums->chooseFolder(id, other));
        a = album(id);
        EXPECT_EQ(a.status, S::Downloading);
        EXPECT_EQ(*a.chosenFolder, other);
        ASSERT_EQ(slskd->enqueues.size(), 2u);
        EXPECT_NE(slskd->enqueues[0].username, slskd->enqueues[1].username);
        EXPECT_EQ(slskd->cancelled.size(), 4u) << "the first folder's transfers are cancelled";
        EXPECT_FALSE(albums->chooseFolder(id, 99)) << "no such folder";
    }

    TEST_F(AlbumRoadTest, AnAlbumSearchWithNoLiveOwnerGoesBackToTheQueue)
    {
        const auto id = wantAlbum();
        ASSERT_TRUE(albums->claimNext());
        clock->advance(policy.leaseTtl + std::chrono::seconds(5));
        albums->watchdog(false);
        EXPECT_EQ(album(id).status, S::Queued);
        EXPECT_EQ(lastReason(id), "stranded");
    }
} // namespace soulspot::testing
