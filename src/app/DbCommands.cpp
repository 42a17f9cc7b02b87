// `soulspot db …`: the alembic-style commands of the operations runbook.
#include <cstdio>
#include <iostream>

#include "app/Commands.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "db/sqlite/SqliteBackup.hpp"

namespace soulspot::app
{
    namespace
    {
        int report(const core::Error& e)
        {
            std::cerr << "error: " << e.message << "\n";
            return e.code == core::ErrorCode::InvalidArgument || e.code == core::ErrorCode::Conflict ||
                           e.code == core::ErrorCode::NotFound
                       ? kExitUsage
                       : kExitFailure;
        }

        core::Result<std::unique_ptr<db::Database>> openDb(const Config& config)
        {
            auto url = db::parseDatabaseUrl(config.databaseUrl);
            if (!url)
                return core::fail(url.error());
            return db::Database::open(*url, {1, 1});
        }

        std::string describe(int revision)
        {
            if (revision == 0)
                return "0 (base)";
            for (const auto& m : db::allMigrations())
                if (m.version == revision)
                    return std::to_string(revision) + " (" + m.name + ")" + (revision == db::headRevision() ? " (head)" : "");
            return std::to_string(revision) + " (unknown: newer than this SoulSpot)";
        }

        /// "head", "base", a number, or "-N"/"+N" relative to `current`.
        core::Result<int> resolveRevision(const std::string& text, int current)
        {
            if (text == "head")
                return db::headRevision();
            if (text == "base")
                return 0;
            const bool relative = !text.empty() && (text[0] == '-' || text[0] == '+');
            const std::string digits = relative ? text.substr(1) : text;
            if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos)
                return core::fail(core::Error::invalid("revision must be head, base, a number or -N, got '" + text + "'"));
            const int n = std::stoi(digits);
            if (!relative)
                return n;
            return text[0] == '-' ? current - n : current + n;
        }
    } // namespace

    int runDbCurrent(const Config& config)
    {
        auto db = openDb(config);
        if (!db)
            return report(db.error());
        auto cur = db::Migrator(**db).current();
        if (!cur)
            return report(cur.error());
        std::cout << describe(*cur) << "\n";
        return kExitOk;
    }

    namespace
    {
        enum class Direction { Up, Down };

        // Upgrade and downgrade share everything but the allowed direction and the migrator call.
        int migrate(const Config& config, const std::string& revision, Direction direction)
        {
            auto db = openDb(config);
            if (!db)
                return report(db.error());
            db::Migrator migrator(**db);
            auto cur = migrator.current();
            if (!cur)
                return report(cur.error());
            auto target = resolveRevision(revision, *cur);
            if (!target)
                return report(target.error());
            if (direction == Direction::Up && *target < *cur)
                return report(core::Error::invalid("target " + std::to_string(*target) +
                                                   " is below the current revision; use db downgrade"));
            if (direction == Direction::Down && (*target < 0 || *target > *cur))
                return report(core::Error::invalid("cannot downgrade from " + describe(*cur) + " to " + revision));
            auto r = direction == Direction::Up ? migrator.upgrade(*target) : migrator.downgrade(*target);
            if (!r)
                return report(r.error());
            std::cout << (direction == Direction::Up ? "upgraded " : "downgraded ") << describe(*cur) << " -> "
                      << describe(*r) << "\n";
            return kExitOk;
        }
    } // namespace

    int runDbUpgrade(const Config& config, const std::string& revision) { return migrate(config, revision, Direction::Up); }

    int runDbDowngrade(const Config& config, const std::string& revision)
    {
        return migrate(config, revision, Direction::Down);
    }

    int runDbBackup(const Config& config, const std::string& file)
    {
        auto url = db::parseDatabaseUrl(config.databaseUrl);
        if (!url)
            return report(url.error());
        if (url->dialect == db::Dialect::Postgres)
        {
            std::cerr << "error: db backup copies SQLite databases; for PostgreSQL use pg_dump as the runbook shows:\n"
                         "  pg_dump -h HOST -U soulspot soulspot > backup.sql\n";
            return kExitUsage;
        }
        if (auto r = db::backupSqlite(url->sqlitePath, file); !r)
            return report(r.error());
        std::cout << "backed up " << url->sqlitePath << " to " << file << "\n";
        return kExitOk;
    }

    int runDbRestore(const Config& config, const std::string& file)
    {
        auto url = db::parseDatabaseUrl(config.databaseUrl);
        if (!url)
            return report(url.error());
        if (url->dialect == db::Dialect::Postgres)
        {
            std::cerr << "error: db restore handles SQLite; for PostgreSQL use psql as the runbook shows:\n"
                         "  psql -h HOST -U soulspot soulspot < backup.sql\n";
            return kExitUsage;
        }
        if (auto r = db::restoreSqlite(file, url->sqlitePath, db::headRevision()); !r)
            return report(r.error());
        std::cout << "restored " << url->sqlitePath << " from " << file << "\n";
        return kExitOk;
    }
} // namespace soulspot::app
