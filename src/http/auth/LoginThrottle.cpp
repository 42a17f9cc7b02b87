#include "http/auth/LoginThrottle.hpp"

namespace soulspot::http
{
    void LoginThrottle::prune(std::deque<Clock::time_point>& failures, Clock::time_point now) const
    {
        while (!failures.empty() && now - failures.front() >= window_)
            failures.pop_front();
    }

    std::chrono::seconds LoginThrottle::retryAfter(const std::string& address, Clock::time_point now)
    {
        std::lock_guard lock(mutex_);
        auto it = failures_.find(address);
        if (it == failures_.end())
            return std::chrono::seconds(0);
        prune(it->second, now);
        if (static_cast<int>(it->second.size()) < maxFailures_)
            return std::chrono::seconds(0);
        const auto wait = std::chrono::ceil<std::chrono::seconds>(it->second.front() + window_ - now);
        return std::max(wait, std::chrono::seconds(1));
    }

    void LoginThrottle::recordFailure(const std::string& address, Clock::time_point now)
    {
        std::lock_guard lock(mutex_);
        // Bound the memory an attacker spraying addresses can take: forget idle addresses first.
        if (failures_.size() > 10000)
            for (auto it = failures_.begin(); it != failures_.end();)
            {
                prune(it->second, now);
                it = it->second.empty() ? failures_.erase(it) : std::next(it);
            }
        auto& list = failures_[address];
        prune(list, now);
        list.push_back(now);
    }

    void LoginThrottle::recordSuccess(const std::string& address)
    {
        std::lock_guard lock(mutex_);
        failures_.erase(address);
    }
} // namespace soulspot::http
