#include "db/repositories/KeyValueRepository.hpp"

#include <chrono>

#include "core/Clock.hpp"

namespace soulspot::db
{
    namespace
    {
        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
    }

    core::Result<std::optional<std::string>> SettingsRepository::get(const std::string& key)
    {
        auto rs = db_.execute("SELECT value FROM settings WHERE key = $1", {key});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<std::string>{};
        return std::optional<std::string>(rs->front().getString(0));
    }

    core::Result<void> SettingsRepository::set(const std::string& key, const std::string& value)
    {
        auto rs = db_.execute("INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) "
                              "ON CONFLICT (key) DO UPDATE SET value = $2, updated_at = $3",
                              {key, value, now()});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<void> SettingsRepository::erase(const std::string& key)
    {
        auto rs = db_.execute("DELETE FROM settings WHERE key = $1", {key});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<std::optional<CachedSearch>> SearchCacheRepository::get(const std::string& query, const std::string& notBeforeIso)
    {
        auto rs = db_.execute("SELECT responses, response_count, created_at FROM search_cache WHERE query = $1 AND created_at >= $2",
                              {query, notBeforeIso});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<CachedSearch>{};
        const Row& r = rs->front();
        return std::optional<CachedSearch>(CachedSearch{r.getString(0), static_cast<int>(r.getInt(1)), r.getString(2)});
    }

    core::Result<void> SearchCacheRepository::put(const std::string& query, const std::string& responsesJson, int responseCount)
    {
        auto rs = db_.execute("INSERT INTO search_cache (query, responses, response_count, created_at) VALUES ($1, $2, $3, $4) "
                              "ON CONFLICT (query) DO UPDATE SET responses = $2, response_count = $3, created_at = $4",
                              {query, responsesJson, std::int64_t{responseCount}, now()});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }
} // namespace soulspot::db
