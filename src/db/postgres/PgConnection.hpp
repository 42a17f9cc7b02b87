#pragma once

#include <memory>
#include <string>

#include "db/Connection.hpp"

struct pg_conn;

namespace soulspot::db
{
    class PgConnection final : public Connection
    {
    public:
        /// `conninfo` is a libpq connection string or URI (postgresql://user:pass@host:port/db).
        static core::Result<std::unique_ptr<PgConnection>> open(const std::string& conninfo);
        ~PgConnection() override;

        core::Result<ResultSet> execute(std::string_view sql, const Params& params = {}) override;
        core::Result<void> executeScript(std::string_view sql) override;
        core::Result<void> ping() override;
        Dialect dialect() const override { return Dialect::Postgres; }
        /// False after the server went away; the pool then drops and reopens the connection.
        bool healthy() const;

    private:
        explicit PgConnection(pg_conn* conn) : conn_(conn) {}
        pg_conn* conn_;
    };
} // namespace soulspot::db
