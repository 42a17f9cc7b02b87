#include "jobs/DownloadWorkers.hpp"

#include "core/Log.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.worker");
        constexpr const char* kPausedKey = "downloads.paused";

        void sleepFor(std::stop_token stop, std::chrono::milliseconds total)
        {
            const auto end = std::chrono::steady_clock::now() + total;
            while (!stop.stop_requested() && std::chrono::steady_clock::now() < end)
                std::this_thread::sleep_for(std::min(total, std::chrono::milliseconds(50)));
        }
    } // namespace

    DownloadWorkers::DownloadWorkers(db::Database& db, std::shared_ptr<DownloadLifecycle> lifecycle, DownloadPolicy policy)
        : db_(db), downloads_(db), settings_(db), lifecycle_(std::move(lifecycle)), policy_(std::move(policy))
    {
        auto stored = settings_.get(kPausedKey);
        paused_ = stored && *stored && **stored == "1";
    }

    DownloadWorkers::~DownloadWorkers() { stop(); }

    void DownloadWorkers::start()
    {
        lifecycle_->recoverInterrupted();
        if (albums_)
            albums_->watchdog(true);
        for (int i = 0; i < policy_.maxConcurrent; ++i)
            threads_.emplace_back([this](std::stop_token st) { acquirerLoop(st); });
        if (albums_)
            threads_.emplace_back([this](std::stop_token st) { albumLoop(st); });
        threads_.emplace_back([this](std::stop_token st) { monitorLoop(st); });
        kLog.info("download workers started", {{"max_concurrent", std::int64_t{policy_.maxConcurrent}},
                                               {"paused", paused_.load()}});
    }

    void DownloadWorkers::stop()
    {
        for (auto& t : threads_)
            t.request_stop();
        threads_.clear(); // jthread joins
    }

    void DownloadWorkers::pause()
    {
        paused_ = true;
        if (auto r = settings_.set(kPausedKey, "1"); !r)
            kLog.error("could not persist the pause", {{"error", r.error().message}});
        kLog.info("downloads paused");
    }

    void DownloadWorkers::resume()
    {
        paused_ = false;
        if (auto r = settings_.set(kPausedKey, "0"); !r)
            kLog.error("could not persist the resume", {{"error", r.error().message}});
        kLog.info("downloads resumed");
    }

    bool DownloadWorkers::paused() const { return paused_; }

    std::optional<db::DownloadRecord> DownloadWorkers::claim()
    {
        std::lock_guard lock(claimMutex_);
        auto active = downloads_.count({core::DownloadStatus::Searching, core::DownloadStatus::Downloading});
        if (!active || *active >= policy_.maxConcurrent)
            return std::nullopt;
        return lifecycle_->claimNext();
    }

    void DownloadWorkers::acquirerLoop(std::stop_token stop)
    {
        while (!stop.stop_requested())
        {
            if (paused_)
            {
                sleepFor(stop, policy_.idleInterval);
                continue;
            }
            // While slskd is known to be down nobody is claimed: no busy loop, no attempt charged.
            if (!lifecycle_->slskdAvailable())
            {
                sleepFor(stop, std::min(lifecycle_->slskdRetryAfter(), std::chrono::milliseconds(5000)));
                continue;
            }
            auto d = claim();
            if (!d)
            {
                sleepFor(stop, policy_.idleInterval);
                continue;
            }
            try
            {
                lifecycle_->acquire(std::move(*d), stop);
            }
            catch (const std::exception& e)
            {
                kLog.error("acquire step failed", {{"error", std::string(e.what())}});
                sleepFor(stop, std::chrono::seconds(1));
            }
        }
    }

    void DownloadWorkers::albumLoop(std::stop_token stop)
    {
        while (!stop.stop_requested())
        {
            if (paused_ || !lifecycle_->slskdAvailable())
            {
                sleepFor(stop, paused_ ? policy_.idleInterval
                                       : std::min(lifecycle_->slskdRetryAfter(), std::chrono::milliseconds(5000)));
                continue;
            }
            auto id = albums_->claimNext();
            if (!id)
            {
                sleepFor(stop, policy_.idleInterval);
                continue;
            }
            try
            {
                albums_->acquire(*id, stop);
            }
            catch (const std::exception& e)
            {
                // The album stays SEARCHING without a live owner: the watchdog puts it back in the queue.
                kLog.error("album step failed", {{"album_id", *id}, {"error", std::string(e.what())}});
                sleepFor(stop, std::chrono::seconds(1));
            }
        }
    }

    void DownloadWorkers::monitorLoop(std::stop_token stop)
    {
        auto nextWatch = std::chrono::steady_clock::now() + policy_.watchdogInterval;
        while (!stop.stop_requested())
        {
            try
            {
                lifecycle_->monitorTransfers();
                lifecycle_->importFinished();
                if (albums_)
                    albums_->settle();
                if (std::chrono::steady_clock::now() >= nextWatch)
                {
                    lifecycle_->watchdog();
                    if (albums_)
                        albums_->watchdog(false);
                    nextWatch = std::chrono::steady_clock::now() + policy_.watchdogInterval;
                }
            }
            catch (const std::exception& e)
            {
                kLog.error("transfer monitor failed", {{"error", std::string(e.what())}});
            }
            sleepFor(stop, policy_.monitorInterval);
        }
    }
} // namespace soulspot::jobs
