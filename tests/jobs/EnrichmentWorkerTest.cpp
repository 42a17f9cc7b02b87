// Enrichment after import: MusicBrainz ids, album artist, totals and a cover written into the file without
// touching the tags it already had; failures back off durably; no confident match is final.
#include <gtest/gtest.h>

#include "LibraryTestBed.hpp"
#include "jobs/EnrichmentWorker.hpp"
#include "library/TagReader.hpp"

namespace soulspot::testing
{
    namespace fs = std::filesystem;
    namespace mb = sources::musicbrainz;

    namespace
    {
        class StubMusicBrainz final : public mb::IMusicBrainzApi
        {
        public:
            core::Result<std::optional<mb::RecordingMatch>> answer = std::optional<mb::RecordingMatch>{};
            std::vector<mb::WantedInfo> asked;

            core::Result<std::vector<mb::Recording>> lookupIsrc(const std::string&) override { return {}; }
            core::Result<std::vector<mb::Recording>> searchRecording(const std::string&, const std::string&,
                                                                     std::optional<int>) override
            {
                return {};
            }
            core::Result<std::optional<mb::Recording>> recording(const std::string&) override { return std::nullopt; }
            core::Result<std::optional<mb::ReleaseDetails>> release(const std::string&) override { return std::nullopt; }
            core::Result<std::vector<mb::ReleaseDetails>> releasesOfGroup(const std::string&) override { return {}; }
            core::Result<std::vector<mb::ReleaseGroupHit>> searchReleaseGroup(const std::string&, const std::string&) override
            {
                return {};
            }
            core::Result<std::optional<mb::RecordingMatch>> identify(const mb::WantedInfo& wanted) override
            {
                asked.push_back(wanted);
                return answer;
            }
        };

        class StubCoverArt final : public sources::coverart::ICoverArtApi
        {
        public:
            std::vector<std::pair<std::string, std::string>> asked; // (release, fallback)
            core::Result<std::optional<sources::coverart::CoverImage>> frontCover(const std::string&, std::size_t) override
            {
                return std::nullopt;
            }
            core::Result<std::optional<sources::coverart::CoverImage>> fetchImage(const std::string&, std::size_t) override
            {
                return std::nullopt;
            }
            core::Result<std::optional<sources::coverart::CoverImage>> coverForRelease(const std::string& release,
                                                                                       const std::string& fallback,
                                                                                       std::size_t) override
            {
                asked.emplace_back(release, fallback);
                return std::optional<sources::coverart::CoverImage>(sources::coverart::CoverImage{fakeJpeg(4096), "image/jpeg", ""});
            }
        };

        mb::RecordingMatch surrenderMatch()
        {
            mb::RecordingMatch m;
            m.recordingId = "0e1f0001-0000-4000-8000-000000000001";
            m.title = "Hey Boy Hey Girl";
            m.artists = {{"The Chemical Brothers", "1f9df192-a621-4f54-8850-2c5373b7eac9", ""}};
            m.artistCredit = "The Chemical Brothers";
            mb::ReleaseInfo r;
            r.id = "5e1e0001-0000-4000-8000-000000000001";
            r.title = "Surrender (MusicBrainz title)";
            r.date = "1999-06-21";
            r.trackNumber = 3;
            r.trackCount = 11;
            r.discNumber = 1;
            r.discCount = 1;
            r.releaseGroupId = "9a1e0001-0000-4000-8000-000000000001";
            r.albumArtist = "The Chemical Brothers";
            r.hasFrontCover = true;
            m.release = r;
            m.source = mb::MatchSource::Isrc;
            m.confidence = 100;
            return m;
        }
    } // namespace

    class EnrichmentTest : public LibraryTestBed
    {
    protected:
        void SetUp() override
        {
            LibraryTestBed::SetUp();
            musicbrainz = std::make_shared<StubMusicBrainz>();
            covers = std::make_shared<StubCoverArt>();
            jobs::EnrichmentSettings settings;
            settings.backoff = {std::chrono::seconds(600)};
            settings.maxAttempts = 2;
            worker = std::make_unique<jobs::EnrichmentWorker>(*database, musicbrainz, covers, tags, settings);
        }

        std::string importOne()
        {
            auto track = wantedTrack();
            auto outcome = step->importDownloaded(download(track, "@@p\\x.flac"), downloaded("x.flac"));
            EXPECT_TRUE(outcome);
            return outcome ? outcome->finalPath : std::string();
        }

        std::shared_ptr<StubMusicBrainz> musicbrainz;
        std::shared_ptr<StubCoverArt> covers;
        std::unique_ptr<jobs::EnrichmentWorker> worker;
    };

    TEST_F(EnrichmentTest, FillsIdsTotalsAndCoverButKeepsExistingTags)
    {
        const auto path = importOne();
        musicbrainz->answer = std::optional<mb::RecordingMatch>(surrenderMatch());
        EXPECT_EQ(worker->runOnce(), 1);
        ASSERT_EQ(musicbrainz->asked.size(), 1u);
        EXPECT_EQ(musicbrainz->asked[0].isrc, "GBAAA9900303") << "the wanted track's ISRC goes first";
        ASSERT_EQ(covers->asked.size(), 1u);
        EXPECT_EQ(covers->asked[0].first, "5e1e0001-0000-4000-8000-000000000001");

        auto read = tags->read(path);
        ASSERT_TRUE(read);
        const auto& m = read->metadata;
        EXPECT_EQ(m.musicBrainzRecordingId, "0e1f0001-0000-4000-8000-000000000001");
        EXPECT_EQ(m.musicBrainzReleaseId, "5e1e0001-0000-4000-8000-000000000001");
        EXPECT_EQ(m.musicBrainzArtistIds, std::vector<std::string>{"1f9df192-a621-4f54-8850-2c5373b7eac9"});
        EXPECT_EQ(m.albumArtist, "The Chemical Brothers");
        EXPECT_EQ(m.trackTotal, 11);
        EXPECT_EQ(m.album, "Surrender") << "the album tag the import wrote is kept";
        EXPECT_TRUE(read->hasFrontCover);

        auto row = db::LibraryRepository(*database).findByPath(path);
        ASSERT_TRUE(row && *row);
        EXPECT_EQ((*row)->enrichmentState, db::kEnrichDone);
        EXPECT_EQ((*row)->mbRecordingId, "0e1f0001-0000-4000-8000-000000000001");
        EXPECT_TRUE((*row)->hasCover);
        EXPECT_EQ(db::LibraryRepository(*database).trackRecordingId(*(*row)->trackId)->value_or(""),
                  "0e1f0001-0000-4000-8000-000000000001");
        EXPECT_EQ(worker->runOnce(), 0) << "nothing left to do";
    }

    TEST_F(EnrichmentTest, FailuresBackOffDurablyThenGiveUp)
    {
        const auto path = importOne();
        musicbrainz->answer = core::fail(core::Error::unavailable("503 from MusicBrainz"));
        EXPECT_EQ(worker->runOnce(), 1);
        auto row = *db::LibraryRepository(*database).findByPath(path);
        EXPECT_EQ(row->enrichmentState, db::kEnrichPending);
        EXPECT_EQ(row->enrichmentAttempts, 1);
        EXPECT_TRUE(row->enrichmentNextAt);
        EXPECT_EQ(worker->runOnce(), 0) << "not due again for ten minutes";

        ASSERT_TRUE(db::LibraryRepository(*database).setEnrichment(row->id, db::kEnrichPending, 1,
                                                                   std::string("2000-01-01T00:00:00.000Z"), std::nullopt));
        EXPECT_EQ(worker->runOnce(), 1);
        EXPECT_EQ((*db::LibraryRepository(*database).findByPath(path))->enrichmentState, db::kEnrichFailed);
    }

    TEST_F(EnrichmentTest, NoConfidentMatchIsFinalButStillEmbedsTheFallbackCover)
    {
        const auto path = importOne();
        EXPECT_EQ(worker->runOnce(), 1);
        EXPECT_EQ((*db::LibraryRepository(*database).findByPath(path))->enrichmentState, db::kEnrichNotFound);
        ASSERT_EQ(covers->asked.size(), 1u);
        EXPECT_EQ(covers->asked[0].first, "") << "no release to ask the archive about";
        EXPECT_TRUE(tags->read(path)->hasFrontCover);
    }

    TEST_F(EnrichmentTest, RunsOnItsThreadWhenWoken)
    {
        musicbrainz->answer = std::optional<mb::RecordingMatch>(surrenderMatch());
        worker->start();
        const auto path = importOne();
        worker->wake();
        for (int i = 0; i < 100; ++i)
        {
            if ((*db::LibraryRepository(*database).findByPath(path))->enrichmentState == db::kEnrichDone)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        worker->stop();
        EXPECT_EQ((*db::LibraryRepository(*database).findByPath(path))->enrichmentState, db::kEnrichDone);
    }
} // namespace soulspot::testing
