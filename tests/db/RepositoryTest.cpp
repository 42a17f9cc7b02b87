// The download queue's repositories, the same scenarios on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "core/Clock.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/DownloadStateStore.hpp"
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

        DownloadStateStore states(db());
        const auto now = core::toIso8601(std::chrono::system_clock::now() + std::chrono::seconds(1));
        const auto until = core::toIso8601(std::chrono::system_clock::now() + std::chrono::minutes(1));
        EXPECT_EQ(*states.claimNext("a", now, until), high) << "priority first";
        EXPECT_EQ(*states.claimNext("b", now, until), low) << "a second claim takes the next row, never the same";
        auto d = **downloads.get(low);
        EXPECT_EQ(d.claimedBy, "b");
        d.status = S::Downloading;
        d.transferId = "t-1";
        d.username = "user";
        d.filename = "@@x\\Music\\A.flac";
        d.progressPercent = 42.5;
        EXPECT_TRUE(*states.save(d, S::Searching, core::TransitionReason::Enqueued));
        EXPECT_FALSE(*states.save(d, S::Searching, core::TransitionReason::Enqueued)) << "status moved on";
        auto reread = **downloads.get(low);
        EXPECT_EQ(reread.status, S::Downloading);
        EXPECT_EQ(reread.transferId, "t-1");
        EXPECT_DOUBLE_EQ(reread.progressPercent, 42.5);
        EXPECT_EQ(reread.track.title, "A");

        EXPECT_EQ(*downloads.findActiveForTrack(reread.trackId), low);
        EXPECT_EQ(*downloads.count({S::Downloading}), 1);
        EXPECT_EQ(downloads.countByStatus()->at("QUEUED"), 1);
        auto filtered = downloads.list({{S::Queued, S::Searching}, 1, 1});
        ASSERT_EQ(filtered->size(), 1u);
        EXPECT_EQ(*states.move(low, {S::Downloading}, S::Failed, core::TransitionReason::RetriesExhausted,
                               std::string("rejected"), std::string("peer said no")),
                  S::Downloading);
        EXPECT_EQ(*states.requeue(low, {S::Failed}, core::TransitionReason::UserRetry), S::Failed);
        EXPECT_EQ((**downloads.get(low)).status, S::Queued);
        EXPECT_FALSE((**downloads.get(low)).errorCode);
    }

    TEST_P(RepositoryTest, OneActiveDownloadPerTrackIsEnforcedByTheDatabase)
    {
        DownloadRepository downloads(db());
        DownloadStateStore states(db());
        const auto t = track("Only once");
        const auto first = *downloads.create(t, 0, std::nullopt, "c1");
        auto second = downloads.create(t, 0, std::nullopt, "c2");
        ASSERT_FALSE(second);
        EXPECT_EQ(second.error().code, core::ErrorCode::Conflict);
        ASSERT_TRUE(*states.move(first, {S::Queued}, S::Cancelled, core::TransitionReason::UserCancelled));
        const auto third = downloads.create(t, 0, std::nullopt, "c3");
        ASSERT_TRUE(third) << "a settled download does not block a new one";
        auto retry = states.requeue(first, {S::Cancelled}, core::TransitionReason::UserRetry);
        ASSERT_FALSE(retry) << "retrying the old one while the new one is active would make two";
        EXPECT_EQ(retry.error().code, core::ErrorCode::Conflict);
        EXPECT_EQ((**downloads.get(first)).status, S::Cancelled) << "the refused retry left nothing half-written";
    }

    TEST_P(RepositoryTest, IllegalTransitionsAreRefusedAndLeasesDecideWhoOwnsARow)
    {
        DownloadRepository downloads(db());
        DownloadStateStore states(db());
        const auto id = *downloads.create(track("Leased"), 0, std::nullopt, "c");
        EXPECT_FALSE(*states.move(id, {S::Queued}, S::Imported, core::TransitionReason::Imported)) << "not on the road";
        EXPECT_EQ((**downloads.get(id)).status, S::Queued);

        const auto t0 = std::chrono::system_clock::now();
        const auto iso = [&](int s) { return core::toIso8601(t0 + std::chrono::seconds(s)); };
        ASSERT_EQ(*states.claimNext("one", iso(0), iso(60)), id);
        EXPECT_TRUE(states.takeStrandedSearches("two", iso(30), iso(90), DownloadStateStore::Stranded::LeaseExpired)->empty())
            << "a live lease is left alone";
        ASSERT_TRUE(states.renewLeases("one", {id}, iso(120)));
        EXPECT_TRUE(states.takeStrandedSearches("two", iso(100), iso(160), DownloadStateStore::Stranded::LeaseExpired)->empty());
        auto taken = *states.takeStrandedSearches("two", iso(130), iso(190), DownloadStateStore::Stranded::LeaseExpired);
        ASSERT_EQ(taken, std::vector<std::int64_t>{id}) << "the owner stopped renewing: another instance takes it";
        EXPECT_TRUE(states.takeStrandedSearches("three", iso(131), iso(191), DownloadStateStore::Stranded::LeaseExpired)->empty())
            << "exactly one watchdog takes a stranded row";
        EXPECT_EQ((**downloads.get(id)).claimedBy, "two");
        // The old owner wakes up and writes what it read before the takeover: refused, so the work is not
        // done twice; the new owner's write goes through.
        auto stale = **downloads.get(id);
        stale.claimedBy = "one";
        stale.status = S::Downloading;
        stale.transferId = "t-old";
        EXPECT_FALSE(*states.save(stale, S::Searching, core::TransitionReason::Enqueued)) << "a lost lease writes nothing";
        auto current = **downloads.get(id);
        EXPECT_EQ(current.status, S::Searching);
        current.searchQuery = "by two";
        EXPECT_TRUE(*states.save(current, S::Searching, core::TransitionReason::Saved));
        ASSERT_TRUE(states.setWaiting(id, std::string("slskd")));
        EXPECT_EQ((**downloads.get(id)).waitingFor, "slskd");
        ASSERT_TRUE(*states.move(id, {S::Searching}, S::Queued, core::TransitionReason::Stranded));
        auto back = **downloads.get(id);
        EXPECT_FALSE(back.claimedBy) << "leaving an owned status clears the lease";
        EXPECT_FALSE(back.waitingFor);
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

        DownloadStateStore states(db());
        auto d = **downloads.get(id);
        d.status = S::NotFound;
        d.nextAttemptAt = core::toIso8601(std::chrono::system_clock::now() - std::chrono::seconds(1));
        EXPECT_FALSE(*states.save(d, S::Queued, core::TransitionReason::NoMatch))
            << "QUEUED -> NOT_FOUND is not on the road: only a completed search may say nothing exists";
        ASSERT_TRUE(*states.move(id, {S::Queued}, S::Searching, core::TransitionReason::Claimed));
        ASSERT_TRUE(*states.save(d, S::Searching, core::TransitionReason::NoMatch));
        EXPECT_EQ(*states.reviveNotFound(core::toIso8601(std::chrono::system_clock::now())), 1);
        EXPECT_EQ((**downloads.get(id)).status, S::Queued);
        auto events = *states.events(id);
        ASSERT_EQ(events.size(), 3u);
        EXPECT_EQ(events[1].reason, "no_match");
        EXPECT_EQ(events[2].toStatus, "QUEUED");
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
