#pragma once
// Keeps SoulSpot polite on the Soulseek network (peers.md §5.3): at most N searches per sliding window
// (sldl's 34 per 220 s), a minimum gap between searches, and a long pause after a run of empty searches,
// which is what a server-side ban looks like from here.

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <stop_token>

#include "core/Clock.hpp"

namespace soulspot::jobs
{
    struct SearchSchedulerSettings
    {
        int maxSearches{34};
        std::chrono::seconds window{220};
        std::chrono::milliseconds minGap{1000};
        int emptyStreakForBan{12};
        std::chrono::seconds banBackoff{1800};
    };

    class SearchScheduler
    {
    public:
        SearchScheduler(SearchSchedulerSettings settings, std::shared_ptr<core::IClock> clock);

        /// How long the caller must wait before it may search (zero = now).
        std::chrono::milliseconds waitTime() const;
        /// Blocks until a search may start (or the stop token fires: returns false), then counts it.
        bool acquire(std::stop_token stop);
        /// Records whether the search came back empty; a long empty streak pauses all searching.
        void recordResult(bool empty);
        bool inBanBackoff() const;

    private:
        std::chrono::milliseconds waitTimeLocked() const;

        SearchSchedulerSettings settings_;
        std::shared_ptr<core::IClock> clock_;
        mutable std::mutex mutex_;
        std::deque<std::chrono::steady_clock::time_point> recent_;
        int emptyStreak_{0};
        std::chrono::steady_clock::time_point banUntil_{};
    };
} // namespace soulspot::jobs
