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
        for (int i = 0; i < policy_.maxConcurrent; ++i)
            threads_.emplace_back([this](std::stop_token st) { acquirerLoop(st); });
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
        (void)settings_.set(kPausedKey, "1");
        kLog.info("downloads paused");
    }

    void DownloadWorkers::resume()
    {
        paused_ = false;
        (void)settings_.set(kPausedKey, "0");
        kLog.info("downloads resumed");
    }

    bool DownloadWorkers::paused() const { return paused_; }

    std::optional<db::DownloadRecord> DownloadWorkers::claim()
    {
        std::lock_guard lock(claimMutex_);
        const auto now = core::toIso8601(std::chrono::system_clock::now());
        (void)downloads_.reviveNotFound(now);
        auto active = downloads_.count({core::DownloadStatus::Searching, core::DownloadStatus::Downloading});
        if (!active || *active >= policy_.maxConcurrent)
            return std::nullopt;
        auto due = downloads_.due(now, 1);
        if (!due || due->empty())
            return std::nullopt;
        db::DownloadRecord d = std::move(due->front());
        auto claimed = downloads_.transition(d.id, {core::DownloadStatus::Queued}, core::DownloadStatus::Searching);
        if (!claimed || !*claimed)
            return std::nullopt;
        d.status = core::DownloadStatus::Searching;
        return d;
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

    void DownloadWorkers::monitorLoop(std::stop_token stop)
    {
        while (!stop.stop_requested())
        {
            try
            {
                lifecycle_->monitorTransfers();
                lifecycle_->importFinished();
            }
            catch (const std::exception& e)
            {
                kLog.error("transfer monitor failed", {{"error", std::string(e.what())}});
            }
            sleepFor(stop, policy_.monitorInterval);
        }
    }
} // namespace soulspot::jobs
