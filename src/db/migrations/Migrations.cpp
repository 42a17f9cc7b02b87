#include "db/migrations/Migrations.hpp"

#include "core/Clock.hpp"
#include "core/Log.hpp"
#include "db/migrations/Schema.hpp"

namespace soulspot::db
{
    namespace
    {
        void replaceAll(std::string& s, std::string_view from, std::string_view to)
        {
            for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
                s.replace(pos, from.size(), to);
        }
    } // namespace

    const std::vector<Migration>& allMigrations() { return schemaMigrations(); }

    int headRevision() { return allMigrations().empty() ? 0 : allMigrations().back().version; }

    std::string renderForDialect(const std::string& sql, Dialect dialect)
    {
        std::string out = sql;
        const bool pg = dialect == Dialect::Postgres;
        replaceAll(out, "{{PK}}", pg ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
        replaceAll(out, "{{BIGINT}}", pg ? "BIGINT" : "INTEGER");
        replaceAll(out, "{{REAL}}", pg ? "DOUBLE PRECISION" : "REAL");
        return out;
    }

    core::Result<void> Migrator::ensureVersionTable()
    {
        auto r = db_.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                             "applied_at TEXT NOT NULL)");
        if (!r)
            return core::fail(r.error());
        return {};
    }

    core::Result<int> Migrator::current()
    {
        if (auto r = ensureVersionTable(); !r)
            return core::fail(r.error());
        auto rs = db_.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        if (!rs)
            return core::fail(rs.error());
        return static_cast<int>(rs->front().getInt(0));
    }

    core::Result<void> Migrator::refuseNewerDatabase()
    {
        auto cur = current();
        if (!cur)
            return core::fail(cur.error());
        if (*cur > headRevision())
            return core::fail(core::Error::conflict("database schema revision " + std::to_string(*cur) +
                                                    " is newer than this SoulSpot (head " +
                                                    std::to_string(headRevision()) + "); upgrade SoulSpot"));
        return {};
    }

    core::Result<int> Migrator::upgrade(int target)
    {
        if (target < 0)
            target = headRevision();
        if (target > headRevision())
            return core::fail(core::Error::invalid("unknown revision " + std::to_string(target)));
        auto cur = current();
        if (!cur)
            return core::fail(cur.error());
        if (*cur > headRevision())
            return core::fail(core::Error::conflict("database is newer than this SoulSpot"));
        const core::Logger log("db.migrations");
        for (const Migration& m : allMigrations())
        {
            if (m.version <= *cur || m.version > target)
                continue;
            auto r = db_.transactionVoid([&](Connection& c) -> core::Result<void> {
                if (auto s = c.executeScript(renderForDialect(m.up, db_.dialect())); !s)
                    return s;
                auto ins = c.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                                     {std::int64_t{m.version}, m.name, core::toIso8601(std::chrono::system_clock::now())});
                if (!ins)
                    return core::fail(ins.error());
                return {};
            });
            if (!r)
                return core::fail(core::Error::io("migration " + std::to_string(m.version) + " (" + m.name +
                                                  ") failed: " + r.error().message));
            log.info("applied migration", {{"revision", std::int64_t{m.version}}, {"name", m.name}});
        }
        return current();
    }

    core::Result<int> Migrator::downgrade(int target)
    {
        auto cur = current();
        if (!cur)
            return core::fail(cur.error());
        if (target < 0 || target > *cur)
            return core::fail(core::Error::invalid("cannot downgrade from " + std::to_string(*cur) + " to " +
                                                   std::to_string(target)));
        const core::Logger log("db.migrations");
        const auto& all = allMigrations();
        for (auto it = all.rbegin(); it != all.rend(); ++it)
        {
            const Migration& m = *it;
            if (m.version > *cur || m.version <= target)
                continue;
            auto r = db_.transactionVoid([&](Connection& c) -> core::Result<void> {
                if (auto s = c.executeScript(renderForDialect(m.down, db_.dialect())); !s)
                    return s;
                auto del = c.execute("DELETE FROM schema_migrations WHERE version = $1", {std::int64_t{m.version}});
                if (!del)
                    return core::fail(del.error());
                return {};
            });
            if (!r)
                return core::fail(core::Error::io("downgrade of " + std::to_string(m.version) + " failed: " +
                                                  r.error().message));
            log.info("reverted migration", {{"revision", std::int64_t{m.version}}, {"name", m.name}});
        }
        return current();
    }
} // namespace soulspot::db
