#include "net/RateLimiter.hpp"

#include <algorithm>

namespace soulspot::net
{
    RateLimiter::RateLimiter(std::chrono::milliseconds minInterval, std::shared_ptr<core::IClock> clock,
                             Sleeper sleeper)
        : minInterval_(minInterval), clock_(std::move(clock)), sleeper_(std::move(sleeper))
    {
    }

    std::chrono::milliseconds RateLimiter::acquire()
    {
        std::chrono::steady_clock::time_point slot;
        std::chrono::steady_clock::time_point now;
        {
            std::lock_guard lock(mutex_);
            now = clock_->steadyNow();
            slot = std::max(now, nextSlot_);
            nextSlot_ = slot + minInterval_;
        }
        if (slot <= now)
            return std::chrono::milliseconds(0);
        // Round up: sleeping a fraction of a millisecond too little would start the request early.
        const auto wait = std::chrono::ceil<std::chrono::milliseconds>(slot - now);
        sleeper_(wait);
        return wait;
    }

    void RateLimiter::holdOff(std::chrono::milliseconds delay)
    {
        std::lock_guard lock(mutex_);
        nextSlot_ = std::max(nextSlot_, clock_->steadyNow() + delay);
    }
} // namespace soulspot::net
