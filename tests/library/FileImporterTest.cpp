#include "library/FileImporter.hpp"

#include <map>

#include <gtest/gtest.h>

#include "library/AudioFixtures.hpp"
#include "library/PathSanitizer.hpp"
#include "library/TagLibTagStore.hpp"
#include "library/TagWriter.hpp"

namespace soulspot::library
{
    namespace
    {
        // Tags keyed by file content, so they follow a file when it is renamed.
        class FakeTagStore final : public ITagStore
        {
        public:
            std::map<std::string, FileTags> byContent;

            core::Result<FileTags> read(const std::filesystem::path& file) const override
            {
                const auto it = byContent.find(testing::readFile(file));
                if (it == byContent.end())
                    return core::fail(core::Error::parse("not audio"));
                return it->second;
            }
            core::Result<TagWriteReport> write(const std::filesystem::path&, const TrackMetadata&,
                                               const TagWriteOptions&) override
            {
                return TagWriteReport{};
            }
        };

        FileTags tagsFor(std::string recordingId, std::string title, int kbps, bool lossless, int durationMs = 200000)
        {
            FileTags t;
            t.metadata.musicBrainzRecordingId = std::move(recordingId);
            t.metadata.title = std::move(title);
            t.audio.codec = lossless ? "FLAC" : "MP3";
            t.audio.lossless = lossless;
            t.audio.bitrateKbps = kbps;
            t.audio.bitsPerSample = lossless ? 16 : 0;
            t.audio.sampleRate = 44100;
            t.audio.durationMs = durationMs;
            return t;
        }

        struct CollisionCase
        {
            std::string name;
            std::string existingExtension; // "" = nothing there
            FileTags existing;
            FileTags incoming;
            ImportOutcome expected;
            std::string expectedFileName;
        };

        std::ostream& operator<<(std::ostream& os, const CollisionCase& c) { return os << c.name; }

        const std::string kRel = "Artist/Album (2020)/01 - Song.mp3";
    } // namespace

    class ImportCollisions : public ::testing::TestWithParam<CollisionCase>
    {
    };

    TEST_P(ImportCollisions, ResolveByQualityOrSuffix)
    {
        const auto& c = GetParam();
        testing::TempDir downloads, library;
        FakeTagStore store;
        const auto source = downloads.path() / "incoming.mp3";
        testing::writeFile(source, "incoming-bytes");
        store.byContent["incoming-bytes"] = c.incoming;
        std::filesystem::path existingPath;
        if (!c.existingExtension.empty())
        {
            existingPath = library.path() / "Artist/Album (2020)" / ("01 - Song" + c.existingExtension);
            std::filesystem::create_directories(existingPath.parent_path());
            testing::writeFile(existingPath, "existing-bytes");
            store.byContent["existing-bytes"] = c.existing;
        }

        const auto result = FileImporter(store).import(source, library.path(), kRel);
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_EQ(result->outcome, c.expected);
        EXPECT_EQ(result->finalPath.filename().string(), c.expectedFileName);
        switch (c.expected)
        {
        case ImportOutcome::KeptExisting:
            EXPECT_TRUE(std::filesystem::exists(source)) << "caller decides what to do with the worse download";
            EXPECT_EQ(testing::readFile(existingPath), "existing-bytes");
            break;
        case ImportOutcome::ReplacedWorse:
            EXPECT_EQ(testing::readFile(result->finalPath), "incoming-bytes");
            if (existingPath != result->finalPath)
            {
                EXPECT_FALSE(std::filesystem::exists(existingPath));
            }
            break;
        case ImportOutcome::ImportedWithSuffix:
            EXPECT_EQ(testing::readFile(existingPath), "existing-bytes");
            [[fallthrough]];
        case ImportOutcome::Imported:
            EXPECT_EQ(testing::readFile(result->finalPath), "incoming-bytes");
            EXPECT_FALSE(std::filesystem::exists(source));
            break;
        }
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, ImportCollisions,
        ::testing::Values(
            CollisionCase{"NothingThere", "", {}, tagsFor("r1", "Song", 320, false), ImportOutcome::Imported,
                          "01 - Song.mp3"},
            CollisionCase{"SameRecordingBetterIncoming", ".mp3", tagsFor("r1", "Song", 128, false),
                          tagsFor("r1", "Song", 320, false), ImportOutcome::ReplacedWorse, "01 - Song.mp3"},
            CollisionCase{"SameRecordingWorseIncoming", ".mp3", tagsFor("r1", "Song", 320, false),
                          tagsFor("r1", "Song", 192, false), ImportOutcome::KeptExisting, "01 - Song.mp3"},
            CollisionCase{"SameRecordingEqualKeepsExisting", ".mp3", tagsFor("r1", "Song", 320, false),
                          tagsFor("r1", "Song", 320, false), ImportOutcome::KeptExisting, "01 - Song.mp3"},
            CollisionCase{"LosslessAlreadyThere", ".flac", tagsFor("r1", "Song", 900, true),
                          tagsFor("r1", "Song", 320, false), ImportOutcome::KeptExisting, "01 - Song.flac"},
            CollisionCase{"ReplacesLossySiblingWithOtherExtension", ".m4a", tagsFor("", "Song", 128, false),
                          tagsFor("", "song", 320, false, 201000), ImportOutcome::ReplacedWorse, "01 - Song.mp3"},
            CollisionCase{"DifferentRecordingGetsSuffix", ".mp3", tagsFor("r2", "Song", 320, false),
                          tagsFor("r1", "Song", 320, false), ImportOutcome::ImportedWithSuffix, "01 - Song (2).mp3"},
            CollisionCase{"SameTitleDifferentLengthGetsSuffix", ".mp3", tagsFor("", "Song", 128, false, 100000),
                          tagsFor("", "Song", 320, false, 200000), ImportOutcome::ImportedWithSuffix,
                          "01 - Song (2).mp3"}),
        [](const auto& info) { return info.param.name; });

    TEST(FileImporter, SecondSuffixWhenTheFirstIsTaken)
    {
        testing::TempDir downloads, library;
        FakeTagStore store;
        const auto dir = library.path() / "Artist/Album (2020)";
        std::filesystem::create_directories(dir);
        testing::writeFile(dir / "01 - Song.mp3", "a");
        testing::writeFile(dir / "01 - Song (2).mp3", "b");
        testing::writeFile(downloads.path() / "in.mp3", "c");
        store.byContent["a"] = tagsFor("r1", "Song", 320, false);
        store.byContent["b"] = tagsFor("r2", "Song", 320, false);
        store.byContent["c"] = tagsFor("r3", "Song", 320, false);
        const auto result = FileImporter(store).import(downloads.path() / "in.mp3", library.path(), kRel);
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_EQ(result->finalPath.filename(), "01 - Song (3).mp3");
    }

    TEST(FileImporter, HostileRelativePathStaysInsideTheLibrary)
    {
        testing::TempDir downloads, library;
        FakeTagStore store;
        testing::writeFile(downloads.path() / "in.mp3", "x");
        store.byContent["x"] = tagsFor("r1", "Song", 320, false);
        const auto result = FileImporter(store).import(downloads.path() / "in.mp3", library.path(), "../../../tmp/evil.mp3");
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_TRUE(isWithin(library.path(), result->finalPath));
        EXPECT_EQ(result->finalPath.lexically_relative(library.path()), "_/_/_/tmp/evil.mp3");
    }

    TEST(FileImporter, RealFilesFlacReplacesMp3OfTheSameRecording)
    {
        testing::TempDir downloads, library;
        TrackMetadata m;
        m.title = "Song";
        m.musicBrainzRecordingId = "rec-1";
        const testing::ToneSpec spec{2.0, 44100, 2, 16, "pinknoise"};
        const auto mp3 = testing::makeMp3(downloads.path(), "a.mp3", spec, 128);
        const auto flac = testing::makeFlac(downloads.path(), "b.flac", spec);
        ASSERT_TRUE(writeFileTags(mp3, m));
        ASSERT_TRUE(writeFileTags(flac, m));
        TagLibTagStore store;
        FileImporter importer(store);
        const auto first = importer.import(mp3, library.path(), "A/B/01 - Song.mp3");
        ASSERT_TRUE(first) << first.error().message;
        EXPECT_EQ(first->outcome, ImportOutcome::Imported);
        const auto second = importer.import(flac, library.path(), "A/B/01 - Song.flac");
        ASSERT_TRUE(second) << second.error().message;
        EXPECT_EQ(second->outcome, ImportOutcome::ReplacedWorse);
        EXPECT_FALSE(std::filesystem::exists(first->finalPath));
        EXPECT_TRUE(std::filesystem::exists(library.path() / "A/B/01 - Song.flac"));
    }
} // namespace soulspot::library
