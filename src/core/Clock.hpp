#pragma once
// Time behind an interface so schedulers, breakers and retries can be tested without sleeping.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace soulspot::core
{
    class IClock
    {
    public:
        virtual ~IClock() = default;
        virtual std::chrono::system_clock::time_point now() const = 0;
        virtual std::chrono::steady_clock::time_point steadyNow() const = 0;
    };

    std::shared_ptr<IClock> systemClock();

    /// ISO 8601 UTC with milliseconds, e.g. 2026-11-28T19:04:26.123Z.
    std::string toIso8601(std::chrono::system_clock::time_point t);
    /// Seconds since the Unix epoch.
    std::int64_t toUnixSeconds(std::chrono::system_clock::time_point t);
} // namespace soulspot::core
