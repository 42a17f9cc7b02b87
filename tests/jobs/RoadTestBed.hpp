#pragma once
// The download road in one process: a migrated SQLite database, the in-process slskd fake, a hand-moved
// clock and the real lifecycle, album road and transfer monitor on top. Steps are called by the test one
// at a time, so every transition can be driven and checked.

#include <filesystem>
#include <memory>

#include <gtest/gtest.h>

#include "FakeSlskdApi.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/DownloadStateStore.hpp"
#include "db/repositories/TrackRepository.hpp"
#include "jobs/AlbumRoad.hpp"
#include "jobs/DownloadLifecycle.hpp"
#include "library/AudioFixtures.hpp"

namespace soulspot::testing
{
    class RoadTestBed : public ::testing::Test
    {
    protected:
        void SetUp() override
        {
            auto opened = db::Database::open(*db::parseDatabaseUrl("sqlite:///" + (dir.path() / "road.db").string()));
            ASSERT_TRUE(opened) << opened.error().message;
            database = std::move(*opened);
            ASSERT_TRUE(db::Migrator(*database).upgrade());
            clock = std::make_shared<ManualClock>();
            slskd = std::make_shared<FakeSlskdApi>();
            breaker = std::make_shared<net::CircuitBreaker>("slskd", net::BreakerSettings{}, clock);
            jobs::SearchSchedulerSettings ss;
            ss.minGap = std::chrono::milliseconds(0);
            scheduler = std::make_shared<jobs::SearchScheduler>(ss, clock);
            policy.instanceId = "test";
            policy.maxSearchRetries = 2;
            policy.retryBackoff = {std::chrono::seconds(60)};
            policy.slskdDownloadPath = (dir.path() / "downloads").string();
            lifecycle = std::make_shared<jobs::DownloadLifecycle>(
                *database, slskd, breaker, scheduler, policy,
                [](const std::optional<std::string>&) { return matching::defaultProfile(); }, clock);
            albums = std::make_shared<jobs::AlbumRoad>(*database, lifecycle->road(), scheduler,
                                                       [](const std::optional<std::string>&) { return matching::defaultProfile(); });
        }

        std::int64_t wantTrack(const std::string& artist, const std::string& title, int durationMs = 200000)
        {
            db::TrackInput in;
            in.title = title;
            in.artists = {artist};
            in.durationMs = durationMs;
            auto track = db::TrackRepository(*database).upsert(in);
            EXPECT_TRUE(track);
            auto id = db::DownloadRepository(*database).create(*track, 0, std::nullopt, "corr");
            EXPECT_TRUE(id) << (id ? "" : id.error().message);
            return id ? *id : 0;
        }

        /// Claims the next due download and runs its search step.
        void runSearchStep()
        {
            auto d = lifecycle->claimNext();
            ASSERT_TRUE(d.has_value()) << "nothing was due";
            lifecycle->acquire(std::move(*d), std::stop_token{});
        }

        db::DownloadRecord download(std::int64_t id) { return **db::DownloadRepository(*database).get(id); }
        std::vector<std::string> reasons(std::int64_t id)
        {
            std::vector<std::string> out;
            const auto events = db::DownloadStateStore(*database).events(id);
            for (const auto& e : *events)
                out.push_back(e.reason);
            return out;
        }

        TempDir dir;
        std::unique_ptr<db::Database> database;
        std::shared_ptr<ManualClock> clock;
        std::shared_ptr<FakeSlskdApi> slskd;
        std::shared_ptr<net::CircuitBreaker> breaker;
        std::shared_ptr<jobs::SearchScheduler> scheduler;
        jobs::DownloadPolicy policy;
        std::shared_ptr<jobs::DownloadLifecycle> lifecycle;
        std::shared_ptr<jobs::AlbumRoad> albums;
    };
} // namespace soulspot::testing
