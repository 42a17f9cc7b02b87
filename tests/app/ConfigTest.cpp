#include "app/Config.hpp"

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "FakeServer.hpp"

namespace soulspot::app
{
    namespace
    {
        EnvLookup envOf(std::map<std::string, std::string> m)
        {
            return [m = std::move(m)](const std::string& k) -> std::optional<std::string> {
                auto it = m.find(k);
                if (it == m.end())
                    return std::nullopt;
                return it->second;
            };
        }
    } // namespace

    TEST(Config, DefaultsMatchTheRunbook)
    {
        auto c = loadConfig(envOf({}), "/nonexistent/.env");
        ASSERT_TRUE(c) << c.error().message;
        EXPECT_EQ(c->apiHost, "0.0.0.0");
        EXPECT_EQ(c->apiPort, 8765);
        EXPECT_EQ(c->databaseUrl, "sqlite:///./data/soulspot.db");
        EXPECT_EQ(c->databasePoolSize, 5);
        EXPECT_EQ(c->databaseMaxOverflow, 10);
        EXPECT_EQ(c->logLevel, core::LogLevel::Info);
        EXPECT_EQ(c->logFormat, core::LogFormat::Json);
        EXPECT_EQ(c->downloadPath, "./mnt/downloads");
        EXPECT_EQ(c->slskdDownloadPath, "./mnt/downloads");
        EXPECT_EQ(c->breakerFailureThreshold, 5);
        EXPECT_EQ(c->breakerTimeoutSeconds, 60);
        EXPECT_EQ(c->breakerSuccessThreshold, 2);
        EXPECT_FALSE(c->slskdConfigured());
    }

    TEST(Config, EnvironmentBeatsDotEnvBeatsDefaults)
    {
        const auto dir = testing::makeTempDir("soulspot-cfg");
        std::ofstream(dir + "/.env") << "# comment\nexport API_PORT=9000\nLOG_LEVEL=\"warning\"\nSLSKD_URL='http://slskd:5030'  \nDEBUG=true # trailing\n";
        auto c = loadConfig(envOf({{"API_PORT", "9100"}}), dir + "/.env");
        ASSERT_TRUE(c) << c.error().message;
        EXPECT_EQ(c->apiPort, 9100);
        EXPECT_EQ(c->origins.at("API_PORT"), "environment");
        EXPECT_EQ(c->slskdUrl, "http://slskd:5030");
        EXPECT_EQ(c->origins.at("SLSKD_URL"), ".env");
        EXPECT_TRUE(c->debug);
        EXPECT_EQ(c->logLevel, core::LogLevel::Debug) << "DEBUG=true implies DEBUG level";
    }

    TEST(Config, RejectsInvalidValuesNamingTheVariable)
    {
        struct Case { const char* name; const char* value; };
        for (const Case& c : {Case{"API_PORT", "abc"}, Case{"API_PORT", "0"}, Case{"API_PORT", "70000"},
                              Case{"DATABASE_URL", "oracle://x"}, Case{"LOG_LEVEL", "LOUD"}, Case{"LOG_FORMAT", "yaml"},
                              Case{"DEBUG", "maybe"}, Case{"SPOTIFY_API_URL", "api.spotify.com"},
                              Case{"DOWNLOAD_MAX_CONCURRENT", "11"}, Case{"AUTH_REQUIRED", "never"},
                              Case{"DATABASE_POOL_SIZE", "-1"}})
        {
            auto r = loadConfig(envOf({{c.name, c.value}}), "/nonexistent/.env");
            ASSERT_FALSE(r) << c.name << "=" << c.value;
            EXPECT_NE(r.error().message.find(c.name), std::string::npos) << r.error().message;
        }
    }

    // Found by fuzz/DotEnvFuzz.cpp: a variable without an upper bound accepted 999999999999, which wrapped to a
    // negative int in Config.
    TEST(Config, UnboundedIntegersStillFitAnInt)
    {
        auto wraps = loadConfig(envOf({{"SPOTIFY_SYNC_INTERVAL", "999999999999"}}), "/nonexistent/.env");
        ASSERT_FALSE(wraps);
        EXPECT_NE(wraps.error().message.find("SPOTIFY_SYNC_INTERVAL"), std::string::npos) << wraps.error().message;
        auto fits = loadConfig(envOf({{"SPOTIFY_SYNC_INTERVAL", "2147483647"}}), "/nonexistent/.env");
        ASSERT_TRUE(fits);
        EXPECT_EQ(fits->spotifySyncIntervalMinutes, 2147483647);
    }

    TEST(Config, DotEnvParseErrorsNameTheLine)
    {
        auto r = parseDotEnv("A=1\n\nnot a pair\n");
        ASSERT_FALSE(r);
        EXPECT_NE(r.error().message.find("line 3"), std::string::npos);
        EXPECT_FALSE(parseDotEnv("A=\"unterminated\n"));
        auto ok = parseDotEnv("A=\nB = spaced value \nC='#not a comment'\n");
        ASSERT_TRUE(ok);
        EXPECT_EQ(ok->at("A"), "");
        EXPECT_EQ(ok->at("B"), "spaced value");
        EXPECT_EQ(ok->at("C"), "#not a comment");
    }

    TEST(Config, ReferenceDocumentIsUpToDate)
    {
        std::ifstream f(std::string(SOULSPOT_SOURCE_DIR) + "/docs/configuration.md");
        ASSERT_TRUE(f) << "docs/configuration.md missing";
        std::stringstream ss;
        ss << f.rdbuf();
        EXPECT_EQ(ss.str(), renderConfigMarkdown())
            << "regenerate with: build/soulspot config --markdown > docs/configuration.md";
    }
} // namespace soulspot::app
