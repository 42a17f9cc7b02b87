#pragma once
// The same repository tests run on SQLite and on PostgreSQL (drogon's pattern). PostgreSQL runs when
// SOULSPOT_TEST_PG_DSN is set (scripts/run-tests.sh starts a throwaway cluster); otherwise it is skipped.

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"

namespace soulspot::testing
{
    enum class Backend { Sqlite, Postgres };

    inline std::string backendName(const ::testing::TestParamInfo<Backend>& info)
    {
        return info.param == Backend::Sqlite ? "Sqlite" : "Postgres";
    }

    /// Opens a fresh, empty database of the given kind; PostgreSQL gets its own schema, dropped afterwards.
    class TestDatabase
    {
    public:
        explicit TestDatabase(Backend backend);
        ~TestDatabase();
        bool available() const { return db_ != nullptr; }
        db::Database& db() { return *db_; }
        std::string url() const { return url_; }

    private:
        std::unique_ptr<db::Database> db_;
        std::string url_;
        std::string dir_;
        std::string schema_;
    };
} // namespace soulspot::testing
