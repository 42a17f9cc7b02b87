#include "sources/musicbrainz/DiskCache.hpp"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/Log.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        // FNV-1a rather than std::hash: file names must stay the same across builds and compilers.
        std::uint64_t fnv1a64(std::string_view text)
        {
            std::uint64_t hash = 14695981039346656037ull;
            for (unsigned char c : text)
            {
                hash ^= c;
                hash *= 1099511628211ull;
            }
            return hash;
        }

        std::string uniqueSuffix()
        {
            static std::atomic<unsigned> counter{0};
            return fmt::format(".tmp.{}.{}", static_cast<long>(getpid()), counter.fetch_add(1));
        }
    } // namespace

    DiskCache::DiskCache(std::filesystem::path folder, std::shared_ptr<core::IClock> clock)
        : folder_(std::move(folder)), clock_(std::move(clock))
    {
    }

    std::filesystem::path DiskCache::pathFor(const std::string& key) const
    {
        return folder_ / fmt::format("{:016x}.json", fnv1a64(key));
    }

    std::optional<CachedAnswer> DiskCache::get(const std::string& key) const
    {
        std::ifstream in(pathFor(key), std::ios::binary);
        if (!in)
            return std::nullopt;
        std::stringstream content;
        content << in.rdbuf();
        const auto entry = nlohmann::json::parse(content.str(), nullptr, false);
        if (entry.is_discarded() || !entry.is_object())
            return std::nullopt; // a torn or hand-edited file: refetch and overwrite it
        try
        {
            if (entry.at("key").get<std::string>() != key)
                return std::nullopt;
            if (entry.at("expiresAt").get<std::int64_t>() <= core::toUnixSeconds(clock_->now()))
                return std::nullopt;
            return CachedAnswer{entry.at("status").get<int>(), entry.at("body").get<std::string>()};
        }
        catch (const nlohmann::json::exception&)
        {
            return std::nullopt;
        }
    }

    void DiskCache::put(const std::string& key, const CachedAnswer& answer, std::chrono::seconds ttl) const
    {
        const auto now = core::toUnixSeconds(clock_->now());
        const nlohmann::json entry{{"key", key},
                                   {"storedAt", now},
                                   {"expiresAt", now + ttl.count()},
                                   {"status", answer.status},
                                   {"body", answer.body}};
        const auto target = pathFor(key);
        const auto temp = std::filesystem::path(target.string() + uniqueSuffix());
        std::error_code ec;
        std::filesystem::create_directories(folder_, ec); // the folder may have been deleted under us
        {
            std::ofstream out(temp, std::ios::binary | std::ios::trunc);
            out << entry.dump();
            out.flush();
            if (!out)
            {
                core::Logger("musicbrainz.cache").warning("cannot write cache entry", {{"path", temp.string()}});
                std::filesystem::remove(temp, ec);
                return;
            }
        }
        std::filesystem::rename(temp, target, ec);
        if (ec)
        {
            core::Logger("musicbrainz.cache").warning("cannot store cache entry",
                                                      {{"path", target.string()}, {"error", ec.message()}});
            std::filesystem::remove(temp, ec);
        }
    }
} // namespace soulspot::sources::musicbrainz
