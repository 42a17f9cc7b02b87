// The library index (library_files), the same scenarios on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "db/repositories/TrackRepository.hpp"

namespace soulspot::db
{
    using testing::Backend;

    class LibraryRepositoryTest : public ::testing::TestWithParam<Backend>
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

        static LibraryFileRecord file(const std::string& path, const std::string& title, const std::string& key,
                                      int durationMs, long rank = 100)
        {
            LibraryFileRecord f;
            f.path = path;
            f.sizeBytes = 1000;
            f.mtimeNs = 42;
            f.format = "flac";
            f.title = title;
            f.artist = "Artist";
            f.album = "Album";
            f.albumArtist = "Artist";
            f.durationMs = durationMs;
            f.qualityRank = rank;
            f.matchKey = key;
            return f;
        }
        std::unique_ptr<testing::TestDatabase> holder_;
    };

    TEST_P(LibraryRepositoryTest, UpsertsByPathAndKeepsLinkAndEnrichmentStateOnRescan)
    {
        LibraryRepository repo(db());
        TrackInput in{"Song", {"Artist"}, "Album", 200000, "", "", std::nullopt, std::nullopt, "", ""};
        const auto trackId = *TrackRepository(db()).upsert(in);
        auto row = file("/music/a.flac", "Song", "artist|song", 200000);
        row.trackId = trackId;
        ASSERT_TRUE(repo.upsert(row));
        auto stored = repo.findByPath("/music/a.flac");
        ASSERT_TRUE(stored && *stored);
        EXPECT_EQ((*stored)->trackId, trackId);
        EXPECT_EQ((*stored)->enrichmentState, kEnrichPending);
        ASSERT_TRUE(repo.setEnrichment((*stored)->id, kEnrichNotFound, 1, std::nullopt, std::string("no match")));

        auto rescanned = file("/music/a.flac", "Song (retagged)", "artist|songretagged", 200000);
        rescanned.sizeBytes = 2000; // no track id: a scan does not know it
        ASSERT_TRUE(repo.upsertBatch({rescanned}));
        stored = repo.findByPath("/music/a.flac");
        EXPECT_EQ((*stored)->title, "Song (retagged)");
        EXPECT_EQ((*stored)->sizeBytes, 2000);
        EXPECT_EQ((*stored)->trackId, trackId) << "the link to the wanted track survives a rescan";
        EXPECT_EQ((*stored)->enrichmentState, kEnrichNotFound);

        rescanned.mbRecordingId = "0e1f0001-0000-4000-8000-000000000001";
        ASSERT_TRUE(repo.upsert(rescanned));
        EXPECT_EQ((*repo.findByPath("/music/a.flac"))->enrichmentState, kEnrichDone) << "tagged with an id elsewhere";
    }

    TEST_P(LibraryRepositoryTest, StampsAreFilteredByPrefixAndRemovedPathsDisappear)
    {
        LibraryRepository repo(db());
        ASSERT_TRUE(repo.upsertBatch({file("/music/a.flac", "A", "x|a", 1000), file("/music/b.flac", "B", "x|b", 1000),
                                      file("/music-old/c.flac", "C", "x|c", 1000)}));
        auto stamps = repo.stamps("/music/");
        ASSERT_TRUE(stamps);
        EXPECT_EQ(stamps->size(), 2u);
        EXPECT_EQ(stamps->at("/music/a.flac").sizeBytes, 1000);
        EXPECT_EQ(stamps->at("/music/a.flac").mtimeNs, 42);
        EXPECT_EQ(*repo.removePaths({"/music/a.flac", "/music/nothing.flac"}), 1);
        EXPECT_EQ(repo.stamps("")->size(), 2u);
    }

    TEST_P(LibraryRepositoryTest, SearchIsCaseInsensitiveEscapesWildcardsAndPages)
    {
        LibraryRepository repo(db());
        std::vector<LibraryFileRecord> rows;
        for (int i = 0; i < 5; ++i)
        {
            auto f = file("/m/" + std::to_string(i) + ".flac", "Track " + std::to_string(i), "k|" + std::to_string(i), 1000);
            f.trackNumber = 5 - i;
            rows.push_back(f);
        }
        rows.push_back(file("/m/x.flac", "100% Pure_Love", "k|x", 1000));
        ASSERT_TRUE(repo.upsertBatch(rows));
        auto page = repo.search("TRACK", 2, 1);
        ASSERT_TRUE(page) << page.error().message;
        EXPECT_EQ(page->second, 5);
        ASSERT_EQ(page->first.size(), 2u);
        EXPECT_EQ(page->first[0].trackNumber, 2) << "ordered by track number within the album";
        EXPECT_EQ(repo.search("100%", 10, 0)->second, 1);
        EXPECT_EQ(repo.search("e_l", 10, 0)->second, 1) << "'_' is literal";
        EXPECT_EQ(repo.search("%", 10, 0)->second, 1) << "'%' is literal";
        EXPECT_EQ(repo.search("", 10, 0)->second, 6);
    }

    TEST_P(LibraryRepositoryTest, OwnedByIsrcRecordingIdOrKeyWithinTheLengthTolerance)
    {
        LibraryRepository repo(db());
        auto byIsrc = file("/m/isrc.mp3", "X", "a|x", 100000, 50);
        byIsrc.isrc = "GBAAA9900303";
        auto byKey = file("/m/key.flac", "Y", "a|y", 200000, 900);
        auto byMbid = file("/m/mbid.flac", "Z", "a|z", 300000);
        byMbid.mbRecordingId = "rec-1";
        ASSERT_TRUE(repo.upsertBatch({byIsrc, byKey, byMbid}));
        EXPECT_EQ((*repo.findOwned({"GBAAA9900303", "", "", std::nullopt, 3000}))->path, "/m/isrc.mp3");
        EXPECT_EQ((*repo.findOwned({"", "rec-1", "", std::nullopt, 3000}))->path, "/m/mbid.flac");
        EXPECT_EQ((*repo.findOwned({"", "", "a|y", 202900, 3000}))->path, "/m/key.flac");
        EXPECT_FALSE(*repo.findOwned({"", "", "a|y", 204000, 3000})) << "4 s off is another recording";
        EXPECT_FALSE(*repo.findOwned({"", "", "", std::nullopt, 3000}));
        EXPECT_FALSE(*repo.findOwned({"XX0000000000", "", "b|y", 200000, 3000}));
        EXPECT_FALSE(*repo.findOwned({"ZZAAA0000001", "", "a|x", 100000, 3000})) << "same name, another ISRC: another take";
        EXPECT_EQ((*repo.findOwned({"ZZAAA0000001", "", "a|y", 200000, 3000}))->path, "/m/key.flac") << "no ISRC to contradict";
    }

    TEST_P(LibraryRepositoryTest, StatsDuplicatesAndTheEnrichmentQueue)
    {
        LibraryRepository repo(db());
        auto mp3 = file("/m/song.mp3", "Song", "a|song", 200000, 10);
        mp3.format = "mp3";
        auto flac = file("/m/song.flac", "Song", "a|song", 201000, 900);
        auto other = file("/m/other.flac", "Song", "a|song", 260000); // same name, another length
        ASSERT_TRUE(repo.upsertBatch({mp3, flac, other}));
        auto stats = repo.stats();
        ASSERT_TRUE(stats) << stats.error().message;
        EXPECT_EQ(stats->files, 3);
        EXPECT_EQ(stats->totalBytes, 3000);
        EXPECT_EQ(stats->totalDurationMs, 661000);
        EXPECT_EQ(stats->artists, 1);
        EXPECT_EQ(stats->albums, 1);
        ASSERT_EQ(stats->byFormat.size(), 2u);
        EXPECT_EQ(stats->byFormat[0], (std::pair<std::string, std::int64_t>{"flac", 2}));
        auto candidates = repo.duplicateCandidates();
        ASSERT_TRUE(candidates);
        EXPECT_EQ(candidates->size(), 3u) << "the caller splits by length";

        auto due = repo.pendingEnrichment("2100-01-01T00:00:00.000Z", 10);
        ASSERT_TRUE(due);
        ASSERT_EQ(due->size(), 3u);
        ASSERT_TRUE(repo.setEnrichment((*due)[0].id, kEnrichPending, 1, std::string("2099-01-01T00:00:00.000Z"), std::string("503")));
        EXPECT_EQ(repo.pendingEnrichment("2098-01-01T00:00:00.000Z", 10)->size(), 2u) << "backing off";
        EXPECT_EQ(repo.pendingEnrichment("2100-01-01T00:00:00.000Z", 10)->size(), 3u);
    }

    INSTANTIATE_TEST_SUITE_P(Engines, LibraryRepositoryTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                             testing::backendName);
} // namespace soulspot::db
