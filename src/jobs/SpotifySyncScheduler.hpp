#pragma once
// Syncs the auto-download playlists every SPOTIFY_SYNC_INTERVAL minutes on one background thread. A rate
// limit moves the next round to when Spotify allows it (never earlier than the interval would); a lost
// connection (not connected, needs re-authorisation) skips rounds quietly until the user reconnects.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace soulspot::jobs
{
    class PlaylistSyncService;
    class SpotifyAuthService;

    struct SpotifySyncSchedule
    {
        std::chrono::milliseconds interval{std::chrono::minutes(30)};
        std::chrono::milliseconds firstRunDelay{std::chrono::seconds(30)}; // let start-up settle first
    };

    class SpotifySyncScheduler
    {
    public:
        SpotifySyncScheduler(std::shared_ptr<PlaylistSyncService> sync, std::shared_ptr<SpotifyAuthService> auth,
                             SpotifySyncSchedule schedule);
        ~SpotifySyncScheduler();

        void start();
        /// Wakes the thread and joins it; a round in progress finishes its current Spotify call first.
        void stop();
        /// Rounds completed since start (for tests and metrics).
        int rounds() const;

    private:
        void run();
        /// One round; returns how long to wait before the next.
        std::chrono::milliseconds runRound();

        std::shared_ptr<PlaylistSyncService> sync_;
        std::shared_ptr<SpotifyAuthService> auth_;
        SpotifySyncSchedule schedule_;
        mutable std::mutex mutex_;
        std::condition_variable cv_;
        bool stop_{false};
        int rounds_{0};
        std::thread thread_;
    };
} // namespace soulspot::jobs
