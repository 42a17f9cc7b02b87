#include <thread>

#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "db/DatabaseUrl.hpp"
#include "db/sqlite/SqliteConnection.hpp"

namespace soulspot::db
{
    using testing::Backend;

    class DatabaseTest : public ::testing::TestWithParam<Backend>
    {
    protected:
        void SetUp() override
        {
            holder_ = std::make_unique<testing::TestDatabase>(GetParam());
            if (!holder_->available())
                GTEST_SKIP() << "SOULSPOT_TEST_PG_DSN not set";
        }
        Database& db() { return holder_->db(); }
        std::unique_ptr<testing::TestDatabase> holder_;
    };

    TEST_P(DatabaseTest, MigratesUpAndDownAndUpAgain)
    {
        Migrator m(db());
        EXPECT_EQ(*m.current(), 0);
        ASSERT_TRUE(m.upgrade()) << "upgrade";
        EXPECT_EQ(*m.current(), headRevision());
        auto down = m.downgrade(headRevision() - 1);
        ASSERT_TRUE(down) << down.error().message;
        EXPECT_EQ(*down, headRevision() - 1);
        auto up = m.upgrade();
        ASSERT_TRUE(up) << up.error().message;
        EXPECT_EQ(*up, headRevision());
        EXPECT_TRUE(m.refuseNewerDatabase());
    }

    TEST_P(DatabaseTest, RefusesDatabaseNewerThanBinary)
    {
        Migrator m(db());
        ASSERT_TRUE(m.upgrade());
        ASSERT_TRUE(db().execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future', 'x')",
                                 {std::int64_t{headRevision() + 1}}));
        auto r = m.refuseNewerDatabase();
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::Conflict);
        EXPECT_FALSE(m.upgrade());
    }

    TEST_P(DatabaseTest, BindsNumberedParametersByNumberAndReturnsTypedValues)
    {
        auto rs = db().execute("SELECT $2, $1, $3, $4", {std::int64_t{7}, std::string("b"), null(), 2.5});
        ASSERT_TRUE(rs) << rs.error().message;
        // PostgreSQL types untyped parameters as text; the Row accessors convert.
        EXPECT_EQ(rs->front().getString(0), "b");
        EXPECT_EQ(rs->front().getInt(1), 7);
        EXPECT_TRUE(rs->front().isNull(2));
        EXPECT_DOUBLE_EQ(rs->front().getDouble(3), 2.5);
    }

    TEST_P(DatabaseTest, TransactionRollsBackOnFailure)
    {
        ASSERT_TRUE(Migrator(db()).upgrade());
        auto r = db().transactionVoid([](Connection& c) -> core::Result<void> {
            auto ins = c.execute("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 'now')");
            if (!ins)
                return core::fail(ins.error());
            return core::fail(core::Error::invalid("changed my mind"));
        });
        EXPECT_FALSE(r);
        auto count = db().execute("SELECT COUNT(*) FROM settings");
        EXPECT_EQ(count->front().getInt(0), 0);
    }

    TEST_P(DatabaseTest, ConstraintViolationIsConflict)
    {
        ASSERT_TRUE(Migrator(db()).upgrade());
        ASSERT_TRUE(db().execute("INSERT INTO settings (key, value, updated_at) VALUES ('a', '1', 'now')"));
        auto dup = db().execute("INSERT INTO settings (key, value, updated_at) VALUES ('a', '2', 'now')");
        ASSERT_FALSE(dup);
        EXPECT_EQ(dup.error().code, core::ErrorCode::Conflict);
    }

    TEST_P(DatabaseTest, ConcurrentWritersNeverSeeBusyErrors)
    {
        ASSERT_TRUE(Migrator(db()).upgrade());
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i)
                {
                    auto r = db().transactionVoid([&](Connection& c) -> core::Result<void> {
                        auto ins = c.execute("INSERT INTO settings (key, value, updated_at) VALUES ($1, 'v', 'now')",
                                             {std::to_string(t) + "-" + std::to_string(i)});
                        if (!ins)
                            return core::fail(ins.error());
                        return {};
                    });
                    if (!r)
                        ++failures;
                    (void)db().execute("SELECT COUNT(*) FROM settings");
                }
            });
        for (auto& th : threads)
            th.join();
        EXPECT_EQ(failures, 0);
        EXPECT_EQ(db().busyErrors(), 0);
        EXPECT_EQ(db().execute("SELECT COUNT(*) FROM settings")->front().getInt(0), 200);
    }

    INSTANTIATE_TEST_SUITE_P(Backends, DatabaseTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                             testing::backendName);

    TEST(DatabaseUrl, ParsesAndMasks)
    {
        struct Case { std::string url; bool ok; Dialect dialect; std::string detail; };
        for (const Case& c : {Case{"sqlite:///./data/soulspot.db", true, Dialect::Sqlite, "./data/soulspot.db"},
                              Case{"sqlite:////var/lib/s.db", true, Dialect::Sqlite, "/var/lib/s.db"},
                              Case{"postgresql://u:p@h:5432/db", true, Dialect::Postgres, "postgresql://u:p@h:5432/db"},
                              Case{"postgresql+asyncpg://u:p@h/db", true, Dialect::Postgres, "postgresql://u:p@h/db"},
                              Case{"mysql://x", false, Dialect::Sqlite, ""},
                              Case{"sqlite://", false, Dialect::Sqlite, ""},
                              Case{"nonsense", false, Dialect::Sqlite, ""}})
        {
            auto r = parseDatabaseUrl(c.url);
            ASSERT_EQ(r.has_value(), c.ok) << c.url;
            if (!c.ok)
                continue;
            EXPECT_EQ(r->dialect, c.dialect);
            EXPECT_EQ(c.dialect == Dialect::Sqlite ? r->sqlitePath : r->pgConninfo, c.detail);
        }
        EXPECT_EQ(parseDatabaseUrl("postgresql://user:secret@host/db")->masked(), "postgresql://user:***@host/db");
    }

    TEST(SqlitePlaceholders, RewritesOutsideStrings)
    {
        EXPECT_EQ(rewritePlaceholders("SELECT $2, '$1', $10"), "SELECT ?2, '$1', ?10");
        EXPECT_EQ(rewritePlaceholders("VALUES ($1, '$9', $2), ($3)"), "VALUES (?, '$9', ?), (?)") << "in order: anonymous";
        EXPECT_EQ(rewritePlaceholders("WHERE a = $1 OR b = $1"), "WHERE a = ?1 OR b = ?1") << "reused: numbered";
    }
} // namespace soulspot::db
