#pragma once
// Small key/value state: user settings (global pause, active quality profile…) and the per-query search
// response cache that spares the Soulseek network repeated searches.

#include <optional>
#include <string>

#include "core/Error.hpp"
#include "db/Database.hpp"

namespace soulspot::db
{
    class SettingsRepository
    {
    public:
        explicit SettingsRepository(Database& db) : db_(db) {}
        core::Result<std::optional<std::string>> get(const std::string& key);
        core::Result<void> set(const std::string& key, const std::string& value);
        core::Result<void> erase(const std::string& key);

    private:
        Database& db_;
    };

    struct CachedSearch
    {
        std::string responsesJson;
        int responseCount{0};
        std::string createdAt;
    };

    class SearchCacheRepository
    {
    public:
        explicit SearchCacheRepository(Database& db) : db_(db) {}
        /// The cached answer for `query` if it was stored after `notBeforeIso`.
        core::Result<std::optional<CachedSearch>> get(const std::string& query, const std::string& notBeforeIso);
        core::Result<void> put(const std::string& query, const std::string& responsesJson, int responseCount);

    private:
        Database& db_;
    };
} // namespace soulspot::db
