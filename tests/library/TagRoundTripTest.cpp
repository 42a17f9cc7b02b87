// Tags written through TagWriter and read back through TagReader, on real files generated per format.
#include <functional>

#include <gtest/gtest.h>

#include "library/AudioFixtures.hpp"
#include "library/TagLibTagStore.hpp"
#include "library/TagReader.hpp"
#include "library/TagWriter.hpp"

namespace soulspot::library
{
    namespace
    {
        using Maker = std::function<std::optional<std::filesystem::path>(const std::filesystem::path&)>;

        struct FormatCase
        {
            std::string name;
            AudioFormat format;
            Maker make;
        };

        std::ostream& operator<<(std::ostream& os, const FormatCase& c) { return os << c.name; }

        TrackMetadata fullMetadata()
        {
            TrackMetadata m;
            m.title = "Fjögur píanó";
            m.artists = {"Sigur Rós", "Guest"};
            m.artistCredit = "Sigur Rós feat. Guest";
            m.albumArtist = "Sigur Rós";
            m.album = "Valtari";
            m.trackNumber = 3;
            m.trackTotal = 8;
            m.discNumber = 1;
            m.discTotal = 2;
            m.date = "2012-05-28";
            m.originalDate = "2012";
            m.genre = "Post-Rock";
            m.isrc = "GBAYE1200123";
            m.musicBrainzRecordingId = "5f3c1b2a-1111-4c1a-9d1e-000000000001";
            m.musicBrainzReleaseTrackId = "5f3c1b2a-1111-4c1a-9d1e-000000000002";
            m.musicBrainzReleaseId = "5f3c1b2a-1111-4c1a-9d1e-000000000003";
            m.musicBrainzReleaseGroupId = "5f3c1b2a-1111-4c1a-9d1e-000000000004";
            m.musicBrainzArtistIds = {"5f3c1b2a-1111-4c1a-9d1e-000000000005", "5f3c1b2a-1111-4c1a-9d1e-000000000006"};
            m.musicBrainzAlbumArtistId = "5f3c1b2a-1111-4c1a-9d1e-000000000005";
            m.frontCover = CoverImage{testing::fakeJpeg(4096), ""};
            return m;
        }

        const testing::ToneSpec kShort{2.0, 44100, 2, 16, "pinknoise"};
    } // namespace

    class TagRoundTrip : public ::testing::TestWithParam<FormatCase>
    {
    protected:
        std::filesystem::path makeOrSkip()
        {
            auto file = GetParam().make(dir_.path());
            if (!file)
                return {};
            return *file;
        }
        testing::TempDir dir_;
    };

    TEST_P(TagRoundTrip, WritesEveryFieldAndReadsItBack)
    {
        const auto file = makeOrSkip();
        if (file.empty())
            GTEST_SKIP() << GetParam().name << ": no installed tool can generate this format (sox lacks it)";
        const auto written = writeFileTags(file, fullMetadata());
        ASSERT_TRUE(written) << written.error().message;
        EXPECT_TRUE(written->coverEmbedded);
        EXPECT_TRUE(written->warnings.empty()) << written->warnings.front();

        TagLibTagStore store;
        const auto tags = store.read(file);
        ASSERT_TRUE(tags) << tags.error().message;
        const auto& m = tags->metadata;
        EXPECT_EQ(tags->audio.format, GetParam().format);
        EXPECT_NEAR(tags->audio.durationMs, 2000, 100);
        EXPECT_EQ(m.title, "Fjögur píanó");
        EXPECT_EQ(m.artistCredit, "Sigur Rós feat. Guest");
        EXPECT_EQ(m.artists, (std::vector<std::string>{"Sigur Rós", "Guest"}));
        EXPECT_EQ(m.albumArtist, "Sigur Rós");
        EXPECT_EQ(m.album, "Valtari");
        EXPECT_EQ(m.trackNumber, 3);
        EXPECT_EQ(m.trackTotal, 8);
        EXPECT_EQ(m.discNumber, 1);
        EXPECT_EQ(m.discTotal, 2);
        EXPECT_EQ(m.date.substr(0, 10), "2012-05-28");
        EXPECT_EQ(m.genre, "Post-Rock");
        EXPECT_EQ(m.isrc, "GBAYE1200123");
        EXPECT_EQ(m.musicBrainzRecordingId, fullMetadata().musicBrainzRecordingId);
        EXPECT_EQ(m.musicBrainzReleaseTrackId, fullMetadata().musicBrainzReleaseTrackId);
        EXPECT_EQ(m.musicBrainzReleaseId, fullMetadata().musicBrainzReleaseId);
        EXPECT_EQ(m.musicBrainzReleaseGroupId, fullMetadata().musicBrainzReleaseGroupId);
        EXPECT_EQ(m.musicBrainzArtistIds, fullMetadata().musicBrainzArtistIds);
        EXPECT_EQ(m.musicBrainzAlbumArtistId, fullMetadata().musicBrainzAlbumArtistId);
        EXPECT_TRUE(tags->hasFrontCover);

        const auto cover = readFrontCover(file);
        ASSERT_TRUE(cover && cover->has_value());
        EXPECT_EQ((*cover)->bytes, testing::fakeJpeg(4096));
        EXPECT_EQ((*cover)->mimeType, "image/jpeg");
    }

    TEST_P(TagRoundTrip, KeepsExistingFieldsWeHaveNoValueFor)
    {
        const auto file = makeOrSkip();
        if (file.empty())
            GTEST_SKIP() << GetParam().name << ": no installed tool can generate this format";
        TrackMetadata first = fullMetadata();
        first.frontCover = CoverImage{testing::fakePng(1000), "image/png"};
        ASSERT_TRUE(writeFileTags(file, first));

        TrackMetadata second; // a later, sparser write: only the title is known
        second.title = "New Title";
        ASSERT_TRUE(writeFileTags(file, second));
        const auto tags = readFileTags(file);
        ASSERT_TRUE(tags);
        EXPECT_EQ(tags->metadata.title, "New Title");
        EXPECT_EQ(tags->metadata.genre, "Post-Rock");
        EXPECT_EQ(tags->metadata.isrc, "GBAYE1200123");
        EXPECT_EQ(tags->metadata.trackNumber, 3);
        EXPECT_EQ((*readFrontCover(file))->mimeType, "image/png") << "cover kept when none is given";

        TrackMetadata fill; // fill-missing mode never overwrites
        fill.title = "Should Not Win";
        fill.frontCover = CoverImage{testing::fakeJpeg(), ""};
        ASSERT_TRUE(writeFileTags(file, fill, TagWriteOptions{4 << 20, false}));
        EXPECT_EQ(readFileTags(file)->metadata.title, "New Title");
        EXPECT_EQ((*readFrontCover(file))->mimeType, "image/png");
    }

    TEST_P(TagRoundTrip, OversizedOrNonImageCoverIsSkippedWithAWarning)
    {
        const auto file = makeOrSkip();
        if (file.empty())
            GTEST_SKIP() << GetParam().name << ": no installed tool can generate this format";
        TrackMetadata m;
        m.title = "x";
        m.frontCover = CoverImage{testing::fakeJpeg(64 * 1024), ""};
        auto big = writeFileTags(file, m, TagWriteOptions{32 * 1024, true});
        ASSERT_TRUE(big);
        EXPECT_FALSE(big->coverEmbedded);
        ASSERT_EQ(big->warnings.size(), 1u);
        EXPECT_NE(big->warnings[0].find("exceeds the cap"), std::string::npos);

        m.frontCover = CoverImage{"GIF89a not allowed", ""};
        auto gif = writeFileTags(file, m);
        ASSERT_TRUE(gif);
        EXPECT_FALSE(gif->coverEmbedded);
        EXPECT_FALSE(readFileTags(file)->hasFrontCover);
    }

    INSTANTIATE_TEST_SUITE_P(
        Formats, TagRoundTrip,
        ::testing::Values(
            FormatCase{"mp3", AudioFormat::Mp3, [](const auto& d) { return std::optional(testing::makeMp3(d, "t.mp3", kShort)); }},
            FormatCase{"flac", AudioFormat::Flac, [](const auto& d) { return std::optional(testing::makeFlac(d, "t.flac", kShort)); }},
            FormatCase{"ogg", AudioFormat::OggVorbis,
                       [](const auto& d) { return std::optional(testing::makeOggVorbis(d, "t.ogg", kShort)); }},
            FormatCase{"opus", AudioFormat::Opus, [](const auto& d) { return testing::makeOpus(d, "t.opus", kShort); }},
            FormatCase{"m4a", AudioFormat::Mp4, [](const auto& d) { return testing::makeM4a(d, "t.m4a", kShort); }}),
        [](const auto& info) { return info.param.name; });

    TEST(Mp3Tagging, WritesId3v24OnlyWithPicardCasedMusicBrainzFrames)
    {
        testing::TempDir dir;
        const auto file = testing::makeMp3(dir.path(), "t.mp3", kShort);
        ASSERT_TRUE(writeFileTags(file, fullMetadata()));
        const auto bytes = testing::readFile(file);
        ASSERT_GE(bytes.size(), 128u);
        EXPECT_EQ(bytes.substr(0, 4), std::string("ID3\x04", 4)) << "ID3v2.4 header";
        EXPECT_NE(bytes.substr(bytes.size() - 128, 3), "TAG") << "no truncating ID3v1 copy";
        EXPECT_NE(bytes.find("MusicBrainz Album Id"), std::string::npos);
        EXPECT_EQ(bytes.find("MUSICBRAINZ ALBUM ID"), std::string::npos);
        EXPECT_NE(bytes.find("http://musicbrainz.org"), std::string::npos) << "recording id in UFID";
    }

    TEST(VorbisTagging, WritesTotalsAsSeparateFields)
    {
        testing::TempDir dir;
        const auto file = testing::makeFlac(dir.path(), "t.flac", kShort);
        ASSERT_TRUE(writeFileTags(file, fullMetadata()));
        const auto bytes = testing::readFile(file);
        EXPECT_NE(bytes.find("TRACKNUMBER=3"), std::string::npos);
        EXPECT_EQ(bytes.find("TRACKNUMBER=3/8"), std::string::npos);
        EXPECT_NE(bytes.find("TRACKTOTAL=8"), std::string::npos);
        EXPECT_NE(bytes.find("DISCTOTAL=2"), std::string::npos);
    }

    TEST(TagReader, ReportsAudioPropertiesAndRejectsNonAudio)
    {
        testing::TempDir dir;
        const auto flac = testing::makeFlac(dir.path(), "hi.flac", {1.0, 96000, 2, 24, "pinknoise"});
        const auto tags = readFileTags(flac);
        ASSERT_TRUE(tags) << tags.error().message;
        EXPECT_EQ(tags->audio.codec, "FLAC");
        EXPECT_TRUE(tags->audio.lossless);
        EXPECT_EQ(tags->audio.bitsPerSample, 24);
        EXPECT_EQ(tags->audio.sampleRate, 96000);
        EXPECT_EQ(tags->audio.channels, 2);
        EXPECT_EQ(tags->sizeBytes, std::filesystem::file_size(flac));
        EXPECT_EQ(qualityTitle(tags->audio), "FLAC 24bit");

        testing::writeFile(dir.path() / "fake.mp3", std::string(5000, 'x'));
        const auto fake = readFileTags(dir.path() / "fake.mp3");
        ASSERT_FALSE(fake);
        EXPECT_EQ(fake.error().code, core::ErrorCode::ParseError);
        EXPECT_EQ(readFileTags(dir.path() / "missing.flac").error().code, core::ErrorCode::NotFound);
    }
} // namespace soulspot::library
