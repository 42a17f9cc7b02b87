#include "jobs/SpotifySyncScheduler.hpp"

#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "core/Uuid.hpp"
#include "jobs/PlaylistSyncService.hpp"
#include "jobs/SpotifyAuthService.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::jobs
{
    SpotifySyncScheduler::SpotifySyncScheduler(std::shared_ptr<PlaylistSyncService> sync, std::shared_ptr<SpotifyAuthService> auth,
                                               SpotifySyncSchedule schedule)
        : sync_(std::move(sync)), auth_(std::move(auth)), schedule_(schedule)
    {
    }

    SpotifySyncScheduler::~SpotifySyncScheduler() { stop(); }

    void SpotifySyncScheduler::start()
    {
        std::lock_guard lock(mutex_);
        if (thread_.joinable())
            return;
        stop_ = false;
        thread_ = std::thread([this] { run(); });
    }

    void SpotifySyncScheduler::stop()
    {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable())
            thread_.join();
    }

    int SpotifySyncScheduler::rounds() const
    {
        std::lock_guard lock(mutex_);
        return rounds_;
    }

    void SpotifySyncScheduler::run()
    {
        auto wait = schedule_.firstRunDelay;
        for (;;)
        {
            {
                std::unique_lock lock(mutex_);
                if (cv_.wait_for(lock, wait, [this] { return stop_; }))
                    return;
            }
            wait = runRound();
            std::lock_guard lock(mutex_);
            ++rounds_;
        }
    }

    std::chrono::milliseconds SpotifySyncScheduler::runRound()
    {
        const core::Logger log("jobs.spotify_sync");
        if (!auth_->usable())
        {
            log.debug("spotify auto-sync skipped: not connected");
            return schedule_.interval;
        }
        core::CorrelationScope scope("spotify-sync-" + core::newUuid().substr(0, 8));
        const auto round = sync_->syncAutoPlaylists(core::currentCorrelationId());
        log.info("spotify auto-sync round", {{"synced", std::int64_t{round.synced}}, {"failed", std::int64_t{round.failed}}});
        if (round.stoppedBy)
        {
            const auto retryAfter = sources::spotify::retryAfterOf(*round.stoppedBy);
            log.warning("spotify auto-sync stopped early", {{"error", round.stoppedBy->message}});
            if (retryAfter)
                return std::max(schedule_.interval, std::chrono::duration_cast<std::chrono::milliseconds>(*retryAfter));
        }
        return schedule_.interval;
    }
} // namespace soulspot::jobs
