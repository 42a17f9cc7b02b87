#pragma once
// The threads that move downloads along: acquirers claim due QUEUED downloads while fewer than
// maxConcurrent are searching or downloading, and one monitor follows transfers (and settles albums whose tracks all settled), one album thread
// searches and enqueues wanted albums. Global pause stops new
// claims; transfers already running continue.

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "jobs/AlbumRoad.hpp"
#include "jobs/DownloadLifecycle.hpp"

namespace soulspot::jobs
{
    class DownloadWorkers
    {
    public:
        DownloadWorkers(db::Database& db, std::shared_ptr<DownloadLifecycle> lifecycle, DownloadPolicy policy);
        ~DownloadWorkers();

        /// Albums travel too when set (before start): one album thread, settled by the monitor.
        void setAlbumRoad(std::shared_ptr<AlbumRoad> albums) { albums_ = std::move(albums); }
        void start();
        /// Asks every thread to stop and joins them; in-flight steps finish their current slskd call first.
        void stop();

        void pause();
        void resume();
        bool paused() const;

    private:
        void acquirerLoop(std::stop_token stop);
        void monitorLoop(std::stop_token stop);
        void albumLoop(std::stop_token stop);
        /// Claims one due download if a slot is free; nullopt when there is nothing to do.
        std::optional<db::DownloadRecord> claim();

        db::Database& db_;
        db::DownloadRepository downloads_;
        db::SettingsRepository settings_;
        std::shared_ptr<DownloadLifecycle> lifecycle_;
        std::shared_ptr<AlbumRoad> albums_;
        DownloadPolicy policy_;
        std::mutex claimMutex_;
        std::atomic<bool> paused_{false};
        std::vector<std::jthread> threads_;
    };
} // namespace soulspot::jobs
