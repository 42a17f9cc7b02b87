#pragma once

#include <string>

#include "core/Error.hpp"
#include "db/Connection.hpp"

namespace soulspot::db
{
    struct DatabaseUrl
    {
        Dialect dialect{Dialect::Sqlite};
        std::string sqlitePath; // for Sqlite: a filesystem path
        std::string pgConninfo; // for Postgres: a libpq URI
        std::string original;

        /// The URL with any password replaced by "***", for logs and `soulspot config`.
        std::string masked() const;
    };

    /// Accepts sqlite:///relative/path, sqlite:////absolute/path, postgresql://… and postgres://…
    /// (a SQLAlchemy driver suffix such as postgresql+asyncpg:// is tolerated).
    core::Result<DatabaseUrl> parseDatabaseUrl(const std::string& url);
} // namespace soulspot::db
