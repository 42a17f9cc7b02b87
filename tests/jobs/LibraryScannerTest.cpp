// The library scan on real files: first scan reads everything, a rescan reads only what changed, removed
// files leave the index, unreadable files are counted; plus duplicate grouping and the owned check.
#include <gtest/gtest.h>

#include "LibraryTestBed.hpp"
#include "jobs/DownloadService.hpp"
#include "jobs/LibraryIndexing.hpp"
#include "jobs/LibraryScanner.hpp"
#include "jobs/LibraryService.hpp"

namespace soulspot::testing
{
    namespace fs = std::filesystem;
    using ScannerTest = LibraryTestBed;

    namespace
    {
        void tag(library::ITagStore& tags, const fs::path& file, const std::string& artist, const std::string& title)
        {
            library::TrackMetadata m;
            m.title = title;
            m.artists = {artist};
            m.album = "Album";
            ASSERT_TRUE(tags.write(file, m, {}));
        }
    } // namespace

    TEST_F(ScannerTest, IncrementalBySizeAndMtimeWithRemovalsAndErrors)
    {
        ToneSpec spec;
        spec.seconds = 1;
        fs::create_directories(music / "A" / "B");
        const auto a = makeFlac(music / "A" / "B", "01.flac", spec);
        const auto b = makeMp3(music / "A" / "B", "02.mp3", spec);
        const auto c = makeFlac(music / "A", "03.flac", spec);
        tag(*tags, a, "Artist", "One");
        tag(*tags, b, "Artist", "Two");
        writeFile(music / "broken.mp3", std::string(4096, 'z'));

        jobs::LibraryScanner scanner(*database, {2, 2});
        std::vector<std::string> phases;
        auto first = scanner.scan(music, [&](const jobs::ScanProgress& p) { phases.push_back(p.phase); });
        ASSERT_TRUE(first) << first.error().message;
        EXPECT_EQ(first->filesSeen, 4);
        EXPECT_EQ(first->filesRead, 3);
        EXPECT_EQ(first->errors, 1);
        ASSERT_EQ(first->problems.size(), 1u);
        EXPECT_NE(first->problems[0].find("broken.mp3"), std::string::npos);
        EXPECT_EQ(phases.front(), "walking");
        EXPECT_EQ(phases.back(), "done");

        auto row = db::LibraryRepository(*database).findByPath(fs::weakly_canonical(a).string());
        ASSERT_TRUE(row && *row);
        EXPECT_EQ((*row)->title, "One");
        EXPECT_EQ((*row)->matchKey, jobs::libraryMatchKey("Artist", "One"));
        EXPECT_GT((*row)->durationMs.value_or(0), 900);

        auto second = scanner.scan(music);
        ASSERT_TRUE(second);
        EXPECT_EQ(second->filesSkipped, 3) << "unchanged files are not read again";
        EXPECT_EQ(second->filesRead, 0);

        tag(*tags, b, "Artist", "Two (retagged)");
        fs::last_write_time(b, fs::last_write_time(b) + std::chrono::seconds(5));
        fs::remove(c);
        auto third = scanner.scan(music);
        ASSERT_TRUE(third);
        EXPECT_EQ(third->filesRead, 1);
        EXPECT_EQ(third->filesRemoved, 1);
        EXPECT_EQ((*db::LibraryRepository(*database).findByPath(fs::weakly_canonical(b).string()))->title, "Two (retagged)");
        EXPECT_EQ(db::LibraryRepository(*database).stats()->files, 2);
    }

    TEST_F(ScannerTest, ABadPathIsAnInvalidArgument)
    {
        jobs::LibraryScanner scanner(*database);
        auto r = scanner.scan(music / "missing");
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
    }

    TEST_F(ScannerTest, ServiceRunsOneScanAtATimeAndRefusesPathsOutsideTheLibrary)
    {
        jobs::LibraryService service(*database, music);
        EXPECT_EQ(service.scanProgress().phase, "idle");
        EXPECT_EQ(service.startScan(dir.path()).error().code, core::ErrorCode::InvalidArgument);
        ASSERT_TRUE(service.startScan());
        service.waitForScan();
        EXPECT_EQ(service.scanProgress().phase, "done");
        EXPECT_FALSE(service.scanning());
        EXPECT_TRUE(service.startScan()) << "a finished scan does not block the next";
        service.waitForScan();
    }

    TEST(DuplicateGroups, ShareARecordingIdOrAKeyWithinTheTolerance)
    {
        auto row = [](std::string path, std::string key, int ms, long rank, std::string mbid = {}) {
            db::LibraryFileRecord r;
            r.path = std::move(path);
            r.matchKey = std::move(key);
            r.durationMs = ms;
            r.qualityRank = rank;
            r.mbRecordingId = std::move(mbid);
            return r;
        };
        // Ordered as duplicateCandidates() returns them: by key, then length.
        auto groups = jobs::groupDuplicates({row("/a.mp3", "a|x", 200000, 10), row("/a.flac", "a|x", 201500, 900),
                                             row("/live.flac", "a|x", 260000, 900), row("/y1.mp3", "b|y", 100000, 5, "rec"),
                                             row("/y2.mp3", "c|y", 150000, 7, "rec")},
                                            3000);
        ASSERT_EQ(groups.size(), 2u);
        EXPECT_EQ(groups[0].key, "a|x");
        ASSERT_EQ(groups[0].files.size(), 2u) << "the live version is another recording";
        EXPECT_EQ(groups[0].files[0].path, "/a.flac") << "best quality first";
        EXPECT_EQ(groups[1].key, "rec");
        EXPECT_EQ(groups[1].files.size(), 2u);
    }

    TEST(MatchKey, FoldsCaseAccentsPunctuationAndFeaturedArtists)
    {
        EXPECT_EQ(jobs::libraryMatchKey("Beyoncé feat. Jay-Z", "Crazy In Love"), jobs::libraryMatchKey("BEYONCE", "crazy in love!"));
        EXPECT_EQ(jobs::libraryMatchKey("AC/DC", "T.N.T."), jobs::libraryMatchKey("ACDC", "TNT"));
        EXPECT_NE(jobs::libraryMatchKey("Moby", "Porcelain"), jobs::libraryMatchKey("Moby", "Porcelain (Live)"));
        EXPECT_EQ(jobs::libraryMatchKey("", "Title"), "");
    }

    TEST_F(ScannerTest, AnOwnedTrackIsNotQueuedUnlessForced)
    {
        const auto imported = step->importDownloaded(download(wantedTrack(), "@@p\\x.flac"), downloaded("x.flac"));
        ASSERT_TRUE(imported);
        jobs::DownloadService downloads(*database, nullptr, nullptr);
        // Same song wanted again from another source: no ISRC, different spelling, 2 s longer.
        db::TrackInput again{"Hey Boy, Hey Girl", {"the chemical brothers"}, "", 6000, "", "sp:1", std::nullopt, std::nullopt, "", ""};
        auto owned = downloads.createForTrack(again, 0, std::nullopt, "cid");
        ASSERT_TRUE(owned) << owned.error().message;
        EXPECT_FALSE(owned->created);
        ASSERT_TRUE(owned->ownedPath);
        EXPECT_EQ(*owned->ownedPath, imported->finalPath);
        EXPECT_EQ(owned->download.id, 0);

        auto forced = downloads.createForTrack(again, 0, std::nullopt, "cid", true);
        ASSERT_TRUE(forced);
        EXPECT_TRUE(forced->created);
        EXPECT_FALSE(forced->ownedPath);

        db::TrackInput different{"Hey Boy Hey Girl", {"The Chemical Brothers"}, "", 60000, "", "sp:2", std::nullopt, std::nullopt, "", ""};
        auto notOwned = downloads.createForTrack(different, 0, std::nullopt, "cid");
        ASSERT_TRUE(notOwned);
        EXPECT_TRUE(notOwned->created) << "a minute longer is another recording (an extended mix)";
    }
} // namespace soulspot::testing
