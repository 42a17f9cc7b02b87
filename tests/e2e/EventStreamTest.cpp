// GET /api/v1/events as a browser's EventSource uses it: a hello with the current id, download events for
// every change whoever made it, a reset when the client asks for history we no longer hold, and a
// resume that replays exactly what was missed.
#include <regex>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "ServerProcess.hpp"
#include "SourceAddressClient.hpp"

namespace soulspot::testing
{
    using nlohmann::json;
    namespace
    {
        int port(const ServerProcess& s) { return std::stoi(s.baseUrl().substr(s.baseUrl().rfind(':') + 1)); }

        std::int64_t queueDownload(ServerProcess& s, const std::string& title)
        {
            auto r = s.request("POST", "/api/v1/downloads",
                               json{{"track", {{"title", title}, {"artist", "Nova Drift"}, {"duration_ms", 200000}}}}.dump(),
                               {{"Content-Type", "application/json"}});
            EXPECT_TRUE(r && r->status == 201) << (r ? r->body : r.error().message);
            return json::parse(r->body)["id"].get<std::int64_t>();
        }

        std::string lastId(const std::string& stream)
        {
            std::smatch m;
            std::string id, rest = stream;
            while (std::regex_search(rest, m, std::regex("id: (\\d+)")))
            {
                id = m[1];
                rest = m.suffix();
            }
            return id;
        }
    } // namespace

    TEST(EventStream, DownloadChangesArriveLiveAndResumeByLastEventId)
    {
        ServerProcess server;
        EventStreamReader live("127.0.0.1", port(server));
        const auto& hello = live.readUntil("event: hello", 5000);
        ASSERT_NE(hello.find("text/event-stream"), std::string::npos) << hello;
        ASSERT_NE(hello.find("retry: "), std::string::npos);
        const std::string helloId = lastId(hello);
        ASSERT_FALSE(helloId.empty());

        const auto id = queueDownload(server, "Slow Orbit");
        const std::string needle = "\"id\":" + std::to_string(id) + ",";
        const auto& got = live.readUntil(needle, 5000);
        ASSERT_NE(got.find("event: download"), std::string::npos) << got;
        ASSERT_NE(got.find("\"status\":\"QUEUED\""), std::string::npos) << got;

        ASSERT_EQ(server.request("POST", "/api/v1/downloads/" + std::to_string(id) + "/cancel")->status, 200);
        live.readUntil("\"status\":\"CANCELLED\"", 5000);
        EXPECT_NE(live.received().find("\"status\":\"CANCELLED\""), std::string::npos) << "API actions are published too";

        // A client that saw only the hello gets both events replayed, in order.
        EventStreamReader resumed("127.0.0.1", port(server), {{"Last-Event-ID", helloId}});
        const auto& replay = resumed.readUntil("CANCELLED", 5000);
        const auto queued = replay.find("\"status\":\"QUEUED\"");
        const auto cancelled = replay.find("\"status\":\"CANCELLED\"");
        ASSERT_NE(queued, std::string::npos) << replay;
        ASSERT_NE(cancelled, std::string::npos) << replay;
        EXPECT_LT(queued, cancelled);
        EXPECT_EQ(replay.find("event: reset"), std::string::npos);

        // An id from before this run (or garbage) cannot be resumed: the client is told to refetch.
        EventStreamReader stale("127.0.0.1", port(server), {{"Last-Event-ID", "5"}});
        EXPECT_NE(stale.readUntil("event: reset", 5000).find("event: reset"), std::string::npos) << stale.received();
    }

    TEST(EventStream, NeedsCredentialsFromAnUntrustedAddress)
    {
        ServerProcess server(std::map<std::string, std::string>{{"AUTH_TRUSTED_NETWORKS", "127.0.0.1/32"}});
        EXPECT_EQ(httpFrom("127.0.0.2", port(server), "GET", "/api/v1/events").status, 401);
    }

    TEST(EventStream, ManyOpenStreamsDoNotStarveTheApi)
    {
        ServerProcess server;
        std::vector<std::unique_ptr<EventStreamReader>> streams;
        for (int i = 0; i < 12; ++i) // more than the server's worker threads
        {
            streams.push_back(std::make_unique<EventStreamReader>("127.0.0.1", port(server)));
            streams.back()->readUntil("event: hello", 5000);
        }
        const auto started = std::chrono::steady_clock::now();
        auto r = server.request("GET", "/api/v1/downloads");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 200);
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
    }
} // namespace soulspot::testing
