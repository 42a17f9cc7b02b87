#include "db/sqlite/SqliteBackup.hpp"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>

#include "db/sqlite/SqliteConnection.hpp"

namespace fs = std::filesystem;

namespace soulspot::db
{
    namespace
    {
        core::Result<void> copyWithBackupApi(sqlite3* from, const std::string& toPath)
        {
            sqlite3* to = nullptr;
            if (sqlite3_open_v2(toPath.c_str(), &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
            {
                sqlite3_close(to);
                return core::fail(core::Error::io("cannot create " + toPath));
            }
            sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
            if (!backup)
            {
                core::Error err = core::Error::io(std::string("backup init failed: ") + sqlite3_errmsg(to));
                sqlite3_close(to);
                return core::fail(std::move(err));
            }
            int rc = SQLITE_OK;
            // Copy in steps so a busy writer is never blocked for long; -1 would copy all at once.
            do
            {
                rc = sqlite3_backup_step(backup, 256);
                if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
                    sqlite3_sleep(20);
            } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
            sqlite3_backup_finish(backup);
            const bool ok = rc == SQLITE_DONE;
            std::string message = ok ? "" : sqlite3_errmsg(to);
            sqlite3_close(to);
            if (!ok)
                return core::fail(core::Error::io("backup failed: " + message));
            return {};
        }

        core::Result<int> schemaRevisionOf(const std::string& path)
        {
            auto conn = SqliteConnection::open("file:" + path + "?mode=ro", true);
            if (!conn)
                return core::fail(conn.error());
            auto check = (*conn)->execute("PRAGMA quick_check");
            if (!check || check->empty() || check->front().getString(0) != "ok")
                return core::fail(core::Error::invalid(path + " is not a valid SQLite database"));
            auto rs = (*conn)->execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
            if (!rs)
                return core::fail(core::Error::invalid(path + " is not a SoulSpot database (no schema_migrations)"));
            return static_cast<int>(rs->front().getInt(0));
        }
    } // namespace

    core::Result<void> backupSqlite(const std::string& databasePath, const std::string& targetPath)
    {
        if (!fs::exists(databasePath))
            return core::fail(core::Error::notFound("database " + databasePath + " does not exist"));
        auto source = SqliteConnection::open(databasePath);
        if (!source)
            return core::fail(source.error());
        const std::string temp = targetPath + ".partial";
        std::error_code ec;
        fs::remove(temp, ec);
        if (auto r = copyWithBackupApi((*source)->handle(), temp); !r)
        {
            fs::remove(temp, ec);
            return r;
        }
        fs::rename(temp, targetPath, ec);
        if (ec)
        {
            fs::remove(temp, ec);
            return core::fail(core::Error::io("cannot write " + targetPath + ": " + ec.message()));
        }
        return {};
    }

    core::Result<void> restoreSqlite(const std::string& backupPath, const std::string& databasePath, int headRevision)
    {
        if (!fs::exists(backupPath))
            return core::fail(core::Error::notFound("backup file " + backupPath + " does not exist"));
        auto lock = ServerLock::acquire(databasePath);
        if (!lock)
            return core::fail(lock.error());
        auto revision = schemaRevisionOf(backupPath);
        if (!revision)
            return core::fail(revision.error());
        if (*revision > headRevision)
            return core::fail(core::Error::conflict("backup is at schema revision " + std::to_string(*revision) +
                                                    ", newer than this SoulSpot (" + std::to_string(headRevision) + ")"));
        auto source = SqliteConnection::open("file:" + backupPath + "?mode=ro", true);
        if (!source)
            return core::fail(source.error());
        const auto parent = fs::path(databasePath).parent_path();
        std::error_code ec;
        if (!parent.empty())
            fs::create_directories(parent, ec);
        const std::string temp = databasePath + ".restoring";
        fs::remove(temp, ec);
        if (auto r = copyWithBackupApi((*source)->handle(), temp); !r)
        {
            fs::remove(temp, ec);
            return r;
        }
        // The old WAL belongs to the old database; replaying it onto the restored file would corrupt it.
        fs::remove(databasePath + "-wal", ec);
        fs::remove(databasePath + "-shm", ec);
        fs::rename(temp, databasePath, ec);
        if (ec)
            return core::fail(core::Error::io("cannot replace " + databasePath + ": " + ec.message()));
        return {};
    }

    core::Result<std::unique_ptr<ServerLock>> ServerLock::acquire(const std::string& databasePath)
    {
        const std::string lockPath = databasePath + ".lock";
        const auto parent = fs::path(lockPath).parent_path();
        std::error_code ec;
        if (!parent.empty())
            fs::create_directories(parent, ec);
        const int fd = ::open(lockPath.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            return core::fail(core::Error::io("cannot open lock file " + lockPath));
        if (flock(fd, LOCK_EX | LOCK_NB) != 0)
        {
            ::close(fd);
            return core::fail(core::Error::conflict("a SoulSpot server is running on " + databasePath +
                                                    "; stop it first"));
        }
        return std::unique_ptr<ServerLock>(new ServerLock(fd));
    }

    ServerLock::~ServerLock()
    {
        flock(fd_, LOCK_UN);
        ::close(fd_);
    }
} // namespace soulspot::db
