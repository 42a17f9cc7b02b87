// Wanted lists from files into the database: good rows become a playlist, bad ones are reported by line,
// duplicates collapse, known tracks are reused, auto-download queues the missing ones.
#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "jobs/DownloadService.hpp"
#include "jobs/PlaylistCatalog.hpp"
#include "jobs/PlaylistImportService.hpp"

namespace soulspot::jobs::test
{
    using testing::Backend;

    class PlaylistFileImport : public ::testing::TestWithParam<Backend>
    {
    protected:
        void SetUp() override
        {
            holder = std::make_unique<testing::TestDatabase>(GetParam());
            if (!holder->available())
                GTEST_SKIP() << "SOULSPOT_TEST_PG_DSN not set";
            ASSERT_TRUE(db::Migrator(holder->db()).upgrade());
            downloads = std::make_shared<DownloadService>(holder->db(), nullptr, nullptr);
            importer = std::make_unique<PlaylistImportService>(holder->db(), downloads);
        }
        std::int64_t count(const std::string& sql) { return holder->db().execute(sql)->front().getInt(0); }
        std::unique_ptr<testing::TestDatabase> holder;
        std::shared_ptr<DownloadService> downloads;
        std::unique_ptr<PlaylistImportService> importer;
    };

    TEST_P(PlaylistFileImport, ExportifyCsvWithBadRowsImportsTheGoodOnesAndNamesTheBadLines)
    {
        const std::string csv =
            "\"Track URI\",\"Track Name\",\"Album Name\",\"Artist Name(s)\",\"Duration (ms)\",\"ISRC\"\n"
            "\"spotify:track:11dFghVXANMlKmJXsNCbNl\",\"Cut To The Feeling\",\"Cut\",\"Carly Rae Jepsen\",\"207959\",\"USUM71703861\"\n"
            "\"\",\"\",\"No title\",\"Somebody\",\"1000\",\"\"\n"
            "\"spotify:track:0000000000000000000001\",\"Teardrop\",\"Mezzanine\",\"Massive Attack\",\"330000\",\"\"\n"
            "\"\",\"Duplicate\",\"\",\"Band\",\"x\",\"\"\n"
            "\"spotify:track:11dFghVXANMlKmJXsNCbNl\",\"Cut To The Feeling\",\"Cut\",\"Carly Rae Jepsen\",\"207959\",\"USUM71703861\"\n";
        auto r = importer->importFile(csv, "Road Trip.csv", "", true, "cid");
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->format, "csv");
        ASSERT_TRUE(r->playlistId);
        EXPECT_EQ(r->imported, 2) << "the repeated row is the same track";
        EXPECT_EQ(r->queued, 2);
        ASSERT_EQ(r->errors.size(), 2u);
        EXPECT_EQ(r->errors[0].lineNumber, 3);
        EXPECT_EQ(r->errors[1].lineNumber, 5);

        PlaylistCatalog catalog(holder->db(), downloads);
        auto detail = catalog.detail(*r->playlistId);
        ASSERT_TRUE(detail);
        EXPECT_EQ(detail->playlist.name, "Road Trip");
        EXPECT_EQ(detail->playlist.source, "file");
        ASSERT_EQ(detail->tracks.size(), 2u);
        EXPECT_EQ(detail->tracks[0].track.isrc, "USUM71703861");
        EXPECT_EQ(detail->tracks[1].track.spotifyId, "0000000000000000000001");
        EXPECT_EQ(detail->stateCounts.at("queued"), 2);

        auto again = importer->importFile(csv, "Road Trip.csv", "Second copy", true, "cid");
        ASSERT_TRUE(again);
        EXPECT_NE(*again->playlistId, *r->playlistId);
        EXPECT_EQ(again->queued, 0) << "tracks already queued are not queued twice";
        EXPECT_EQ(count("SELECT COUNT(*) FROM tracks"), 2);
    }

    TEST_P(PlaylistFileImport, M3uAndPlainLinesAreWantedListsToo)
    {
        auto m3u = importer->importFile("#EXTM3U\n#EXTINF:330,Massive Attack - Teardrop\n/music/teardrop.mp3\n"
                                        "#EXTINF:200,Blur - Song 2\nsong2.flac\n",
                                        "mix.m3u8", "", false, "cid");
        ASSERT_TRUE(m3u) << m3u.error().message;
        EXPECT_EQ(m3u->format, "m3u");
        EXPECT_EQ(m3u->imported, 2);
        EXPECT_EQ(m3u->queued, 0);

        auto plain = importer->importFile("Massive Attack - Teardrop\nnot a track line\nPortishead - Roads\n", "wanted.txt", "Wants",
                                          false, "cid");
        ASSERT_TRUE(plain) << plain.error().message;
        EXPECT_EQ(plain->format, "plain");
        EXPECT_EQ(plain->imported, 2);
        ASSERT_EQ(plain->errors.size(), 1u);
        EXPECT_EQ(plain->errors[0].lineNumber, 2);
        EXPECT_EQ(count("SELECT COUNT(*) FROM tracks"), 3) << "Teardrop is stored once";
        EXPECT_EQ(count("SELECT COUNT(*) FROM downloads"), 0);
    }

    TEST_P(PlaylistFileImport, EmptyOrColumnlessFilesAreRefusedWhole)
    {
        for (const char* content : {"", "Foo,Bar\n1,2\n"})
        {
            auto r = importer->importFile(content, "x.csv", "", false, "cid");
            ASSERT_FALSE(r) << content;
            EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
        }
        auto allBad = importer->importFile("just words\nmore words\n", "x.txt", "", false, "cid");
        ASSERT_TRUE(allBad);
        EXPECT_FALSE(allBad->playlistId) << "no empty playlist is created";
        EXPECT_EQ(allBad->errors.size(), 2u);
        EXPECT_EQ(count("SELECT COUNT(*) FROM playlists"), 0);
    }

    INSTANTIATE_TEST_SUITE_P(Backends, PlaylistFileImport, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                             testing::backendName);
} // namespace soulspot::jobs::test
