#pragma once
// Consistent copies of a live SQLite database (online backup API) and a guarded restore.

#include <memory>
#include <string>

#include "core/Error.hpp"

namespace soulspot::db
{
    /// Copies `databasePath` to `targetPath` while other connections keep writing; the target appears
    /// only when complete (written to a temporary name, then renamed).
    core::Result<void> backupSqlite(const std::string& databasePath, const std::string& targetPath);

    /// Replaces `databasePath` with `backupPath` after checking that the backup is a SoulSpot database no
    /// newer than this binary. Refuses while a server holds the database (see ServerLock).
    core::Result<void> restoreSqlite(const std::string& backupPath, const std::string& databasePath, int headRevision);

    /// An advisory lock (flock on "<database>.lock") held by `soulspot serve` for its whole life.
    class ServerLock
    {
    public:
        /// Fails with Conflict when another process holds it.
        static core::Result<std::unique_ptr<ServerLock>> acquire(const std::string& databasePath);
        ~ServerLock();
        ServerLock(const ServerLock&) = delete;
        ServerLock& operator=(const ServerLock&) = delete;

    private:
        explicit ServerLock(int fd) : fd_(fd) {}
        int fd_;
    };
} // namespace soulspot::db
