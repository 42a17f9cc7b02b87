#pragma once
// One connection to either engine. SQL is written once with PostgreSQL's $N placeholders; the SQLite
// adapter rewrites them to ?N (SQLite binds $N by first appearance, a silent swap: cpp-stack.md pitfall 7).

#include <string>
#include <string_view>

#include "core/Error.hpp"
#include "db/Value.hpp"

namespace soulspot::db
{
    enum class Dialect { Sqlite, Postgres };

    class Connection
    {
    public:
        virtual ~Connection() = default;
        /// Runs one statement; rows for SELECT / RETURNING, affectedRows otherwise.
        virtual core::Result<ResultSet> execute(std::string_view sql, const Params& params = {}) = 0;
        /// Runs several statements without parameters (migrations).
        virtual core::Result<void> executeScript(std::string_view sql) = 0;
        /// Cheap liveness probe ("SELECT 1").
        virtual core::Result<void> ping() = 0;
        virtual Dialect dialect() const = 0;
    };
} // namespace soulspot::db
