// Issue 5's storage on SQLite and PostgreSQL: OAuth tokens and pending logins, playlists and their
// membership diff, track state from the newest download; plus the secret box that seals what is stored.
#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "db/SecretBox.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/OAuthRepository.hpp"
#include "db/repositories/PlaylistRepository.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    using testing::Backend;

    class SpotifyRepositoryTest : public ::testing::TestWithParam<Backend>
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
        std::int64_t track(const std::string& title, const std::string& spotifyId)
        {
            TrackInput in;
            in.title = title;
            in.artists = {"Artist"};
            in.spotifyId = spotifyId;
            return *TrackRepository(db()).upsert(in);
        }
        std::unique_ptr<testing::TestDatabase> holder_;
    };

    TEST_P(SpotifyRepositoryTest, TokensAreSavedRefreshedFlaggedAndErased)
    {
        OAuthRepository repo(db());
        EXPECT_FALSE(*repo.find("spotify"));
        OAuthTokenRecord r{"spotify", "sb1:a", "sb1:r", "2030-01-01T00:00:00.000Z", "2029-12-31T23:00:00.000Z",
                           "playlist-read-private user-library-read", "u1", "User One", false, "", "", ""};
        ASSERT_TRUE(repo.saveConnection(r));
        auto found = *repo.find("spotify");
        ASSERT_TRUE(found);
        EXPECT_EQ(found->sealedAccessToken, "sb1:a");
        EXPECT_EQ(found->userDisplayName, "User One");
        EXPECT_FALSE(found->needsReauth);

        ASSERT_TRUE(repo.markNeedsReauth("spotify", "invalid_grant: Refresh token revoked"));
        found = *repo.find("spotify");
        EXPECT_TRUE(found->needsReauth);
        EXPECT_EQ(found->lastError, "invalid_grant: Refresh token revoked");
        EXPECT_EQ(found->sealedRefreshToken, "sb1:r") << "the record is kept, only flagged";

        ASSERT_TRUE(repo.saveConnection(r)) << "a new login replaces the row and clears the flag";
        EXPECT_FALSE((*repo.find("spotify"))->needsReauth);
        ASSERT_TRUE(repo.saveRefreshed("spotify", "sb1:a2", "sb1:r2", "2031-01-01T00:00:00.000Z", "2030-12-31T23:00:00.000Z"));
        found = *repo.find("spotify");
        EXPECT_EQ(found->sealedAccessToken, "sb1:a2");
        EXPECT_EQ(found->sealedRefreshToken, "sb1:r2");
        EXPECT_EQ(found->expiresAt, "2031-01-01T00:00:00.000Z");
        ASSERT_TRUE(repo.erase("spotify"));
        EXPECT_FALSE(*repo.find("spotify"));
    }

    TEST_P(SpotifyRepositoryTest, PendingLoginsAreTakenOnceAndPurged)
    {
        OAuthRepository repo(db());
        ASSERT_TRUE(repo.addPending({"state-1", "spotify", "sb1:v", "2030-01-01T00:00:00.000Z"}));
        ASSERT_TRUE(repo.addPending({"state-old", "spotify", "sb1:v", "2020-01-01T00:00:00.000Z"}));
        auto taken = *repo.takePending("state-1");
        ASSERT_TRUE(taken);
        EXPECT_EQ(taken->sealedVerifier, "sb1:v");
        EXPECT_FALSE(*repo.takePending("state-1")) << "replay";
        EXPECT_EQ(*repo.purgePendingBefore("2025-01-01T00:00:00.000Z"), 1);
        EXPECT_FALSE(*repo.takePending("state-old"));
    }

    TEST_P(SpotifyRepositoryTest, MembershipChangesAreAppliedAndRemovedRowsRevived)
    {
        PlaylistRepository playlists(db());
        PlaylistInput in;
        in.name = "Mix";
        in.spotifyId = "37i9dQZF1DXcBWIGoYBM5M";
        in.autoDownload = true;
        const auto id = *playlists.create(in);
        const auto a = track("A", "sa"), b = track("B", "sb"), c = track("C", "sc");
        ASSERT_TRUE(db().transactionVoid([&](Connection& conn) {
            return playlists.applyChanges(conn, id, {{a, 0, "2024-01-01T00:00:00Z"}, {b, 1, ""}}, {}, {});
        }));
        auto entries = *playlists.entries(id);
        ASSERT_EQ(entries.size(), 2u);
        EXPECT_EQ(entries[0].spotifyId, "sa");

        ASSERT_TRUE(db().transactionVoid([&](Connection& conn) { return playlists.applyChanges(conn, id, {{c, 1, ""}}, {{b, 0}}, {a}); }));
        auto rows = *playlists.tracks(id);
        ASSERT_EQ(rows.size(), 3u);
        EXPECT_EQ(rows[0].track.title, "B");
        EXPECT_EQ(rows[1].track.title, "C");
        EXPECT_EQ(rows[2].track.title, "A") << "removed rows come last";
        EXPECT_FALSE(rows[2].removedAt.empty());
        EXPECT_EQ((*playlists.find(id))->activeTracks, 2);

        ASSERT_TRUE(db().transactionVoid([&](Connection& conn) { return playlists.applyChanges(conn, id, {{a, 2, ""}}, {}, {}); }));
        EXPECT_EQ((*playlists.find(id))->activeTracks, 3) << "a re-added track is revived, not duplicated";

        EXPECT_EQ(*playlists.autoDownloadIds(), std::vector<std::int64_t>{id});
        EXPECT_EQ((*playlists.findBySpotifyId("37i9dQZF1DXcBWIGoYBM5M"))->id, id);
        ASSERT_TRUE(playlists.markSynced(id, "snap-1", 3));
        EXPECT_EQ((*playlists.find(id))->snapshotId, "snap-1");
        EXPECT_TRUE(*playlists.remove(id));
        EXPECT_FALSE(*playlists.find(id));
        EXPECT_TRUE(*TrackRepository(db()).find(a)) << "deleting a playlist keeps its tracks";
    }

    TEST_P(SpotifyRepositoryTest, TrackStateComesFromTheNewestDownload)
    {
        PlaylistRepository playlists(db());
        PlaylistInput liked;
        liked.name = "Liked Songs";
        liked.isLikedSongs = true;
        const auto id = *playlists.create(liked);
        EXPECT_EQ((*playlists.findLikedSongs())->id, id);
        const auto a = track("A", "sa"), b = track("B", "sb");
        ASSERT_TRUE(db().transactionVoid([&](Connection& conn) { return playlists.applyChanges(conn, id, {{a, 0, ""}, {b, 1, ""}}, {}, {}); }));
        DownloadRepository downloads(db());
        const auto first = *downloads.create(a, 0, std::nullopt, "cid");
        ASSERT_TRUE(db().execute("UPDATE downloads SET status = 'FAILED' WHERE id = $1", {first}));
        const auto second = *downloads.create(a, 0, std::nullopt, "cid");
        auto rows = *playlists.tracks(id);
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(rows[0].latestDownloadId, second);
        EXPECT_EQ(rows[0].latestStatus, core::DownloadStatus::Queued);
        EXPECT_FALSE(rows[1].latestStatus);
        EXPECT_EQ(*playlists.tracksNeverQueued({a, b}), std::vector<std::int64_t>{b});
    }

    INSTANTIATE_TEST_SUITE_P(Backends, SpotifyRepositoryTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                             testing::backendName);

    TEST(SecretBox, SealsWithAFreshNonceAndOpensOnlyWithTheSameKey)
    {
        const SecretBox box(SecretBox::randomKey());
        const auto a = box.seal("BQ-access-token");
        const auto b = box.seal("BQ-access-token");
        EXPECT_NE(a, b) << "random nonce per value";
        EXPECT_TRUE(SecretBox::isSealed(a));
        EXPECT_EQ(a.find("BQ-access-token"), std::string::npos);
        EXPECT_EQ(*box.open(a), "BQ-access-token");
        EXPECT_EQ(*box.open(box.seal("")), "");

        const SecretBox other(SecretBox::randomKey());
        auto wrongKey = other.open(a);
        ASSERT_FALSE(wrongKey);
        EXPECT_EQ(wrongKey.error().code, core::ErrorCode::Unauthorized);
        auto tampered = a;
        tampered[10] = tampered[10] == 'A' ? 'B' : 'A';
        EXPECT_FALSE(box.open(tampered));
        EXPECT_FALSE(box.open("plaintext"));
        EXPECT_FALSE(box.open("sb1:###"));
    }

    TEST(SecretBox, APassphraseAlwaysDerivesTheSameKey)
    {
        auto one = SecretBox::fromPassphrase("correct horse battery staple");
        auto two = SecretBox::fromPassphrase("correct horse battery staple");
        ASSERT_TRUE(one && two);
        EXPECT_EQ(*two->open(one->seal("x")), "x");
        EXPECT_FALSE(SecretBox::fromPassphrase(""));
        EXPECT_FALSE(SecretBox::fromPassphrase("another")->open(one->seal("x")));
    }
} // namespace soulspot::db
