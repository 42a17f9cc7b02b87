#pragma once
// "At most one request start per interval" for a whole process (MusicBrainz: 1 req/s per IP). Callers
// reserve the next free slot under a lock and sleep outside it, so concurrent callers queue up in order
// instead of all waking at once.

#include <chrono>
#include <memory>
#include <mutex>

#include "core/Clock.hpp"
#include "net/ServiceClient.hpp"

namespace soulspot::net
{
    class RateLimiter
    {
    public:
        RateLimiter(std::chrono::milliseconds minInterval, std::shared_ptr<core::IClock> clock = core::systemClock(),
                    Sleeper sleeper = realSleeper());

        /// Blocks until this caller may start a request; returns how long it waited.
        std::chrono::milliseconds acquire();
        /// Nobody starts a request before now + delay (the upstream asked us to back off, e.g. 503).
        void holdOff(std::chrono::milliseconds delay);

        std::chrono::milliseconds minInterval() const { return minInterval_; }

    private:
        const std::chrono::milliseconds minInterval_;
        const std::shared_ptr<core::IClock> clock_;
        const Sleeper sleeper_;
        std::mutex mutex_;
        std::chrono::steady_clock::time_point nextSlot_{}; // earliest start of the next request
    };
} // namespace soulspot::net
