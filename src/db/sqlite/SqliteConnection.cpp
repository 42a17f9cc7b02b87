#include "db/sqlite/SqliteConnection.hpp"

#include <sqlite3.h>

namespace soulspot::db
{
    namespace
    {
        core::Error sqliteError(sqlite3* db, std::string_view what)
        {
            const int code = sqlite3_extended_errcode(db);
            core::Error err = core::Error::io(std::string(what) + ": " + sqlite3_errmsg(db));
            // Busy/locked should never escape busy_timeout + the single writer; if it does, a retry helps.
            err.retryable = (code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED;
            if ((code & 0xFF) == SQLITE_CONSTRAINT)
                err.code = core::ErrorCode::Conflict;
            return err;
        }

        struct StatementGuard
        {
            sqlite3_stmt* stmt{nullptr};
            ~StatementGuard() { sqlite3_finalize(stmt); }
        };
    } // namespace

    std::string rewritePlaceholders(std::string_view sql)
    {
        // When the placeholders appear exactly as $1, $2, … $n, anonymous "?" binds the same way and spares
        // SQLite its numbered-parameter list, whose lookups grow with the parameter count (bulk inserts).
        bool sequential = true;
        {
            bool inString = false;
            long expected = 1;
            for (std::size_t i = 0; i < sql.size() && sequential; ++i)
            {
                if (sql[i] == '\'')
                    inString = !inString;
                if (inString || sql[i] != '$' || i + 1 >= sql.size() || sql[i + 1] < '0' || sql[i + 1] > '9')
                    continue;
                long n = 0;
                while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9')
                    n = n * 10 + (sql[++i] - '0');
                sequential = n == expected++;
            }
        }
        std::string out;
        out.reserve(sql.size());
        bool inString = false;
        for (std::size_t i = 0; i < sql.size(); ++i)
        {
            const char c = sql[i];
            if (c == '\'')
                inString = !inString;
            if (!inString && c == '$' && i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9')
            {
                out.push_back('?');
                if (sequential)
                    while (i + 1 < sql.size() && sql[i + 1] >= '0' && sql[i + 1] <= '9')
                        ++i;
            }
            else
                out.push_back(c);
        }
        return out;
    }

    core::Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path, bool readOnly)
    {
        sqlite3* db = nullptr;
        const int flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                          SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
        if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK)
        {
            core::Error err = core::Error::io("cannot open SQLite database " + path + ": " +
                                              (db ? sqlite3_errmsg(db) : "out of memory"));
            sqlite3_close(db);
            return core::fail(std::move(err));
        }
        std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db));
        sqlite3_busy_timeout(db, 10000);
        const char* pragmas = readOnly ? "PRAGMA foreign_keys=ON;"
                                       : "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        if (auto r = conn->executeScript(pragmas); !r)
            return core::fail(r.error());
        return conn;
    }

    SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

    core::Result<ResultSet> SqliteConnection::execute(std::string_view sql, const Params& params)
    {
        const std::string rewritten = rewritePlaceholders(sql);
        StatementGuard guard;
        if (sqlite3_prepare_v2(db_, rewritten.c_str(), static_cast<int>(rewritten.size()), &guard.stmt, nullptr) !=
            SQLITE_OK)
            return core::fail(sqliteError(db_, "prepare failed"));
        for (std::size_t i = 0; i < params.size(); ++i)
        {
            const int idx = static_cast<int>(i + 1);
            const Value& v = params[i];
            int rc = SQLITE_OK;
            if (std::holds_alternative<std::monostate>(v))
                rc = sqlite3_bind_null(guard.stmt, idx);
            else if (const auto* n = std::get_if<std::int64_t>(&v))
                rc = sqlite3_bind_int64(guard.stmt, idx, *n);
            else if (const auto* d = std::get_if<double>(&v))
                rc = sqlite3_bind_double(guard.stmt, idx, *d);
            else
            {
                const auto& s = std::get<std::string>(v);
                rc = sqlite3_bind_text(guard.stmt, idx, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
            }
            if (rc != SQLITE_OK)
                return core::fail(sqliteError(db_, "bind failed"));
        }

        ResultSet result;
        const int columns = sqlite3_column_count(guard.stmt);
        for (int c = 0; c < columns; ++c)
            result.columns.emplace_back(sqlite3_column_name(guard.stmt, c));
        for (;;)
        {
            const int rc = sqlite3_step(guard.stmt);
            if (rc == SQLITE_DONE)
                break;
            if (rc != SQLITE_ROW)
                return core::fail(sqliteError(db_, "step failed"));
            std::vector<Value> values;
            values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c)
            {
                switch (sqlite3_column_type(guard.stmt, c))
                {
                case SQLITE_NULL: values.emplace_back(std::monostate{}); break;
                case SQLITE_INTEGER: values.emplace_back(std::int64_t{sqlite3_column_int64(guard.stmt, c)}); break;
                case SQLITE_FLOAT: values.emplace_back(sqlite3_column_double(guard.stmt, c)); break;
                default:
                {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(guard.stmt, c));
                    values.emplace_back(std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(guard.stmt, c))));
                }
                }
            }
            result.rows.emplace_back(std::move(values));
        }
        result.affectedRows = sqlite3_changes64(db_);
        return result;
    }

    core::Result<void> SqliteConnection::executeScript(std::string_view sql)
    {
        char* message = nullptr;
        const std::string script(sql);
        if (sqlite3_exec(db_, script.c_str(), nullptr, nullptr, &message) != SQLITE_OK)
        {
            core::Error err = core::Error::io(std::string("script failed: ") + (message ? message : "unknown"));
            sqlite3_free(message);
            return core::fail(std::move(err));
        }
        return {};
    }

    core::Result<void> SqliteConnection::ping()
    {
        auto r = execute("SELECT 1");
        if (!r)
            return core::fail(r.error());
        return {};
    }
} // namespace soulspot::db
