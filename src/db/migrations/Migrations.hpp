#pragma once
// Numbered schema migrations with up and down steps. SQL is shared between engines; the few type names
// that differ are written as tokens ({{PK}}, {{BIGINT}}, {{REAL}}) and substituted per dialect.

#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"

namespace soulspot::db
{
    struct Migration
    {
        int version;
        std::string name;
        std::string up;
        std::string down;
    };

    /// All migrations, ordered by version, starting at 1.
    const std::vector<Migration>& allMigrations();
    int headRevision();
    std::string renderForDialect(const std::string& sql, Dialect dialect);

    class Migrator
    {
    public:
        explicit Migrator(Database& db) : db_(db) {}

        /// 0 for an empty database.
        core::Result<int> current();
        /// Applies every migration up to `target` (head by default), each in its own transaction.
        core::Result<int> upgrade(int target = -1);
        /// Reverts migrations above `target` (0 = empty schema), newest first.
        core::Result<int> downgrade(int target);
        /// Fails with Conflict when the database was migrated by a newer SoulSpot.
        core::Result<void> refuseNewerDatabase();

    private:
        core::Result<void> ensureVersionTable();
        Database& db_;
    };
} // namespace soulspot::db
