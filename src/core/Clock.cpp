#include "core/Clock.hpp"

#include <ctime>

#include <fmt/format.h>

namespace soulspot::core
{
    namespace
    {
        class SystemClock final : public IClock
        {
        public:
            std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
            std::chrono::steady_clock::time_point steadyNow() const override { return std::chrono::steady_clock::now(); }
        };
    } // namespace

    std::shared_ptr<IClock> systemClock()
    {
        static const auto clock = std::make_shared<SystemClock>();
        return clock;
    }

    std::string toIso8601(std::chrono::system_clock::time_point t)
    {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
        const std::time_t secs = static_cast<std::time_t>(ms / 1000);
        std::tm tm{};
        gmtime_r(&secs, &tm);
        return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                           tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
    }

    std::int64_t toUnixSeconds(std::chrono::system_clock::time_point t)
    {
        return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    }
} // namespace soulspot::core
