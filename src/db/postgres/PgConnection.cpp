#include "db/postgres/PgConnection.hpp"

#include <libpq-fe.h>

#include <cstdlib>

namespace soulspot::db
{
    namespace
    {
        // Type OIDs from pg_type.h (stable across versions).
        constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

        struct ResultGuard
        {
            PGresult* res;
            ~ResultGuard() { PQclear(res); }
        };

        core::Error pgError(PGconn* conn, PGresult* res, std::string_view what)
        {
            const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
            const char* msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
            core::Error err = core::Error::io(std::string(what) + ": " + (msg ? msg : "unknown"));
            while (!err.message.empty() && err.message.back() == '\n')
                err.message.pop_back();
            if (state && std::string_view(state).starts_with("23"))
                err.code = core::ErrorCode::Conflict; // integrity constraint violation
            if (PQstatus(conn) != CONNECTION_OK)
            {
                err.code = core::ErrorCode::Unavailable;
                err.retryable = true;
            }
            return err;
        }
    } // namespace

    core::Result<std::unique_ptr<PgConnection>> PgConnection::open(const std::string& conninfo)
    {
        PGconn* conn = PQconnectdb(conninfo.c_str());
        if (!conn || PQstatus(conn) != CONNECTION_OK)
        {
            core::Error err = core::Error::unavailable(std::string("cannot connect to PostgreSQL: ") +
                                                       (conn ? PQerrorMessage(conn) : "out of memory"));
            while (!err.message.empty() && err.message.back() == '\n')
                err.message.pop_back();
            PQfinish(conn);
            return core::fail(std::move(err));
        }
        std::unique_ptr<PgConnection> c(new PgConnection(conn));
        if (auto r = c->executeScript("SET client_min_messages TO WARNING"); !r)
            return core::fail(r.error());
        return c;
    }

    PgConnection::~PgConnection() { PQfinish(conn_); }

    bool PgConnection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

    core::Result<ResultSet> PgConnection::execute(std::string_view sql, const Params& params)
    {
        std::vector<std::string> texts(params.size());
        std::vector<const char*> values(params.size(), nullptr);
        for (std::size_t i = 0; i < params.size(); ++i)
        {
            const Value& v = params[i];
            if (std::holds_alternative<std::monostate>(v))
                continue;
            if (const auto* n = std::get_if<std::int64_t>(&v))
                texts[i] = std::to_string(*n);
            else if (const auto* d = std::get_if<double>(&v))
                texts[i] = std::to_string(*d);
            else
                texts[i] = std::get<std::string>(v);
            values[i] = texts[i].c_str();
        }
        const std::string query(sql);
        ResultGuard guard{PQexecParams(conn_, query.c_str(), static_cast<int>(params.size()), nullptr, values.data(),
                                       nullptr, nullptr, 0)};
        const auto status = PQresultStatus(guard.res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
            return core::fail(pgError(conn_, guard.res, "query failed"));

        ResultSet result;
        const int columns = PQnfields(guard.res);
        std::vector<Oid> types(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c)
        {
            result.columns.emplace_back(PQfname(guard.res, c));
            types[static_cast<std::size_t>(c)] = PQftype(guard.res, c);
        }
        const int rows = PQntuples(guard.res);
        result.rows.reserve(static_cast<std::size_t>(rows));
        for (int r = 0; r < rows; ++r)
        {
            std::vector<Value> vals;
            vals.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c)
            {
                if (PQgetisnull(guard.res, r, c))
                {
                    vals.emplace_back(std::monostate{});
                    continue;
                }
                const char* text = PQgetvalue(guard.res, r, c);
                switch (types[static_cast<std::size_t>(c)])
                {
                case kInt8:
                case kInt4:
                case kInt2: vals.emplace_back(std::int64_t{std::strtoll(text, nullptr, 10)}); break;
                case kFloat4:
                case kFloat8:
                case kNumeric: vals.emplace_back(std::strtod(text, nullptr)); break;
                case kBool: vals.emplace_back(std::int64_t{text[0] == 't' ? 1 : 0}); break;
                default: vals.emplace_back(std::string(text, static_cast<std::size_t>(PQgetlength(guard.res, r, c))));
                }
            }
            result.rows.emplace_back(std::move(vals));
        }
        const char* affected = PQcmdTuples(guard.res);
        result.affectedRows = (affected && *affected) ? std::strtoll(affected, nullptr, 10) : rows;
        return result;
    }

    core::Result<void> PgConnection::executeScript(std::string_view sql)
    {
        const std::string script(sql);
        ResultGuard guard{PQexec(conn_, script.c_str())};
        const auto status = PQresultStatus(guard.res);
        if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY)
            return core::fail(pgError(conn_, guard.res, "script failed"));
        return {};
    }

    core::Result<void> PgConnection::ping()
    {
        auto r = execute("SELECT 1");
        if (!r)
            return core::fail(r.error());
        return {};
    }
} // namespace soulspot::db
