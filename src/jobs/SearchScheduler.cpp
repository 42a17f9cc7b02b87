#include "jobs/SearchScheduler.hpp"

#include <condition_variable>
#include <thread>

#include "core/Log.hpp"

namespace soulspot::jobs
{
    SearchScheduler::SearchScheduler(SearchSchedulerSettings settings, std::shared_ptr<core::IClock> clock)
        : settings_(settings), clock_(std::move(clock))
    {
    }

    std::chrono::milliseconds SearchScheduler::waitTimeLocked() const
    {
        using std::chrono::milliseconds;
        const auto now = clock_->steadyNow();
        milliseconds wait{0};
        if (now < banUntil_)
            wait = std::chrono::duration_cast<milliseconds>(banUntil_ - now);
        if (!recent_.empty())
        {
            const auto gapEnd = recent_.back() + settings_.minGap;
            if (now < gapEnd)
                wait = std::max(wait, std::chrono::duration_cast<milliseconds>(gapEnd - now));
        }
        if (static_cast<int>(recent_.size()) >= settings_.maxSearches)
        {
            // The oldest search in the window must age out first.
            const auto frees = recent_[recent_.size() - static_cast<std::size_t>(settings_.maxSearches)] + settings_.window;
            if (now < frees)
                wait = std::max(wait, std::chrono::duration_cast<milliseconds>(frees - now));
        }
        return wait;
    }

    std::chrono::milliseconds SearchScheduler::waitTime() const
    {
        std::lock_guard lock(mutex_);
        return waitTimeLocked();
    }

    bool SearchScheduler::acquire(std::stop_token stop)
    {
        for (;;)
        {
            std::chrono::milliseconds wait;
            {
                std::lock_guard lock(mutex_);
                const auto now = clock_->steadyNow();
                while (!recent_.empty() && now - recent_.front() >= settings_.window)
                    recent_.pop_front();
                wait = waitTimeLocked();
                if (wait.count() == 0)
                {
                    recent_.push_back(now);
                    return true;
                }
            }
            // Sleep in short slices so shutdown is never held up by a long window.
            const auto slice = std::min(wait, std::chrono::milliseconds(200));
            if (stop.stop_requested())
                return false;
            std::this_thread::sleep_for(slice);
            if (stop.stop_requested())
                return false;
        }
    }

    void SearchScheduler::recordResult(bool empty)
    {
        std::lock_guard lock(mutex_);
        if (!empty)
        {
            emptyStreak_ = 0;
            return;
        }
        if (settings_.emptyStreakForBan > 0 && ++emptyStreak_ >= settings_.emptyStreakForBan)
        {
            banUntil_ = clock_->steadyNow() + settings_.banBackoff;
            core::Logger("jobs.search").warning("many empty searches in a row: pausing searches (possible Soulseek ban)",
                                                {{"empty_streak", std::int64_t{emptyStreak_}},
                                                 {"pause_seconds", std::int64_t{settings_.banBackoff.count()}}});
            emptyStreak_ = 0;
        }
    }

    bool SearchScheduler::inBanBackoff() const
    {
        std::lock_guard lock(mutex_);
        return clock_->steadyNow() < banUntil_;
    }
} // namespace soulspot::jobs
