#pragma once
// Turns changes of the downloads table into "download" events (and of wanted albums into "album" events)
// on the EventBus for the live UI.
//
// Why a feed over the table instead of publish calls at each save: downloads change from many writers
// (workers, the lifecycle, API actions, playlist sync, a second process running CLI commands). Watching
// `updated_at` (indexed, migration 5) catches every one of them with a single cheap query per tick,
// whatever the number of connected browsers, and costs the writers nothing. Progress is naturally
// throttled to the transfer monitor's interval (≈1 s per download).

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "core/Clock.hpp"
#include "core/EventBus.hpp"
#include "db/Database.hpp"
#include "db/repositories/DownloadRepository.hpp"

namespace soulspot::jobs
{
    struct ChangeFeedSettings
    {
        std::chrono::milliseconds interval{400};
        /// Rows whose write committed late (a long transaction) are still seen within this window.
        std::chrono::seconds lookback{5};
        /// More changes than this in one tick become one "downloads_changed" event: the client refetches.
        std::size_t burstLimit{200};
    };

    class DownloadChangeFeed
    {
    public:
        DownloadChangeFeed(db::Database& db, std::shared_ptr<core::EventBus> bus, std::shared_ptr<core::IClock> clock,
                           ChangeFeedSettings settings = {});
        ~DownloadChangeFeed();

        void start();
        void stop();
        /// One pass: publishes what changed since the previous pass (public for tests).
        void tick();

    private:
        struct Rate
        {
            std::int64_t bytes{0};
            std::chrono::steady_clock::time_point at{};
            double bytesPerSecond{0};
        };
        void publish(const db::DownloadRecord& d);
        void albumTick(const std::string& cutoff);

        db::Database& db_;
        db::DownloadRepository downloads_;
        std::shared_ptr<core::EventBus> bus_;
        std::shared_ptr<core::IClock> clock_;
        ChangeFeedSettings settings_;
        std::map<std::int64_t, std::string> published_; // id → updated_at already sent
        std::map<std::int64_t, std::string> publishedAlbums_;
        std::map<std::int64_t, Rate> rates_;
        std::mutex mutex_;
        std::condition_variable cv_;
        bool stop_{false};
        std::thread thread_;
    };
} // namespace soulspot::jobs
