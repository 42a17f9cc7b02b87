// The foundation as an operator meets it: the real binary, started like `make run`, probed like the runbook.
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "RawSocket.hpp"
#include "ServerProcess.hpp"

namespace soulspot::testing
{
    using nlohmann::json;
    namespace fs = std::filesystem;

    TEST(Foundation, HealthAndReadyAnswerLikeTheRunbookSays)
    {
        ServerProcess server;
        for (const char* path : {"/health", "/api/v1/health"})
        {
            auto r = server.request("GET", path);
            ASSERT_TRUE(r);
            EXPECT_EQ(r->status, 200);
            auto j = json::parse(r->body);
            EXPECT_EQ(j["status"], "healthy");
            EXPECT_TRUE(j.contains("version"));
            EXPECT_TRUE(j["uptime_seconds"].is_number());
        }
        auto ready = server.request("GET", "/ready");
        ASSERT_TRUE(ready);
        EXPECT_EQ(ready->status, 200);
        auto j = json::parse(ready->body);
        EXPECT_EQ(j["status"], "ready");
        EXPECT_EQ(j["checks"]["database"]["status"], "up");
        EXPECT_EQ(j["checks"]["slskd"]["status"], "not_configured");
        EXPECT_EQ(j["checks"]["spotify"]["status"], "not_configured");
        for (const char* s : {"slskd", "spotify", "musicbrainz"})
            EXPECT_EQ(j["checks"]["circuit_breakers"][s], "CLOSED") << s;
    }

    TEST(Foundation, ReadyReportsADownSlskdWithoutBecomingNotReady)
    {
        FakeServer fake("fake_http.py"); // answers 404 on /api/v0/application
        ServerProcess server({{"SLSKD_URL", fake.baseUrl()}, {"SLSKD_API_KEY", "k"}});
        auto r = server.request("GET", "/ready");
        ASSERT_TRUE(r);
        auto j = json::parse(r->body);
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(j["checks"]["slskd"]["status"], "down");
        EXPECT_EQ(j["degraded"], true);
    }

    TEST(Foundation, ErrorsAreJsonWithTheRightStatus)
    {
        ServerProcess server(std::map<std::string, std::string>{{"API_MAX_BODY_BYTES", "2048"}});
        auto notFound = server.request("GET", "/api/v1/nothing-here");
        ASSERT_TRUE(notFound);
        EXPECT_EQ(notFound->status, 404);
        EXPECT_EQ(json::parse(notFound->body)["error"]["code"], "not_found");

        auto wrongMethod = server.request("DELETE", "/health");
        EXPECT_EQ(wrongMethod->status, 405);
        EXPECT_EQ(wrongMethod->header("Allow").value_or(""), "GET");
        EXPECT_TRUE(json::parse(wrongMethod->body)["error"].contains("message"));

        auto tooLarge = server.request("POST", "/health", std::string(5000, 'x'));
        ASSERT_TRUE(tooLarge);
        EXPECT_EQ(tooLarge->status, 413);
        EXPECT_EQ(json::parse(tooLarge->body)["error"]["code"], "payload_too_large");

        const int port = std::stoi(server.baseUrl().substr(server.baseUrl().rfind(':') + 1));
        const auto garbage = rawExchange(port, "THIS IS NOT HTTP\r\n\r\n");
        EXPECT_NE(garbage.find(" 400 "), std::string::npos) << garbage;
        const auto hugeHeader = rawExchange(port, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(40000, 'a') + "\r\n\r\n");
        EXPECT_NE(hugeHeader.find(" 431 "), std::string::npos) << hugeHeader.substr(0, 100);

        // Still serving after all of that.
        EXPECT_EQ(server.request("GET", "/health")->status, 200);
    }

    TEST(Foundation, KeepAliveServesSeveralRequestsOnOneConnection)
    {
        ServerProcess server;
        const int port = std::stoi(server.baseUrl().substr(server.baseUrl().rfind(':') + 1));
        const std::string one = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
        const auto reply = rawExchange(port, one + one + "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        std::size_t count = 0;
        for (auto pos = reply.find("HTTP/1.1 200"); pos != std::string::npos; pos = reply.find("HTTP/1.1 200", pos + 1))
            ++count;
        EXPECT_EQ(count, 3u);
    }

    TEST(Foundation, CorrelationIdIsEchoedAndLogged)
    {
        ServerProcess server;
        auto r = server.request("GET", "/api/v1/health", {}, {{"X-Correlation-ID", "test-cid-42"}});
        ASSERT_TRUE(r);
        EXPECT_EQ(r->header("X-Correlation-ID").value_or(""), "test-cid-42");
        auto generated = server.request("GET", "/api/v1/health");
        EXPECT_EQ(generated->header("X-Correlation-ID").value_or("").size(), 36u);
        // Header injection attempts are replaced, not echoed.
        auto hostile = server.request("GET", "/api/v1/health", {}, {{"X-Correlation-ID", "a\"b{}"}});
        EXPECT_NE(hostile->header("X-Correlation-ID").value_or(""), "a\"b{}");

        bool found = false;
        for (const auto& line : server.logLines())
        {
            auto j = json::parse(line, nullptr, false);
            ASSERT_FALSE(j.is_discarded()) << "not JSON: " << line;
            for (const char* key : {"timestamp", "level", "logger", "message"})
                ASSERT_TRUE(j.contains(key)) << line;
            if (line.find(R"("correlation_id":"test-cid-42")") != std::string::npos && j["logger"] == "http.access")
            {
                found = true;
                EXPECT_EQ(j["method"], "GET");
                EXPECT_EQ(j["path"], "/api/v1/health");
                EXPECT_EQ(j["status"], 200);
                EXPECT_TRUE(j.contains("duration_ms"));
            }
        }
        EXPECT_TRUE(found);
    }

    TEST(Foundation, SigtermFinishesInFlightRequestsAndExitsZero)
    {
        FakeServer fake("fake_http.py");
        // The slskd probe behind /ready takes 1.5 s: a request that is in flight when SIGTERM arrives.
        ServerProcess server(std::map<std::string, std::string>{{"SLSKD_URL", fake.baseUrl() + "/slow"}});
        auto pending = std::async(std::launch::async, [&] { return server.request("GET", "/ready"); });
        std::this_thread::sleep_for(std::chrono::milliseconds(400));
        const auto started = std::chrono::steady_clock::now();
        const int code = server.terminate();
        auto r = pending.get();
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(r->status, 200);
        EXPECT_EQ(code, 0);
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
        const auto lines = server.logLines();
        ASSERT_FALSE(lines.empty());
        EXPECT_NE(lines.back().find("stopped"), std::string::npos);
    }

    TEST(Foundation, BadConfigurationStopsStartupWithOneClearLine)
    {
        const auto dir = makeTempDir("soulspot-badcfg");
        struct Case { std::map<std::string, std::string> env; std::string dotenv; std::string mentions; };
        for (const Case& c : {Case{{{"API_PORT", "abc"}}, "", "API_PORT"},
                              Case{{{"DATABASE_URL", "mysql://x"}}, "", "DATABASE_URL"},
                              Case{{{"SLSKD_URL", "ftp://host"}}, "", "SLSKD_URL"},
                              Case{{{"LOG_FORMAT", "xml"}}, "", "LOG_FORMAT"},
                              Case{{}, "API_PORT=99999\n", "API_PORT"},
                              Case{{}, "this line is wrong\n", ".env line 1"}})
        {
            std::ofstream(dir + "/.env") << c.dotenv;
            auto r = runSoulspot({"serve"}, dir, c.env);
            EXPECT_EQ(r.exitCode, 2) << c.mentions;
            EXPECT_NE(r.err.find(c.mentions), std::string::npos) << r.err;
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        }
        // An unreadable .env (a directory here, since tests may run as root) is an error too.
        fs::remove(dir + "/.env");
        fs::create_directory(dir + "/.env");
        auto r = runSoulspot({"config"}, dir, {});
        EXPECT_EQ(r.exitCode, 2);
        EXPECT_NE(r.err.find(".env"), std::string::npos) << r.err;
        fs::remove_all(dir);
    }

    TEST(Foundation, CliUsageErrorsExitTwoAndConfigMasksSecrets)
    {
        const auto dir = makeTempDir("soulspot-cli");
        EXPECT_EQ(runSoulspot({"frobnicate"}, dir, {}).exitCode, 2);
        EXPECT_EQ(runSoulspot({"db"}, dir, {}).exitCode, 2);
        EXPECT_EQ(runSoulspot({"db", "backup"}, dir, {}).exitCode, 2);
        EXPECT_EQ(runSoulspot({"db", "upgrade", "banana"}, dir, {}).exitCode, 2);
        auto v = runSoulspot({"version"}, dir, {});
        EXPECT_EQ(v.exitCode, 0);
        EXPECT_NE(v.out.find("soulspot "), std::string::npos);

        std::ofstream(dir + "/.env") << "SLSKD_API_KEY=from-dotenv-secret\nAPI_PORT=9999\n";
        auto cfg = runSoulspot({"config"}, dir,
                               {{"SPOTIFY_CLIENT_SECRET", "hunter2"}, {"DATABASE_URL", "postgresql://u:pw123@h/db"}, {"API_PORT", "8000"}});
        EXPECT_EQ(cfg.exitCode, 0);
        EXPECT_EQ(cfg.out.find("hunter2"), std::string::npos);
        EXPECT_EQ(cfg.out.find("from-dotenv-secret"), std::string::npos);
        EXPECT_EQ(cfg.out.find("pw123"), std::string::npos);
        EXPECT_NE(cfg.out.find("API_PORT=8000  # environment"), std::string::npos) << cfg.out;
        EXPECT_NE(cfg.out.find("SLSKD_API_KEY=********  # .env"), std::string::npos) << cfg.out;
        fs::remove_all(dir);
    }

    TEST(Foundation, DatabaseCommandsWorkAgainstTheServersDatabase)
    {
        ServerProcess server;
        auto current = server.runCli({"db", "current"});
        EXPECT_EQ(current.exitCode, 0) << current.err;
        EXPECT_NE(current.out.find("(head)"), std::string::npos) << current.out;

        // Backup while the server runs and writes.
        auto backup = server.runCli({"db", "backup", "backup.db"});
        EXPECT_EQ(backup.exitCode, 0) << backup.err;
        EXPECT_TRUE(fs::exists(server.workDir() + "/backup.db"));
        auto refused = server.runCli({"db", "restore", "backup.db"});
        EXPECT_EQ(refused.exitCode, 2);
        EXPECT_NE(refused.err.find("stop it first"), std::string::npos) << refused.err;

        EXPECT_EQ(server.terminate(), 0);
        auto down = server.runCli({"db", "downgrade", "-1"});
        EXPECT_EQ(down.exitCode, 0) << down.err;
        EXPECT_EQ(server.runCli({"db", "current"}).out.find("(head)"), std::string::npos) << "one step below head";
        EXPECT_EQ(server.runCli({"db", "downgrade", "base"}).exitCode, 0);
        EXPECT_NE(server.runCli({"db", "current"}).out.find("0 (base)"), std::string::npos);
        auto up = server.runCli({"db", "upgrade"});
        EXPECT_EQ(up.exitCode, 0) << up.err;
        auto restore = server.runCli({"db", "restore", "backup.db"});
        EXPECT_EQ(restore.exitCode, 0) << restore.err;
        auto restoreMissing = server.runCli({"db", "restore", "nope.db"});
        EXPECT_EQ(restoreMissing.exitCode, 2);
        server.restart();
        EXPECT_EQ(server.request("GET", "/health")->status, 200);
    }

    TEST(Foundation, CacheFolderComesBackWhenDeleted)
    {
        ServerProcess server;
        const auto cache = server.workDir() + "/data/cache";
        ASSERT_TRUE(fs::exists(cache));
        fs::remove_all(cache);
        for (int i = 0; i < 50 && !fs::exists(cache); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        EXPECT_TRUE(fs::exists(cache));
    }

    TEST(Foundation, MetricsExposeRequestsBreakersAndMemory)
    {
        ServerProcess server;
        (void)server.request("GET", "/health");
        auto r = server.request("GET", "/metrics");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        for (const char* needle : {"soulspot_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}",
                                   "soulspot_http_request_duration_seconds_bucket", "soulspot_circuit_breaker_state{service=\"slskd\"} 0",
                                   "soulspot_process_resident_memory_bytes", "# TYPE soulspot_downloads gauge"})
            EXPECT_NE(r->body.find(needle), std::string::npos) << needle;
        auto docs = server.request("GET", "/docs");
        EXPECT_EQ(docs->status, 200);
        EXPECT_NE(docs->body.find("/api/v1/health"), std::string::npos);
        auto openapi = server.request("GET", "/openapi.json");
        EXPECT_EQ(json::parse(openapi->body)["openapi"], "3.0.3");
    }
} // namespace soulspot::testing
