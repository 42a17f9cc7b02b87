#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "db/sqlite/SqliteBackup.hpp"

namespace soulspot::db
{
    TEST(SqliteBackup, CopiesLiveDatabaseWhileWritersRun)
    {
        const auto dir = testing::makeTempDir("soulspot-backup");
        const std::string path = dir + "/live.db";
        auto db = Database::open(*parseDatabaseUrl("sqlite:///" + path));
        ASSERT_TRUE(db);
        ASSERT_TRUE(Migrator(**db).upgrade());
        std::atomic<bool> stop{false};
        std::thread writer([&] {
            for (int i = 0; !stop; ++i)
                (void)(*db)->execute("INSERT INTO settings (key, value, updated_at) VALUES ($1, 'v', 'now')",
                                     {std::to_string(i)});
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        auto r = backupSqlite(path, dir + "/copy.db");
        stop = true;
        writer.join();
        ASSERT_TRUE(r) << r.error().message;

        auto copy = Database::open(*parseDatabaseUrl("sqlite:///" + dir + "/copy.db"));
        ASSERT_TRUE(copy);
        EXPECT_EQ(*Migrator(**copy).current(), headRevision());
        EXPECT_GT((*copy)->execute("SELECT COUNT(*) FROM settings")->front().getInt(0), 0);
        EXPECT_FALSE(std::filesystem::exists(dir + "/copy.db.partial"));
        std::filesystem::remove_all(dir);
    }

    TEST(SqliteBackup, RestoreRefusesWhileServerHoldsLockAndRejectsGarbage)
    {
        const auto dir = testing::makeTempDir("soulspot-restore");
        const std::string path = dir + "/live.db";
        {
            auto db = Database::open(*parseDatabaseUrl("sqlite:///" + path));
            ASSERT_TRUE(Migrator(**db).upgrade());
            ASSERT_TRUE((*db)->execute("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'before', 'now')"));
        }
        ASSERT_TRUE(backupSqlite(path, dir + "/b.db"));
        {
            auto db = Database::open(*parseDatabaseUrl("sqlite:///" + path));
            ASSERT_TRUE((*db)->execute("UPDATE settings SET value = 'after'"));
        }
        {
            auto lock = ServerLock::acquire(path);
            ASSERT_TRUE(lock);
            auto refused = restoreSqlite(dir + "/b.db", path, headRevision());
            ASSERT_FALSE(refused);
            EXPECT_EQ(refused.error().code, core::ErrorCode::Conflict);
        }
        {
            std::FILE* f = std::fopen((dir + "/garbage.db").c_str(), "w");
            std::fputs("not a database at all, definitely not", f);
            std::fclose(f);
            EXPECT_FALSE(restoreSqlite(dir + "/garbage.db", path, headRevision()));
            EXPECT_FALSE(restoreSqlite(dir + "/missing.db", path, headRevision()));
        }
        ASSERT_TRUE(restoreSqlite(dir + "/b.db", path, headRevision()));
        auto db = Database::open(*parseDatabaseUrl("sqlite:///" + path));
        EXPECT_EQ((*db)->execute("SELECT value FROM settings WHERE key = 'k'")->front().getString(0), "before");
        std::filesystem::remove_all(dir);
    }
} // namespace soulspot::db
