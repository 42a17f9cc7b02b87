// The download queue's repositories, the same scenarios on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "core/Clock.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/KeyValueRepository.hpp"
#include "db/repositories/PeerRepository.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    using testing::Backend;
    using S = core::DownloadStatus;

    class RepositoryTest : public ::testing::TestWithParam<Backend>
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
        std::int64_t track(const std::string& title, const std::string& isrc = {})
        {
            TrackInput in;
            in.title = title;
            in.artists = {"Artist", "Guest"};
            in.album = "Album";
            in.durationMs = 200000;
            in.isrc = isrc;
            return *TrackRepository(db()).upsert(in);
        }
        std::unique_ptr<testing::TestDatabase> holder_;
    };

    TEST_P(RepositoryTest, TracksAreUpsertedOnceByIsrcThenSpotifyIdThenName)
    {
        TrackRepository tracks(db());
        const auto a = track("Song", "USABC1234567");
        EXPECT_EQ(track("Song (other spelling)", "USABC1234567"), a) << "same ISRC, same track";
        TrackInput bySpotify{"Other", {"X"}, "", std::nullopt, "", "sp1", std::nullopt, std::nullopt, "", ""};
        const auto b = *tracks.upsert(bySpotify);
        EXPECT_EQ(*tracks.upsert(bySpotify), b);
        TrackInput byName{"Plain", {"Y"}, "", 1000, "", "", std::nullopt, std::nullopt, "", ""};
        const auto c = *tracks.upsert(byName);
        byName.album = "Filled later";
        EXPECT_EQ(*tracks.upsert(byName), c);
        auto found = tracks.find(c);
        ASSERT_TRUE(found && *found);
        EXPECT_EQ((*found)->album, "Filled later");
        EXPECT_EQ((*found)->durationMs, 1000);
        auto withArtists = tracks.find(a);
        EXPECT_EQ((*withArtists)->artists, (std::vector<std::string>{"Artist", "Guest"}));
        EXPECT_FALSE(tracks.upsert(TrackInput{}));
    }

    TEST_P(RepositoryTest, DownloadQueueOrdersByPriorityThenAgeAndCompareAndSets)
    {
        DownloadRepository downloads(db());
        const auto low = *downloads.create(track("A"), 0, std::nullopt, "cid-1");
        const auto high = *downloads.create(track("B"), 5, std::string("lossless-only"), "cid-2");
        const auto later = *downloads.create(track("C"), 0, std::nullopt, "cid-3");
        auto due = downloads.due(core::toIso8601(std::chrono::system_clock::now() + std::chrono::seconds(1)), 10);
        ASSERT_TRUE(due);
        ASSERT_EQ(due->size(), 3u);
        EXPECT_EQ((*due)[0].id, high);
        EXPECT_EQ((*due)[1].id, low);
        EXPECT_EQ((*due)[2].id, later);
        EXPECT_EQ((*due)[0].qualityProfile, "lossless-only");
        EXPECT_EQ((*due)[0].correlationId, "cid-2");

        EXPECT_TRUE(*downloads.transition(low, {S::Queued}, S::Searching));
        EXPECT_FALSE(*downloads.transition(low, {S::Queued}, S::Searching)) << "a second claim must fail";
        auto d = **downloads.get(low);
        d.status = S::Downloading;
        d.transferId = "t-1";
        d.username = "user";
        d.filename = "@@x\\Music\\A.flac";
        d.progressPercent = 42.5;
        EXPECT_TRUE(*downloads.saveIfStatus(d, S::Searching));
        EXPECT_FALSE(*downloads.saveIfStatus(d, S::Searching)) << "status moved on";
        auto reread = **downloads.get(low);
        EXPECT_EQ(reread.status, S::Downloading);
        EXPECT_EQ(reread.transferId, "t-1");
        EXPECT_DOUBLE_EQ(reread.progressPercent, 42.5);
        EXPECT_EQ(reread.track.title, "A");

        EXPECT_EQ(*downloads.findActiveForTrack(reread.trackId), low);
        EXPECT_EQ(*downloads.count({S::Downloading}), 1);
        EXPECT_EQ(downloads.countByStatus()->at("QUEUED"), 2);
        auto filtered = downloads.list({{S::Queued}, 1, 1});
        ASSERT_EQ(filtered->size(), 1u);
        EXPECT_TRUE(*downloads.transition(low, {S::Downloading}, S::Failed, std::string("rejected"), std::string("peer said no")));
        EXPECT_TRUE(*downloads.requeue(low, {S::Failed}));
        EXPECT_EQ((**downloads.get(low)).status, S::Queued);
        EXPECT_FALSE((**downloads.get(low)).errorCode);
    }

    TEST_P(RepositoryTest, CandidatesAttemptsAndNotFoundRevival)
    {
        DownloadRepository downloads(db());
        const auto id = *downloads.create(track("A"), 0, std::nullopt, "c");
        std::vector<CandidateRecord> cs(2);
        cs[0].rank = 0;
        cs[0].username = "u1";
        cs[0].filename = "f1.flac";
        cs[0].size = 100;
        cs[0].accepted = true;
        cs[0].reasons = {"accepted: title and artist in the path", "FLAC 16/44.1"};
        cs[0].score = 0.9;
        cs[1].rank = 1;
        cs[1].username = "u2";
        cs[1].filename = "f2 (live).mp3";
        cs[1].reasons = {"rejected: live version"};
        ASSERT_TRUE(downloads.replaceCandidates(id, cs));
        auto stored = *downloads.candidates(id);
        ASSERT_EQ(stored.size(), 2u);
        EXPECT_EQ(stored[0].reasons, cs[0].reasons);
        EXPECT_TRUE(stored[0].accepted);
        EXPECT_FALSE(stored[1].accepted);
        ASSERT_TRUE(downloads.markCandidateTried(stored[0].id));
        EXPECT_TRUE((*downloads.candidates(id))[0].tried);

        ASSERT_TRUE(downloads.addAttempt({0, id, "u1", "f1.flac", std::string("t1"), "downloading", {}, {}, "", {}}));
        ASSERT_TRUE(downloads.finishOpenAttempt(id, "failed", std::string("rejected"), std::string("queue full")));
        auto attempts = *downloads.attempts(id);
        ASSERT_EQ(attempts.size(), 1u);
        EXPECT_EQ(attempts[0].outcome, "failed");
        EXPECT_EQ(attempts[0].reasonCode, "rejected");
        EXPECT_TRUE(attempts[0].endedAt);

        auto d = **downloads.get(id);
        d.status = S::NotFound;
        d.nextAttemptAt = core::toIso8601(std::chrono::system_clock::now() - std::chrono::seconds(1));
        ASSERT_TRUE(*downloads.saveIfStatus(d, S::Queued));
        EXPECT_EQ(*downloads.reviveNotFound(core::toIso8601(std::chrono::system_clock::now())), 1);
        EXPECT_EQ((**downloads.get(id)).status, S::Queued);
    }

    TEST_P(RepositoryTest, BlocklistExpiresAndPeerStatsAccumulate)
    {
        PeerRepository peers(db());
        const auto now = std::chrono::system_clock::now();
        ASSERT_TRUE(peers.block("bad", std::nullopt, "manual", std::nullopt));
        ASSERT_TRUE(peers.block("meh", std::string("f.mp3"), "rejected", core::toIso8601(now + std::chrono::hours(1))));
        ASSERT_TRUE(peers.block("old", std::string("g.mp3"), "rejected", core::toIso8601(now - std::chrono::hours(1))));
        ASSERT_TRUE(peers.recordOutcome("meh", false));
        ASSERT_TRUE(peers.recordOutcome("meh", true));
        ASSERT_TRUE(peers.recordOutcome("meh", true));
        auto snap = *peers.snapshot(core::toIso8601(now));
        EXPECT_TRUE(snap.blockedUsers.count("bad"));
        EXPECT_TRUE(snap.blockedFiles.count({"meh", "f.mp3"}));
        EXPECT_FALSE(snap.blockedFiles.count({"old", "g.mp3"})) << "expired";
        EXPECT_EQ(snap.stats["meh"], std::make_pair(2, 1));
        auto list = *peers.blocklist(core::toIso8601(now));
        ASSERT_EQ(list.size(), 2u);
        EXPECT_TRUE(*peers.unblock(list[0].id));
        EXPECT_FALSE(*peers.unblock(list[0].id));
        EXPECT_FALSE(peers.block("", std::nullopt, "x", std::nullopt));
    }

    TEST_P(RepositoryTest, SettingsAndSearchCache)
    {
        SettingsRepository settings(db());
        EXPECT_FALSE(*settings.get("k"));
        ASSERT_TRUE(settings.set("k", "1"));
        ASSERT_TRUE(settings.set("k", "2"));
        EXPECT_EQ(**settings.get("k"), "2");
        ASSERT_TRUE(settings.erase("k"));
        EXPECT_FALSE(*settings.get("k"));

        SearchCacheRepository cache(db());
        ASSERT_TRUE(cache.put("artist title", "[]", 0));
        ASSERT_TRUE(cache.put("artist title", "[{}]", 1));
        auto hit = *cache.get("artist title", "2000-01-01T00:00:00.000Z");
        ASSERT_TRUE(hit);
        EXPECT_EQ(hit->responseCount, 1);
        EXPECT_FALSE(*cache.get("artist title", "2999-01-01T00:00:00.000Z")) << "older than the TTL";
    }

    TEST_P(RepositoryTest, StatusListParsing)
    {
        EXPECT_EQ(*parseStatusList("QUEUED,downloading"), (std::vector<S>{S::Queued, S::Downloading}));
        EXPECT_TRUE(parseStatusList("")->empty());
        EXPECT_FALSE(parseStatusList("QUEUED,BOGUS"));
    }

    INSTANTIATE_TEST_SUITE_P(Backends, RepositoryTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                             testing::backendName);
} // namespace soulspot::db
