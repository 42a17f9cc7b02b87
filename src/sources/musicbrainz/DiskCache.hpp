#pragma once
// MusicBrainz answers kept on disk so a re-run, a restart or a second track from the same album does not
// spend another second of the 1 req/s budget. One JSON file per request URL, named by a stable 64-bit
// hash of it; the URL is stored inside too, so a hash collision is a miss, not a wrong answer.
// Writes are atomic (temp file + rename); a deleted folder is recreated; unreadable entries are misses.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/Clock.hpp"

namespace soulspot::sources::musicbrainz
{
    struct CachedAnswer
    {
        int status{200}; // 200, or 404 for a remembered "not found"
        std::string body;
    };

    class DiskCache
    {
    public:
        /// `folder` is the cache's own folder, e.g. STORAGE_CACHE_PATH/musicbrainz; created on demand.
        explicit DiskCache(std::filesystem::path folder, std::shared_ptr<core::IClock> clock = core::systemClock());

        /// The stored answer for `key` unless missing, expired, unreadable or stored under another key.
        std::optional<CachedAnswer> get(const std::string& key) const;
        /// Best effort: a failure to write is logged and otherwise ignored (the cache only saves time).
        void put(const std::string& key, const CachedAnswer& answer, std::chrono::seconds ttl) const;

        const std::filesystem::path& folder() const { return folder_; }
        /// The file an entry for `key` lives in (FNV-1a 64 of the key, in hex, + ".json").
        std::filesystem::path pathFor(const std::string& key) const;

    private:
        std::filesystem::path folder_;
        std::shared_ptr<core::IClock> clock_;
    };
} // namespace soulspot::sources::musicbrainz
