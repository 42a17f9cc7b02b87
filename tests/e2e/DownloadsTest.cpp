// The download lifecycle end to end: the real binary against the wire-faithful fake slskd (issue 3 §9).
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "DownloadWorld.hpp"

namespace soulspot::testing
{
    using nlohmann::json;

    namespace
    {
        const char* const kQuery = "daft punk one more time";
        const char* const kAliceFile = "@@alice\\Music\\Daft Punk\\Discovery\\01 - One More Time.flac";
        const char* const kBobFile = "@@bob\\mp3\\Daft Punk - Discovery\\Daft Punk - One More Time.mp3";

        struct Scenario
        {
            DownloadWorld& world;
            json data;

            explicit Scenario(DownloadWorld& w) : world(w)
            {
                SharedFile alice{"alice", kAliceFile, w.flac(), 10,
                                 static_cast<int>(std::filesystem::file_size(w.flac()) * 8 / 10 / 1000)};
                SharedFile bob{"bob", kBobFile, w.mp3(), 10, 320};
                data = {{"searches", {{kQuery, {{"duration_ms", 200}, {"responses", json::array({DownloadWorld::response(alice),
                                                                                                DownloadWorld::response(bob)})}}}}},
                        {"default_search", {{"duration_ms", 50}, {"responses", json::array()}}},
                        {"transfers",
                         {{std::string("alice|") + kAliceFile, {{"outcome", "Succeeded"}, {"source_file", w.flac().string()}}},
                          {std::string("bob|") + kBobFile, {{"outcome", "Succeeded"}, {"source_file", w.mp3().string()}}}}},
                        {"default_transfer", {{"outcome", "Succeeded"}, {"queue_ms", 50}, {"init_ms", 20}, {"duration_ms", 200}}},
                        {"responses_delay_ms", 200}};
            }
            json& transfer(const std::string& user, const std::string& file) { return data["transfers"][user + "|" + file]; }
        };

        std::string reasonOfFirstFailure(const json& d)
        {
            for (const auto& a : d["attempt_history"])
                if (a["outcome"] == "failed")
                    return a["reason_code"].is_null() ? "" : a["reason_code"].get<std::string>();
            return "";
        }
    } // namespace

    TEST(Downloads, HappyPathPicksTheLosslessFileAndShowsWhy)
    {
        DownloadWorld world;
        Scenario s(world);
        world.startSlskd(s.data);
        world.startServer();
        const auto id = world.requestDownload("Daft Punk", "One More Time");

        // The same track again while active: 200 with the existing download.
        json again = {{"track", {{"artist", "Daft Punk"}, {"title", "One More Time"}, {"duration_ms", 10000}}}};
        auto dup = world.server().request("POST", "/api/v1/downloads", again.dump());
        ASSERT_TRUE(dup);
        EXPECT_EQ(dup->status, 200);
        EXPECT_EQ(json::parse(dup->body)["id"], id);

        auto d = world.waitForStatus(id, kDone);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["source"]["username"], "alice");
        EXPECT_EQ(d["source"]["filename"], kAliceFile);
        EXPECT_EQ(d["progress_percent"], 100.0);
        EXPECT_EQ(d["attempts"], 1);
        EXPECT_TRUE(std::filesystem::exists(d["local_path"].get<std::string>())) << d["local_path"];
        ASSERT_GE(d["candidates"].size(), 2u);
        EXPECT_EQ(d["candidates"][0]["username"], "alice");
        EXPECT_TRUE(d["candidates"][0]["accepted"].get<bool>());
        EXPECT_FALSE(d["candidates"][0]["reasons"].empty());
        EXPECT_EQ(d["track"]["artist"], "Daft Punk");
        EXPECT_FALSE(d["completed_at"].is_null());

        // The runbook's queries.
        auto list = world.server().request("GET", "/api/v1/downloads?status=COMPLETED,IMPORTED&limit=10");
        ASSERT_TRUE(list);
        EXPECT_TRUE(json::parse(list->body).is_array());
        EXPECT_EQ(list->header("X-Total-Count").value_or(""), "1");
        EXPECT_EQ(world.server().request("GET", "/api/v1/downloads?status=BOGUS")->status, 400);
        EXPECT_EQ(world.server().request("GET", "/api/v1/downloads/999999")->status, 404);
        EXPECT_EQ(world.server().request("POST", "/api/v1/downloads", "{not json")->status, 400);
        EXPECT_EQ(world.server().request("POST", "/api/v1/downloads", R"({"track":{"title":"x"}})")->status, 400);

        // Tracked by transfer id: exactly one enqueue reached slskd.
        auto calls = world.control("GET", "calls");
        EXPECT_EQ(calls["enqueued"].size(), 1u);
    }

    class DownloadFailures : public ::testing::TestWithParam<std::string>
    {
    };

    TEST_P(DownloadFailures, FallBackToTheNextCandidateAndBlockTheSource)
    {
        DownloadWorld world;
        Scenario s(world);
        s.transfer("alice", kAliceFile) = {{"outcome", GetParam()}, {"duration_ms", 200}, {"exception", "peer said no"}};
        world.startSlskd(s.data);
        world.startServer();
        const auto id = world.requestDownload("Daft Punk", "One More Time");
        auto d = world.waitForStatus(id, kDone);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["source"]["username"], "bob");
        EXPECT_EQ(d["attempts"], 2);
        const std::map<std::string, std::string> expected{
            {"Errored", "errored"}, {"Rejected", "rejected"}, {"TimedOut", "timed_out"}, {"Aborted", "aborted"}};
        EXPECT_EQ(reasonOfFirstFailure(d), expected.at(GetParam())) << d["attempt_history"].dump(2);
        auto block = world.server().request("GET", "/api/v1/blocklist");
        auto entries = json::parse(block->body);
        ASSERT_EQ(entries.size(), 1u) << entries.dump();
        EXPECT_EQ(entries[0]["username"], "alice");
        EXPECT_EQ(entries[0]["filename"], kAliceFile);
    }

    INSTANTIATE_TEST_SUITE_P(TerminalStates, DownloadFailures, ::testing::Values("Errored", "Rejected", "TimedOut", "Aborted"));

    TEST(Downloads, UserOfflineFallsBackWithoutBlockingTheFile)
    {
        DownloadWorld world;
        Scenario s(world);
        s.data["users_offline"] = json::array({"alice"});
        world.startSlskd(s.data);
        world.startServer();
        auto d = world.waitForStatus(world.requestDownload("Daft Punk", "One More Time"), kDone);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["source"]["username"], "bob");
        EXPECT_EQ(reasonOfFirstFailure(d), "user_offline");
    }

    TEST(Downloads, StalledTransferIsCancelledAtSlskdAndReplaced)
    {
        DownloadWorld world;
        Scenario s(world);
        s.transfer("alice", kAliceFile) = {{"outcome", "Stall"}, {"stall_at", 0.3}, {"duration_ms", 400}};
        world.startSlskd(s.data);
        world.startServer({{"DOWNLOAD_STALL_TIMEOUT", "10"}});
        auto d = world.waitForStatus(world.requestDownload("Daft Punk", "One More Time"), kDone, 40000);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["source"]["username"], "bob");
        EXPECT_EQ(reasonOfFirstFailure(d), "stalled");
        // Cancelled with remove=true: slskd no longer lists alice's transfer.
        auto state = world.control("GET", "state");
        for (const auto& t : state["transfers"])
        {
            if (t["username"] == "alice")
            {
                EXPECT_TRUE(t["removed"].get<bool>()) << t.dump();
            }
        }
    }

    TEST(Downloads, EveryCandidateFailingEndsFailedAfterTheRetries)
    {
        DownloadWorld world;
        Scenario s(world);
        s.transfer("alice", kAliceFile) = {{"outcome", "Rejected"}};
        s.transfer("bob", kBobFile) = {{"outcome", "Errored"}};
        world.startSlskd(s.data);
        world.startServer({{"DOWNLOAD_MAX_RETRIES", "1"}});
        auto d = world.waitForStatus(world.requestDownload("Daft Punk", "One More Time"), {"FAILED"}, 30000);
        ASSERT_EQ(d["status"], "FAILED") << d.dump(2);
        EXPECT_EQ(d["attempts"], 2);
        EXPECT_FALSE(d["error"].is_null());

        // Retry is only for finished downloads; a retried one runs again.
        auto retry = world.server().request("POST", "/api/v1/downloads/" + std::to_string(d["id"].get<int>()) + "/retry");
        EXPECT_EQ(retry->status, 200);
        EXPECT_EQ(json::parse(retry->body)["status"], "QUEUED");
    }

    TEST(Downloads, NothingConfidentIsNotFound)
    {
        DownloadWorld world;
        Scenario s(world);
        world.startSlskd(s.data);
        world.startServer();
        auto d = world.waitForStatus(world.requestDownload("Nobody Known", "Song That Does Not Exist"), {"NOT_FOUND"});
        ASSERT_EQ(d["status"], "NOT_FOUND") << d.dump(2);
        EXPECT_EQ(d["error"]["code"], "no_match");
        EXPECT_EQ(d["attempts"], 0);
        EXPECT_FALSE(d["next_attempt_at"].is_null()) << "NOT_FOUND is searched again later";
        auto conflict = world.server().request("POST", "/api/v1/downloads/" + std::to_string(d["id"].get<int>()) + "/cancel");
        EXPECT_EQ(conflict->status, 200) << "a waiting NOT_FOUND can be cancelled";
        auto again = world.server().request("POST", "/api/v1/downloads/" + std::to_string(d["id"].get<int>()) + "/cancel");
        EXPECT_EQ(again->status, 409);
    }

    TEST(Downloads, JwtIsRenewedAfterSlskdRestarts)
    {
        DownloadWorld world;
        Scenario s(world);
        world.startSlskd(s.data, {"--username", "soul", "--password", "spot"});
        world.startServer({{"SLSKD_API_KEY", ""}, {"SLSKD_USERNAME", "soul"}, {"SLSKD_PASSWORD", "spot"}});
        auto first = world.waitForStatus(world.requestDownload("Daft Punk", "One More Time"), kDone);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), first["status"]) != kDone.end()) << first.dump(2);
        world.control("POST", "restart", {{"keep_state", true}}); // new signing key: old tokens get 401
        auto again = world.server().request("POST", "/api/v1/downloads/" + std::to_string(first["id"].get<int>()) + "/retry");
        EXPECT_EQ(again->status, 409) << "done downloads are not retried";
        json other = {{"track", {{"artist", "Daft Punk"}, {"title", "One More Time"}, {"album", "Live"}, {"duration_ms", 10000},
                                 {"isrc", "GBDUW0000059"}}},
                     {"force", true}}; // the first download already put "One More Time" in the library
        auto created = world.server().request("POST", "/api/v1/downloads", other.dump());
        ASSERT_EQ(created->status, 201) << created->body;
        auto d = world.waitForStatus(json::parse(created->body)["id"].get<std::int64_t>(), kDone);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        auto calls = world.control("GET", "calls");
        EXPECT_GE(calls["counts"]["POST /api/v0/session"].get<int>(), 2) << "logged in again after the restart";
    }

    TEST(Downloads, SlskdDownThenUpWaitsWithoutChargingAttempts)
    {
        DownloadWorld world;
        Scenario s(world);
        world.startSlskd(s.data);
        world.startServer({{"CIRCUIT_BREAKER_FAILURE_THRESHOLD", "2"}, {"CIRCUIT_BREAKER_TIMEOUT", "2"}});
        world.slskd().stop();
        const auto id = world.requestDownload("Daft Punk", "One More Time");
        bool open = false;
        for (int i = 0; i < 100 && !open; ++i)
        {
            auto ready = world.server().request("GET", "/ready");
            open = json::parse(ready->body)["checks"]["circuit_breakers"]["slskd"] == "OPEN";
            if (!open)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        EXPECT_TRUE(open);
        auto waiting = world.download(id);
        EXPECT_EQ(waiting["status"], "QUEUED") << waiting.dump(2);
        EXPECT_EQ(waiting["attempts"], 0);
        world.slskd().restart();
        auto d = world.waitForStatus(id, kDone, 40000);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["attempts"], 1);
    }

    TEST(Downloads, RateLimitStormsAreRiddenOut)
    {
        DownloadWorld world;
        Scenario s(world);
        s.data["search_post_429_times"] = 4;
        s.data["enqueue_429_times"] = 3;
        world.startSlskd(s.data);
        world.startServer();
        auto d = world.waitForStatus(world.requestDownload("Daft Punk", "One More Time"), kDone, 40000);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        auto calls = world.control("GET", "calls");
        EXPECT_EQ(calls["enqueued"].size(), 1u);
    }

    TEST(Downloads, KillNineMidTransferResumesWithoutEnqueueingTwice)
    {
        DownloadWorld world;
        Scenario s(world);
        s.transfer("alice", kAliceFile) = {{"outcome", "Succeeded"}, {"duration_ms", 4000}, {"source_file", world.flac().string()}};
        world.startSlskd(s.data);
        world.startServer();
        const auto id = world.requestDownload("Daft Punk", "One More Time");
        auto downloading = world.waitForStatus(id, {"DOWNLOADING"});
        ASSERT_EQ(downloading["status"], "DOWNLOADING");
        world.server().kill9();
        world.server().restart();
        auto d = world.waitForStatus(id, kDone, 30000);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["source"]["username"], "alice");
        EXPECT_EQ(d["attempts"], 1);
        auto calls = world.control("GET", "calls");
        EXPECT_EQ(calls["enqueued"].size(), 1u) << "the transfer slskd had was re-attached, not enqueued again";
    }

    TEST(Downloads, CancelAndPickAnother)
    {
        DownloadWorld world;
        Scenario s(world);
        s.transfer("alice", kAliceFile) = {{"outcome", "Succeeded"}, {"duration_ms", 60000}, {"source_file", world.flac().string()}};
        world.startSlskd(s.data);
        world.startServer();
        const auto id = world.requestDownload("Daft Punk", "One More Time");
        ASSERT_EQ(world.waitForStatus(id, {"DOWNLOADING"})["status"], "DOWNLOADING");
        // The user prefers bob's file (rank 1): alice's transfer is cancelled at slskd and bob's enqueued.
        auto chosen = world.server().request("POST", "/api/v1/downloads/" + std::to_string(id) + "/candidates/1/choose");
        ASSERT_EQ(chosen->status, 200) << chosen->body;
        auto d = world.waitForStatus(id, kDone);
        ASSERT_TRUE(std::find(kDone.begin(), kDone.end(), d["status"]) != kDone.end()) << d.dump(2);
        EXPECT_EQ(d["source"]["username"], "bob");
        EXPECT_EQ(world.server().request("POST", "/api/v1/downloads/" + std::to_string(id) + "/candidates/99/choose")->status, 404);

        // Cancel a running one: gone at slskd too.
        json other = {{"track", {{"artist", "Daft Punk"}, {"title", "One More Time"}, {"isrc", "FRZ039800212"}, {"duration_ms", 10000}}},
                     {"force", true}}; // already in the library after the first download
        auto created = world.server().request("POST", "/api/v1/downloads", other.dump());
        const auto id2 = json::parse(created->body)["id"].get<std::int64_t>();
        ASSERT_EQ(world.waitForStatus(id2, {"DOWNLOADING"})["status"], "DOWNLOADING");
        auto cancelled = world.server().request("POST", "/api/v1/downloads/" + std::to_string(id2) + "/cancel");
        ASSERT_EQ(cancelled->status, 200);
        EXPECT_EQ(json::parse(cancelled->body)["status"], "CANCELLED");
        auto state = world.control("GET", "state");
        for (const auto& t : state["transfers"])
        {
            if (t["username"] == "alice")
            {
                EXPECT_TRUE(t["removed"].get<bool>()) << t.dump();
            }
        }
        EXPECT_EQ(world.server().request("PATCH", "/api/v1/downloads/" + std::to_string(id2), R"({"priority":7})")->status, 200);
        EXPECT_EQ(world.download(id2)["priority"], 7);
    }

    TEST(Downloads, FiveHundredQueuedAtOnceRespectTheConcurrencyLimit)
    {
        DownloadWorld world;
        Scenario s(world);
        s.data["default_search"] = {{"duration_ms", 20}, {"responses", json::array()}};
        s.data["responses_delay_ms"] = 0;
        world.startSlskd(s.data);
        world.startServer({{"DOWNLOAD_MAX_CONCURRENT", "4"}, {"SEARCH_BAN_EMPTY_STREAK", "0"}, {"SEARCH_MAX_PER_WINDOW", "1000"}});
        // Pause first, so the queue fills before anything starts.
        ASSERT_EQ(world.server().request("POST", "/api/v1/downloads/pause")->status, 200);
        for (int i = 0; i < 500; ++i)
            world.requestDownload("Queue Artist", "Queued Song Number " + std::to_string(i + 1));
        auto queued = world.server().request("GET", "/api/v1/downloads?status=QUEUED&limit=1");
        EXPECT_EQ(queued->header("X-Total-Count").value_or(""), "500");
        ASSERT_EQ(world.server().request("POST", "/api/v1/downloads/resume")->status, 200);
        int maxActive = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        for (;;)
        {
            auto active = world.server().request("GET", "/api/v1/downloads?status=SEARCHING,DOWNLOADING&limit=1");
            maxActive = std::max(maxActive, std::stoi(active->header("X-Total-Count").value_or("0")));
            auto left = world.server().request("GET", "/api/v1/downloads?status=QUEUED,SEARCHING,DOWNLOADING&limit=1");
            if (left->header("X-Total-Count").value_or("") == "0" || std::chrono::steady_clock::now() > deadline)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        EXPECT_LE(maxActive, 4);
        auto notFound = world.server().request("GET", "/api/v1/downloads?status=NOT_FOUND&limit=1");
        EXPECT_EQ(notFound->header("X-Total-Count").value_or(""), "500");
        auto metrics = world.server().request("GET", "/metrics");
        EXPECT_NE(metrics->body.find("soulspot_db_busy_errors_total 0"), std::string::npos);
    }
} // namespace soulspot::testing
