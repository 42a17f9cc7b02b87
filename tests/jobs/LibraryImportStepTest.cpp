// The import step on real generated audio: verify → tag → name → move → index, and every way it refuses.
#include <gtest/gtest.h>

#include "LibraryTestBed.hpp"
#include "db/repositories/KeyValueRepository.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::testing
{
    namespace fs = std::filesystem;
    using ImportStepTest = LibraryTestBed;

    TEST_F(ImportStepTest, GoodFileIsTaggedNamedMovedIndexedAndItsFolderPruned)
    {
        const auto track = wantedTrack();
        const auto file = downloaded("01 - hbhg (peer rip).flac");
        auto outcome = step->importDownloaded(download(track, "@@peer\\rips\\01 - hbhg (peer rip).flac"), file);
        ASSERT_TRUE(outcome) << outcome.error().reasonCode << ": " << outcome.error().message;

        const auto expected = music / "The Chemical Brothers" / "Surrender (1999)" / "03 - Hey Boy Hey Girl.flac";
        EXPECT_EQ(fs::path(outcome->finalPath), expected);
        EXPECT_EQ(outcome->detail, "imported");
        EXPECT_TRUE(fs::exists(expected));
        EXPECT_FALSE(fs::exists(file));
        EXPECT_FALSE(fs::exists(downloads / "soulspot-1")) << "the emptied download folder is pruned";
        EXPECT_TRUE(fs::exists(downloads)) << "never the downloads root";

        auto read = tags->read(expected);
        ASSERT_TRUE(read);
        EXPECT_EQ(read->metadata.title, "Hey Boy Hey Girl");
        EXPECT_EQ(read->metadata.artists, std::vector<std::string>{"The Chemical Brothers"});
        EXPECT_EQ(read->metadata.album, "Surrender");
        EXPECT_EQ(read->metadata.trackNumber, 3);
        EXPECT_EQ(read->metadata.discNumber, 1);
        EXPECT_EQ(read->metadata.date, "1999-06-21");
        EXPECT_EQ(read->metadata.isrc, "GBAAA9900303");

        auto row = db::LibraryRepository(*database).findByPath(expected.string());
        ASSERT_TRUE(row && *row);
        EXPECT_EQ((*row)->trackId, track.id);
        EXPECT_EQ((*row)->enrichmentState, db::kEnrichPending) << "queued for MusicBrainz";
        EXPECT_EQ((*row)->format, "flac");
        EXPECT_EQ(indexed.load(), 1) << "the enrichment worker was woken";
        EXPECT_EQ((*db::TrackRepository(*database).find(track.id))->localPath, expected.string());
    }

    struct RejectCase
    {
        std::string name;
        int wantedDurationMs;
        std::function<void(const fs::path&)> damage;
        std::string reason;
    };

    class ImportRejects : public LibraryTestBed, public ::testing::WithParamInterface<RejectCase>
    {
    };

    TEST_P(ImportRejects, BadFileIsDeletedWithItsReasonAndTheSourceBlocked)
    {
        const auto& c = GetParam();
        const auto file = downloaded("01 - song.flac");
        if (c.damage)
            c.damage(file);
        auto outcome = step->importDownloaded(download(wantedTrack(c.wantedDurationMs), "@@p\\01 - song.flac"), file);
        ASSERT_FALSE(outcome);
        EXPECT_EQ(outcome.error().reasonCode, c.reason) << outcome.error().message;
        EXPECT_TRUE(outcome.error().blockSource);
        EXPECT_FALSE(outcome.error().retryLater);
        EXPECT_FALSE(fs::exists(file)) << "a rejected download is removed";
        EXPECT_TRUE(fs::is_empty(music)) << "nothing reached the library";
        EXPECT_EQ(indexed.load(), 0);
    }

    INSTANTIATE_TEST_SUITE_P(
        Verification, ImportRejects,
        ::testing::Values(RejectCase{"Truncated", 4000, [](const fs::path& f) { truncateFile(f, 0.5); }, "truncated"},
                          RejectCase{"DurationOff", 30000, nullptr, "duration_mismatch"},
                          RejectCase{"NotAudio", 4000, [](const fs::path& f) { writeFile(f, std::string(50000, 'x')); },
                                     "not_audio"}),
        [](const auto& info) { return info.param.name; });

    TEST_F(ImportStepTest, HostilePeerNameAndMetadataStayInsideTheLibrary)
    {
        db::TrackInput in{"../../../etc/passwd", {"/root"}, "..", 4000, "", "", 1, 1, "", ""};
        const auto track = trackFrom(in);
        const auto file = downloaded("x.flac");
        ASSERT_TRUE(db::SettingsRepository(*database).set("naming.track_template",
                                                          "{Artist Name}/{Album Title}/{Original Title} {Track Title}"));
        auto outcome = step->importDownloaded(download(track, "@@p\\..\\..\\..\\CON.flac"), file);
        ASSERT_TRUE(outcome) << outcome.error().message;
        EXPECT_TRUE(library::isWithin(music, outcome->finalPath)) << outcome->finalPath;
        EXPECT_TRUE(fs::exists(outcome->finalPath));
        EXPECT_EQ(outcome->finalPath.find(".."), std::string::npos) << outcome->finalPath;
    }

    TEST_F(ImportStepTest, BetterCopyInTheLibraryIsKeptAndTheDownloadDropped)
    {
        const auto track = wantedTrack();
        auto first = step->importDownloaded(download(track, "@@p\\a.flac"), downloaded("a.flac"));
        ASSERT_TRUE(first);
        const auto mp3 = downloaded("b.mp3", true);
        auto second = step->importDownloaded(download(track, "@@p\\b.mp3"), mp3);
        ASSERT_TRUE(second) << second.error().message;
        EXPECT_EQ(second->finalPath, first->finalPath);
        EXPECT_EQ(second->detail, "kept existing better file");
        EXPECT_FALSE(fs::exists(mp3));
        EXPECT_TRUE(fs::exists(first->finalPath));
    }

    TEST_F(ImportStepTest, WorseCopyInTheLibraryIsReplacedAndUnindexed)
    {
        const auto track = wantedTrack();
        auto first = step->importDownloaded(download(track, "@@p\\a.mp3"), downloaded("a.mp3", true));
        ASSERT_TRUE(first);
        auto second = step->importDownloaded(download(track, "@@p\\b.flac"), downloaded("b.flac"));
        ASSERT_TRUE(second) << second.error().message;
        EXPECT_EQ(second->detail, "imported, replacing a worse copy");
        EXPECT_FALSE(fs::exists(first->finalPath));
        EXPECT_TRUE(fs::exists(second->finalPath));
        db::LibraryRepository repo(*database);
        EXPECT_FALSE(*repo.findByPath(first->finalPath)) << "the replaced file left the index";
        EXPECT_TRUE(*repo.findByPath(second->finalPath));
    }

    TEST_F(ImportStepTest, LocalTroubleKeepsTheFileForALaterAttempt)
    {
        // A plain file where the artist folder must go: creating the folder fails like a broken mount would.
        writeFile(music / "The Chemical Brothers", "not a folder");
        const auto file = downloaded("01.flac");
        auto outcome = step->importDownloaded(download(wantedTrack(), "@@p\\01.flac"), file);
        ASSERT_FALSE(outcome);
        EXPECT_TRUE(outcome.error().retryLater) << outcome.error().reasonCode << ": " << outcome.error().message;
        EXPECT_FALSE(outcome.error().blockSource);
        EXPECT_TRUE(fs::exists(file));
    }

    TEST_F(ImportStepTest, UserTemplateAndSecondDiscPickTheirScheme)
    {
        ASSERT_TRUE(db::SettingsRepository(*database).set("naming.multidisc_template",
                                                          "{Artist Name}/{Album Title}/CD{medium}/{track:00} {Track Title}"));
        auto outcome = step->importDownloaded(download(wantedTrack(4000, 2), "@@p\\x.flac"), downloaded("x.flac"));
        ASSERT_TRUE(outcome) << outcome.error().message;
        EXPECT_EQ(fs::path(outcome->finalPath), music / "The Chemical Brothers/Surrender/CD2/03 Hey Boy Hey Girl.flac");
    }
} // namespace soulspot::testing
