#pragma once
// The database as the rest of the code sees it: a small connection pool, reads on any connection, and
// writes inside a transaction. SQLite gets one in-process writer (a mutex plus BEGIN IMMEDIATE), so
// "database is locked" never reaches a user; PostgreSQL writers run in parallel.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "core/Error.hpp"
#include "db/Connection.hpp"
#include "db/DatabaseUrl.hpp"

namespace soulspot::db
{
    struct PoolSettings
    {
        int size{5};
        int maxOverflow{10};
    };

    class Database
    {
    public:
        static core::Result<std::unique_ptr<Database>> open(const DatabaseUrl& url, PoolSettings pool = {});
        ~Database();

        Dialect dialect() const { return url_.dialect; }
        const DatabaseUrl& url() const { return url_; }

        /// A single statement outside an explicit transaction (reads, or one-statement writes).
        core::Result<ResultSet> execute(std::string_view sql, const Params& params = {});

        /// Runs `work` in one transaction; commits when it succeeds, rolls back when it fails or throws.
        template <typename T>
        core::Result<T> transaction(const std::function<core::Result<T>(Connection&)>& work);
        core::Result<void> transactionVoid(const std::function<core::Result<void>(Connection&)>& work);

        core::Result<void> ping();
        /// Closes every pooled connection (SQLite checkpoints the WAL on the last close).
        void close();

        /// Statistics for /metrics and the bench: lock waits that exceeded busy_timeout.
        std::int64_t busyErrors() const { return busyErrors_; }

    private:
        class Lease;
        explicit Database(DatabaseUrl url, PoolSettings pool) : url_(std::move(url)), pool_(pool) {}
        core::Result<std::unique_ptr<Connection>> acquire();
        void release(std::unique_ptr<Connection> conn);
        core::Result<std::unique_ptr<Connection>> connect();
        core::Result<void> runTransaction(const std::function<core::Result<void>(Connection&)>& work);

        DatabaseUrl url_;
        PoolSettings pool_;
        std::mutex poolMutex_;
        std::condition_variable poolCv_;
        std::vector<std::unique_ptr<Connection>> idle_;
        int open_{0};
        bool closed_{false};
        std::mutex writerMutex_; // SQLite only
        std::atomic<std::int64_t> busyErrors_{0};
    };

    template <typename T>
    core::Result<T> Database::transaction(const std::function<core::Result<T>(Connection&)>& work)
    {
        std::optional<T> value;
        auto r = runTransaction([&](Connection& c) -> core::Result<void> {
            auto inner = work(c);
            if (!inner)
                return core::fail(inner.error());
            value.emplace(std::move(*inner));
            return {};
        });
        if (!r)
            return core::fail(r.error());
        return std::move(*value);
    }
} // namespace soulspot::db
