#include "db/repositories/PeerRepository.hpp"

#include <chrono>

#include "core/Clock.hpp"

namespace soulspot::db
{
    namespace
    {
        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
    }

    core::Result<std::int64_t> PeerRepository::block(const std::string& username, const std::optional<std::string>& filename,
                                                     const std::string& reason, const std::optional<std::string>& expiresAt)
    {
        if (username.empty())
            return core::fail(core::Error::invalid("username is required"));
        auto rs = db_.execute("INSERT INTO blocklist (username, filename, reason, expires_at, created_at) "
                              "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                              {username, toValue(filename), reason, toValue(expiresAt), now()});
        if (!rs)
            return core::fail(rs.error());
        return rs->front().getInt(0);
    }

    core::Result<bool> PeerRepository::unblock(std::int64_t id)
    {
        auto rs = db_.execute("DELETE FROM blocklist WHERE id = $1", {id});
        if (!rs)
            return core::fail(rs.error());
        return rs->affectedRows > 0;
    }

    core::Result<std::vector<BlocklistEntry>> PeerRepository::blocklist(const std::string& nowIso)
    {
        auto rs = db_.execute("SELECT id, username, filename, reason, expires_at, created_at FROM blocklist "
                              "WHERE expires_at IS NULL OR expires_at > $1 ORDER BY id",
                              {nowIso});
        if (!rs)
            return core::fail(rs.error());
        std::vector<BlocklistEntry> out;
        for (const auto& r : rs->rows)
            out.push_back({r.getInt(0), r.getString(1), r.getOptString(2), r.getString(3), r.getOptString(4), r.getString(5)});
        return out;
    }

    core::Result<void> PeerRepository::recordOutcome(const std::string& username, bool success)
    {
        auto rs = db_.execute("INSERT INTO peer_stats (username, successes, failures, updated_at) VALUES ($1, $2, $3, $4) "
                              "ON CONFLICT (username) DO UPDATE SET successes = peer_stats.successes + $2, "
                              "failures = peer_stats.failures + $3, updated_at = $4",
                              {username, std::int64_t{success ? 1 : 0}, std::int64_t{success ? 0 : 1}, now()});
        if (!rs)
            return core::fail(rs.error());
        return {};
    }

    core::Result<PeerSnapshot> PeerRepository::snapshot(const std::string& nowIso)
    {
        PeerSnapshot snap;
        auto stats = db_.execute("SELECT username, successes, failures FROM peer_stats");
        if (!stats)
            return core::fail(stats.error());
        for (const auto& r : stats->rows)
            snap.stats[r.getString(0)] = {static_cast<int>(r.getInt(1)), static_cast<int>(r.getInt(2))};
        auto blocked = blocklist(nowIso);
        if (!blocked)
            return core::fail(blocked.error());
        for (const auto& b : *blocked)
        {
            if (b.filename)
                snap.blockedFiles.emplace(b.username, *b.filename);
            else
                snap.blockedUsers.insert(b.username);
        }
        return snap;
    }
} // namespace soulspot::db
