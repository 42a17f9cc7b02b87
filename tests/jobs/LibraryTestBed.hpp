#pragma once
// A downloads folder, a music library and a migrated SQLite database in one temporary folder, with real
// audio made by sox/flac/lame (library/AudioFixtures.hpp): what the import step, the scanner and the
// enrichment worker work on.

#include <atomic>
#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "db/repositories/TrackRepository.hpp"
#include "jobs/LibraryFiler.hpp"
#include "jobs/LibraryImportStep.hpp"
#include "library/AudioFixtures.hpp"
#include "library/TagLibTagStore.hpp"

namespace soulspot::testing
{
    class LibraryTestBed : public ::testing::Test
    {
    protected:
        void SetUp() override
        {
            downloads = dir.path() / "downloads";
            music = dir.path() / "music";
            std::filesystem::create_directories(downloads);
            std::filesystem::create_directories(music);
            auto opened = db::Database::open(*db::parseDatabaseUrl("sqlite:///" + (dir.path() / "test.db").string()));
            ASSERT_TRUE(opened) << opened.error().message;
            database = std::move(*opened);
            ASSERT_TRUE(db::Migrator(*database).upgrade());
            tags = std::make_shared<library::TagLibTagStore>();
            filer = std::make_shared<jobs::LibraryFiler>(*database, tags, music, [this] { ++indexed; });
            step = std::make_shared<jobs::LibraryImportStep>(filer, downloads, nullptr);
        }

        /// The wanted track "Hey Boy Hey Girl" (4 s long, as the generated audio is).
        db::TrackRecord wantedTrack(int durationMs = 4000, std::optional<int> disc = 1)
        {
            db::TrackInput in{"Hey Boy Hey Girl", {"The Chemical Brothers"}, "Surrender", durationMs, "GBAAA9900303", "",
                              3, disc, "1999-06-21", ""};
            return trackFrom(in);
        }

        db::TrackRecord trackFrom(const db::TrackInput& in)
        {
            auto id = db::TrackRepository(*database).upsert(in);
            EXPECT_TRUE(id) << (id ? "" : id.error().message);
            return **db::TrackRepository(*database).find(*id);
        }

        /// A download record as the lifecycle hands it over, for `track` from a peer's `peerPath`.
        static db::DownloadRecord download(const db::TrackRecord& track, const std::string& peerPath)
        {
            db::DownloadRecord d;
            d.id = 1;
            d.trackId = track.id;
            d.track = track;
            d.username = "peer";
            d.filename = peerPath;
            return d;
        }

        /// A FLAC (or MP3) in the per-download folder slskd would have used.
        std::filesystem::path downloaded(const std::string& name, bool mp3 = false, double seconds = 4.0)
        {
            const auto folder = downloads / "soulspot-1";
            std::filesystem::create_directories(folder);
            ToneSpec spec;
            spec.seconds = seconds;
            return mp3 ? makeMp3(folder, name, spec, 128) : makeFlac(folder, name, spec);
        }

        TempDir dir;
        std::filesystem::path downloads, music;
        std::unique_ptr<db::Database> database;
        std::shared_ptr<library::TagLibTagStore> tags;
        std::shared_ptr<jobs::LibraryFiler> filer;
        std::shared_ptr<jobs::LibraryImportStep> step;
        std::atomic<int> indexed{0};
    };
} // namespace soulspot::testing
