#pragma once

#include <memory>
#include <string>

#include "db/Connection.hpp"

struct sqlite3;

namespace soulspot::db
{
    class SqliteConnection final : public Connection
    {
    public:
        /// Opens (creating if needed) with WAL, busy_timeout and foreign keys on.
        static core::Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, bool readOnly = false);
        ~SqliteConnection() override;

        core::Result<ResultSet> execute(std::string_view sql, const Params& params = {}) override;
        core::Result<void> executeScript(std::string_view sql) override;
        core::Result<void> ping() override;
        Dialect dialect() const override { return Dialect::Sqlite; }

        sqlite3* handle() const { return db_; }

    private:
        explicit SqliteConnection(sqlite3* db) : db_(db) {}
        sqlite3* db_;
    };

    /// `$1` → `?1` outside string literals, so numbered parameters bind by number.
    std::string rewritePlaceholders(std::string_view sql);
} // namespace soulspot::db
