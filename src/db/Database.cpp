#include "db/Database.hpp"

#include <chrono>
#include <filesystem>

#include "db/postgres/PgConnection.hpp"
#include "db/sqlite/SqliteConnection.hpp"

namespace soulspot::db
{
    core::Result<std::unique_ptr<Database>> Database::open(const DatabaseUrl& url, PoolSettings pool)
    {
        if (url.dialect == Dialect::Sqlite)
        {
            const auto parent = std::filesystem::path(url.sqlitePath).parent_path();
            std::error_code ec;
            if (!parent.empty())
                std::filesystem::create_directories(parent, ec);
            if (ec)
                return core::fail(core::Error::io("cannot create database folder " + parent.string() + ": " + ec.message()));
        }
        std::unique_ptr<Database> db(new Database(url, pool));
        auto first = db->connect(); // fail fast on a bad URL or unreachable server
        if (!first)
            return core::fail(first.error());
        db->open_ = 1;
        db->idle_.push_back(std::move(*first));
        return db;
    }

    Database::~Database() { close(); }

    void Database::close()
    {
        std::lock_guard lock(poolMutex_);
        closed_ = true;
        open_ -= static_cast<int>(idle_.size());
        idle_.clear();
        poolCv_.notify_all();
    }

    core::Result<std::unique_ptr<Connection>> Database::connect()
    {
        if (url_.dialect == Dialect::Sqlite)
        {
            auto c = SqliteConnection::open(url_.sqlitePath);
            if (!c)
                return core::fail(c.error());
            return std::unique_ptr<Connection>(std::move(*c));
        }
        auto c = PgConnection::open(url_.pgConninfo);
        if (!c)
            return core::fail(c.error());
        return std::unique_ptr<Connection>(std::move(*c));
    }

    core::Result<std::unique_ptr<Connection>> Database::acquire()
    {
        std::unique_lock lock(poolMutex_);
        const int limit = std::max(1, pool_.size + pool_.maxOverflow);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        for (;;)
        {
            if (closed_)
                return core::fail(core::Error::unavailable("database is closed"));
            if (!idle_.empty())
            {
                auto c = std::move(idle_.back());
                idle_.pop_back();
                return c;
            }
            if (open_ < limit)
            {
                ++open_;
                lock.unlock();
                auto c = connect();
                if (!c)
                {
                    std::lock_guard relock(poolMutex_);
                    --open_;
                    poolCv_.notify_one();
                }
                return c;
            }
            if (poolCv_.wait_until(lock, deadline) == std::cv_status::timeout)
                return core::fail(core::Error::unavailable("database connection pool exhausted"));
        }
    }

    void Database::release(std::unique_ptr<Connection> conn)
    {
        std::lock_guard lock(poolMutex_);
        const auto* pg = dynamic_cast<PgConnection*>(conn.get());
        const int keep = std::max(1, pool_.size);
        if (closed_ || (pg && !pg->healthy()) || static_cast<int>(idle_.size()) >= keep)
            --open_; // overflow connections and broken ones are closed, not pooled
        else
            idle_.push_back(std::move(conn));
        poolCv_.notify_one();
    }

    core::Result<ResultSet> Database::execute(std::string_view sql, const Params& params)
    {
        auto conn = acquire();
        if (!conn)
            return core::fail(conn.error());
        auto r = (*conn)->execute(sql, params);
        if (!r && r.error().retryable && url_.dialect == Dialect::Sqlite)
            ++busyErrors_;
        release(std::move(*conn));
        return r;
    }

    core::Result<void> Database::runTransaction(const std::function<core::Result<void>(Connection&)>& work)
    {
        std::unique_lock<std::mutex> writer;
        if (url_.dialect == Dialect::Sqlite)
            writer = std::unique_lock(writerMutex_);
        auto conn = acquire();
        if (!conn)
            return core::fail(conn.error());
        Connection& c = **conn;
        auto finish = [&](core::Result<void> r) {
            release(std::move(*conn));
            return r;
        };
        if (auto b = c.executeScript(url_.dialect == Dialect::Sqlite ? "BEGIN IMMEDIATE" : "BEGIN"); !b)
        {
            if (b.error().retryable)
                ++busyErrors_;
            return finish(b);
        }
        core::Result<void> r;
        try
        {
            r = work(c);
        }
        catch (...)
        {
            (void)c.executeScript("ROLLBACK");
            release(std::move(*conn));
            throw;
        }
        if (!r)
        {
            (void)c.executeScript("ROLLBACK");
            return finish(r);
        }
        if (auto commit = c.executeScript("COMMIT"); !commit)
        {
            (void)c.executeScript("ROLLBACK");
            return finish(commit);
        }
        return finish({});
    }

    core::Result<void> Database::transactionVoid(const std::function<core::Result<void>(Connection&)>& work)
    {
        return runTransaction(work);
    }

    core::Result<void> Database::ping()
    {
        auto r = execute("SELECT 1");
        if (!r)
            return core::fail(r.error());
        return {};
    }
} // namespace soulspot::db
