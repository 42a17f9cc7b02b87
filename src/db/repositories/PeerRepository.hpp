#pragma once
// What the download lifecycle learns about Soulseek peers: a blocklist of users or single files (with
// optional expiry) and per-user success/failure counts that the scorer uses as a tie-breaker.

#include <map>
#include <set>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/Records.hpp"

namespace soulspot::db
{
    struct PeerSnapshot
    {
        std::map<std::string, std::pair<int, int>> stats; // username → (successes, failures)
        std::set<std::string> blockedUsers;
        std::set<std::pair<std::string, std::string>> blockedFiles;
    };

    class PeerRepository
    {
    public:
        explicit PeerRepository(Database& db) : db_(db) {}

        core::Result<std::int64_t> block(const std::string& username, const std::optional<std::string>& filename,
                                         const std::string& reason, const std::optional<std::string>& expiresAt);
        core::Result<bool> unblock(std::int64_t id);
        /// Entries that have not expired at `nowIso`.
        core::Result<std::vector<BlocklistEntry>> blocklist(const std::string& nowIso);
        core::Result<void> recordOutcome(const std::string& username, bool success);
        /// Everything the scorer needs, read once per scoring batch.
        core::Result<PeerSnapshot> snapshot(const std::string& nowIso);

    private:
        Database& db_;
    };
} // namespace soulspot::db
