// Issue 12 §4: two `soulspot serve` processes on one PostgreSQL database claim work with leases, never
// work on the same download, and take over each other's work when one is killed (kill -9).
#include <cstdlib>
#include <map>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "DbTestBackends.hpp"
#include "DownloadWorld.hpp"

namespace soulspot::testing
{
    using nlohmann::json;

    TEST(TwoInstances, ShareOnePostgresWithoutDoublesAndTakeOverAKilledOne)
    {
        if (!std::getenv("SOULSPOT_TEST_PG_DSN"))
            GTEST_SKIP() << "SOULSPOT_TEST_PG_DSN not set";
        TestDatabase pg(Backend::Postgres);
        ASSERT_TRUE(pg.available());

        DownloadWorld world;
        // Distinct words per title, so each search picks exactly its own file.
        const std::vector<std::string> words{"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel"};
        const std::vector<std::string> places{"Harbour", "Lantern", "Meadow"};
        std::vector<std::string> titles;
        for (const auto& w : words)
            for (const auto& p : places)
                titles.push_back(w + " " + p);
        json files = json::array(), transfers = json::object();
        for (std::size_t i = 0; i < titles.size(); ++i)
        {
            const auto path = "@@alice\\Music\\Test Artist\\Album\\" + std::to_string(i + 10) + " - " + titles[i] + ".flac";
            files.push_back({{"filename", path},
                             {"size", static_cast<std::int64_t>(std::filesystem::file_size(world.flac()))},
                             {"length", 10}});
            transfers["alice|" + path] = {{"outcome", "Succeeded"}, {"source_file", world.flac().string()}};
        }
        const json response = {{"username", "alice"}, {"hasFreeUploadSlot", true}, {"uploadSpeed", 1000000},
                               {"queueLength", 0},    {"fileCount", files.size()},   {"files", files},
                               {"lockedFileCount", 0}, {"lockedFiles", json::array()}};
        world.startSlskd({{"default_search", {{"duration_ms", 100}, {"responses", json::array({response})}}},
                          {"transfers", transfers},
                          {"default_transfer", {{"outcome", "Succeeded"}, {"queue_ms", 300}, {"init_ms", 100}, {"duration_ms", 1000}}},
                          {"responses_delay_ms", 50}});
        const std::map<std::string, std::string> shared{{"DATABASE_URL", pg.url()},
                                                        {"DOWNLOAD_LEASE_TTL", "5"},
                                                        {"DOWNLOAD_MAX_CONCURRENT", "3"}};
        auto envA = shared, envB = shared;
        envA["INSTANCE_ID"] = "instance-a";
        envB["INSTANCE_ID"] = "instance-b";
        auto& a = world.startServer(envA);
        ServerProcess b(world.serverEnv(envB), world.dir() + "/server-b");

        std::vector<std::int64_t> ids;
        for (const auto& t : titles)
            ids.push_back(world.requestDownload("Test Artist", t, 10000));

        // Both instances take work (slots are shared: whoever is free first claims the next one).
        std::set<std::string> owners;
        for (int i = 0; i < 300 && owners.size() < 2; ++i)
        {
            auto r = b.request("GET", "/api/v1/downloads");
            ASSERT_TRUE(r && r->status == 200);
            for (const auto& d : json::parse(r->body))
                if (d["claimed_by"].is_string())
                    owners.insert(d["claimed_by"].get<std::string>());
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        EXPECT_EQ(owners, (std::set<std::string>{"instance-a", "instance-b"}));

        a.kill9(); // mid-transfer: b takes over a's rows once their leases run out
        std::map<std::int64_t, std::string> status;
        for (int i = 0; i < 600; ++i)
        {
            bool done = true;
            for (const auto id : ids)
            {
                auto r = b.request("GET", "/api/v1/downloads/" + std::to_string(id));
                ASSERT_TRUE(r && r->status == 200);
                status[id] = json::parse(r->body)["status"].get<std::string>();
                done = done && (status[id] == "COMPLETED" || status[id] == "IMPORTED" || status[id] == "FAILED");
            }
            if (done)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        }
        for (const auto id : ids)
            EXPECT_TRUE(status[id] == "COMPLETED" || status[id] == "IMPORTED") << id << " is " << status[id];

        // No file was enqueued twice: every transfer slskd holds is for a different file.
        const auto calls = world.control("GET", "/calls");
        std::map<std::string, int> perFile;
        for (const auto& e : calls["enqueued"])
            ++perFile[e.value("filename", std::string())];
        EXPECT_EQ(perFile.size(), titles.size());
        for (const auto& [file, n] : perFile)
            EXPECT_EQ(n, 1) << file << " enqueued " << n << " times";
    }
} // namespace soulspot::testing
