#include "DbTestBackends.hpp"

#include <random>

#include "FakeServer.hpp"

namespace soulspot::testing
{
    namespace
    {
        std::string randomSuffix()
        {
            std::mt19937_64 rng{std::random_device{}()};
            return std::to_string(rng() % 1000000000ULL);
        }
    } // namespace

    TestDatabase::TestDatabase(Backend backend)
    {
        if (backend == Backend::Sqlite)
        {
            dir_ = makeTempDir("soulspot-db");
            url_ = "sqlite:///" + dir_ + "/test.db";
        }
        else
        {
            const char* dsn = std::getenv("SOULSPOT_TEST_PG_DSN");
            if (!dsn || !*dsn)
                return;
            // Each test gets its own schema, selected through libpq's "options" so every pooled
            // connection sees it.
            schema_ = "t" + randomSuffix();
            auto admin = db::Database::open(*db::parseDatabaseUrl(dsn), {1, 0});
            if (!admin)
                throw std::runtime_error("cannot reach PostgreSQL at " + std::string(dsn) + ": " + admin.error().message);
            (void)(*admin)->execute("CREATE SCHEMA " + schema_);
            const std::string base(dsn);
            url_ = base + (base.find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" + schema_;
        }
        auto parsed = db::parseDatabaseUrl(url_);
        auto opened = db::Database::open(*parsed, {2, 2});
        if (!opened)
            throw std::runtime_error("cannot open test database: " + opened.error().message);
        db_ = std::move(*opened);
    }

    TestDatabase::~TestDatabase()
    {
        db_.reset();
        std::error_code ec;
        if (!dir_.empty())
            std::filesystem::remove_all(dir_, ec);
        if (!schema_.empty())
        {
            auto admin = db::Database::open(*db::parseDatabaseUrl(std::getenv("SOULSPOT_TEST_PG_DSN")), {1, 0});
            if (admin)
                (void)(*admin)->execute("DROP SCHEMA " + schema_ + " CASCADE");
        }
    }
} // namespace soulspot::testing
