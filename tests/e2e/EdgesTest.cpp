// Bad input at the edges (issue 12 §9): the real binary fed what an adversarial probe sent. Each answer
// must be a clear 4xx/5xx with a JSON body, never a crash, a silent accept, or a cut connection.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <future>
#include <sstream>
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

    namespace
    {
        int portOf(const ServerProcess& s) { return std::stoi(s.baseUrl().substr(s.baseUrl().rfind(':') + 1)); }

        // Sends exactly the headers given (ServerProcess::request adds application/json to any body).
        net::HttpResponse send(const ServerProcess& s, const std::string& method, const std::string& path, const std::string& body,
                               const std::string& contentType)
        {
            static const auto http = net::createCurlHttpClient();
            net::HttpRequest req;
            req.method = method;
            req.url = s.baseUrl() + path;
            req.body = body;
            if (!contentType.empty())
                req.headers.emplace_back("Content-Type", contentType);
            auto r = http->send(req);
            if (!r)
                throw std::runtime_error(method + " " + path + ": " + r.error().message);
            return *r;
        }

        json track(const std::string& artist, const std::string& title) { return {{"track", {{"artist", artist}, {"title", title}}}}; }

        /// Status of a raw HTTP response, or 0 when it is not complete (no status line, or fewer body
        /// bytes than its Content-Length): a cut response.
        int completeStatus(const std::string& reply)
        {
            const auto end = reply.find("\r\n\r\n");
            if (!reply.starts_with("HTTP/1.1 ") || end == std::string::npos)
                return 0;
            const auto cl = reply.find("Content-Length: ");
            if (cl == std::string::npos || cl > end)
                return 0;
            const auto length = std::stoul(reply.substr(cl + 16));
            if (reply.size() - end - 4 < length)
                return 0;
            return std::stoi(reply.substr(9, 3));
        }
    } // namespace

    TEST(Edges, TextFieldsAreBoundedAndControlCharactersRefusedByEveryHandlerThatTakesNames)
    {
        ServerProcess server;
        const std::string mega(1000000, 'a'), nul("a\0b", 3);
        struct Case { std::string method, path; json body; std::string field; };
        for (const Case& c : {
                 Case{"POST", "/api/v1/downloads", track(mega, "t"), "track.artist"},
                 Case{"POST", "/api/v1/downloads", track("a", nul), "track.title"},
                 Case{"POST", "/api/v1/downloads", track("a", std::string(1025, 't')), "track.title"},
                 Case{"POST", "/api/v1/downloads", {{"track", {{"artists", json::array({"ok", nul})}, {"title", "t"}}}}, "track.artists"},
                 Case{"POST", "/api/v1/downloads", {{"track", {{"artists", std::vector<std::string>(33, "x")}, {"title", "t"}}}}, "track.artists"},
                 Case{"POST", "/api/v1/downloads", {{"track", {{"artist", "a"}, {"title", "t"}, {"album", mega}}}}, "track.album"},
                 Case{"POST", "/api/v1/downloads", {{"track", {{"artist", "a"}, {"title", "t"}, {"isrc", std::string(33, 'U')}}}}, "track.isrc"},
                 Case{"POST", "/api/v1/downloads", {{"track", {{"artist", "a"}, {"title", "t"}, {"spotify_id", std::string(257, 'x')}}}}, "track.spotify_id"},
                 Case{"POST", "/api/v1/downloads", {{"track", {{"artist", "a"}, {"title", "t"}}}, {"quality_profile", nul}}, "quality_profile"},
                 Case{"POST", "/api/v1/blocklist", {{"username", nul}}, "username"},
                 Case{"POST", "/api/v1/blocklist", {{"username", "u"}, {"filename", std::string(5000, 'f')}}, "filename"},
                 Case{"POST", "/api/v1/quality-profiles", {{"id", "p"}, {"name", std::string(1025, 'n')}}, "name"},
                 Case{"PUT", "/api/v1/quality-profiles/active", {{"name", nul}}, "name"},
                 Case{"PUT", "/api/v1/settings/naming", {{"track_template", "{artist}/" + nul}}, "track_template"},
                 Case{"POST", "/api/v1/settings/naming/preview", {{"template", std::string(2000, 'x')}}, "template"},
                 Case{"POST", "/api/v1/auth/login", {{"username", nul}, {"password", "p"}}, "username"},
                 Case{"POST", "/api/v1/auth/api-keys", {{"name", "key\x01"}}, "name"},
                 Case{"POST", "/api/v1/playlists/import", {{"url", std::string(3000, 'u')}}, "url"},
                 Case{"POST", "/api/v1/playlists/import-file", {{"content", "A - B\n"}, {"name", nul}}, "name"},
                 Case{"POST", "/api/v1/library/scan", {{"path", "/music\n/x"}}, "path"}})
        {
            auto r = server.request(c.method, c.path, c.body.dump());
            ASSERT_TRUE(r) << c.path;
            EXPECT_EQ(r->status, 400) << c.method << " " << c.path << " " << c.field << ": " << r->body.substr(0, 200);
            const auto j = json::parse(r->body, nullptr, false);
            ASSERT_TRUE(j.is_object()) << r->body.substr(0, 200);
            EXPECT_EQ(j["error"]["field"], c.field) << c.path << ": " << r->body.substr(0, 200);
            EXPECT_LT(r->body.size(), 500u) << "the bad value is not echoed back";
        }
        auto viaQuery = server.request("POST", "/api/v1/playlists/import-file?filename=x.txt&name=a%00b", "");
        ASSERT_TRUE(viaQuery);
        EXPECT_EQ(viaQuery->status, 400) << viaQuery->body;

        // Nothing of the above was stored: the list page stays small.
        auto list = server.request("GET", "/api/v1/downloads");
        ASSERT_TRUE(list);
        EXPECT_EQ(list->header("X-Total-Count").value_or(""), "0");
        EXPECT_LT(list->body.size(), 1000u);
        // The bounds themselves are accepted.
        auto edge = server.request("POST", "/api/v1/downloads", track(std::string(1024, 'a'), "Tab\tless title").dump());
        ASSERT_TRUE(edge);
        EXPECT_EQ(edge->status, 400) << "tab is a control character in a title";
        edge = server.request("POST", "/api/v1/downloads", track(std::string(1024, 'a'), "Exactly at the bound").dump());
        EXPECT_EQ(edge->status, 201) << edge->body.substr(0, 200);
    }

    TEST(Edges, AJsonBodyNeedsAJsonContentType)
    {
        ServerProcess server;
        struct Case { std::string method, path; json body; };
        for (const Case& c : {Case{"POST", "/api/v1/downloads", track("a", "t")},
                              Case{"POST", "/api/v1/blocklist", {{"username", "u"}}},
                              Case{"PUT", "/api/v1/settings/naming", {{"track_template", "{artist}/{title}"}}},
                              Case{"POST", "/api/v1/settings/naming/preview", {{"template", "{artist}"}}},
                              Case{"POST", "/api/v1/quality-profiles", {{"id", "p"}, {"name", "P"}}},
                              Case{"POST", "/api/v1/auth/login", {{"username", "u"}, {"password", "p"}}},
                              Case{"POST", "/api/v1/auth/api-keys", {{"name", "k"}}},
                              Case{"POST", "/api/v1/playlists/import", {{"url", "liked"}}},
                              Case{"POST", "/api/v1/settings/slskd/test", {{"url", "http://127.0.0.1:1"}}}})
        {
            for (const std::string type : {"text/plain", "application/x-www-form-urlencoded"})
            {
                const auto r = send(server, c.method, c.path, c.body.dump(), type);
                EXPECT_EQ(r.status, 415) << c.method << " " << c.path << " as " << type << ": " << r.body;
                EXPECT_EQ(json::parse(r.body, nullptr, false)["error"]["code"], "unsupported_media_type") << r.body;
            }
        }
        const auto withCharset = send(server, "POST", "/api/v1/downloads", track("a", "t").dump(), "application/json; charset=utf-8");
        EXPECT_EQ(withCharset.status, 201) << withCharset.body;
        // A raw wanted list is not JSON and keeps its own content types.
        const auto raw = send(server, "POST", "/api/v1/playlists/import-file?filename=w.txt", "Portishead - Roads\n", "text/plain; charset=utf-8");
        EXPECT_EQ(raw.status, 201) << raw.body;
    }

    TEST(Edges, UnknownTransferEncodingIs501NotAnEmptyBody)
    {
        ServerProcess server;
        const std::string body = R"({"track":{"artist":"a","title":"t"}})";
        for (const std::string te : {"gzip", "identity, chunked", "deflate"})
        {
            const auto reply = rawExchange(portOf(server), "POST /api/v1/downloads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                                           "Transfer-Encoding: " + te + "\r\n\r\n" + body);
            EXPECT_EQ(completeStatus(reply), 501) << te << ": " << reply;
            EXPECT_NE(reply.find("\"not_implemented\""), std::string::npos) << reply;
        }
        auto list = server.request("GET", "/api/v1/downloads");
        EXPECT_EQ(list->header("X-Total-Count").value_or(""), "0") << "no body was read as something else";
    }

    TEST(Edges, ChoosingACandidateOfAnUnknownDownloadIs404EvenWithoutSlskd)
    {
        ServerProcess server; // no SLSKD_URL: choosing would be 503
        auto r = server.request("POST", "/api/v1/downloads/424242/candidates/1/choose");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 404) << r->body;
        auto created = server.request("POST", "/api/v1/downloads", track("a", "t").dump());
        ASSERT_EQ(created->status, 201);
        const auto id = json::parse(created->body)["id"].get<std::int64_t>();
        r = server.request("POST", "/api/v1/downloads/" + std::to_string(id) + "/candidates/7/choose");
        EXPECT_EQ(r->status, 404) << "no candidate 7 yet: " << r->body;
    }

    TEST(Edges, WantedListImportsBoundEachField)
    {
        ServerProcess server;
        const std::string longName(2000, 'B');
        struct Case { std::string filename, content; };
        for (const Case& c : {Case{"w.txt", "Portishead - Roads\n" + longName + " - Title\nA - " + std::string("x\x01y") + "\n"},
                              Case{"w.csv", "Track Name,Artist Name(s),ISRC\nRoads,Portishead,GBUM71029604\nT," + longName +
                                                ",\nT2,A2," + std::string(40, 'I') + "\n"},
                              Case{"w.m3u", "#EXTM3U\n#EXTINF:300,Portishead - Roads\nroads.mp3\n#EXTINF:300," + longName + " - T\nt.mp3\n"}})
        {
            auto r = server.request("POST", "/api/v1/playlists/import-file", json{{"content", c.content}, {"filename", c.filename}}.dump());
            ASSERT_TRUE(r);
            ASSERT_LT(r->status, 300) << c.filename << ": " << r->body.substr(0, 300);
            const auto j = json::parse(r->body);
            EXPECT_EQ(j["imported"], 1) << c.filename << ": " << r->body.substr(0, 300);
            EXPECT_GE(j["errors"].size(), 1u) << c.filename;
            EXPECT_LT(r->body.size(), 2000u) << "bad rows are not echoed whole: " << c.filename;
        }
    }

    TEST(Edges, SigtermAnswersEveryConcurrentSlowPostCompletely)
    {
        ServerProcess server(std::map<std::string, std::string>{{"SHUTDOWN_TIMEOUT", "10"}});
        constexpr int kClients = 24;
        std::vector<int> fds;
        std::vector<std::string> bodies;
        for (int i = 0; i < kClients; ++i)
        {
            bodies.push_back(track("Slow Artist", "Slow Title " + std::to_string(i)).dump());
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_port = htons(static_cast<uint16_t>(portOf(server)));
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            timeval tv{15, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
            const std::string head = "POST /api/v1/downloads HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
                                     std::to_string(bodies.back().size()) + "\r\n\r\n";
            // Every request is on its way when SIGTERM comes: the header and half the body.
            const std::string first = head + bodies.back().substr(0, bodies.back().size() / 2);
            ASSERT_EQ(::send(fd, first.data(), first.size(), MSG_NOSIGNAL), static_cast<ssize_t>(first.size()));
            fds.push_back(fd);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        ASSERT_EQ(kill(server.pid(), SIGTERM), 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        std::vector<std::future<std::string>> replies;
        for (int i = 0; i < kClients; ++i)
            replies.push_back(std::async(std::launch::async, [fd = fds[i], rest = bodies[i].substr(bodies[i].size() / 2)] {
                (void)::send(fd, rest.data(), rest.size(), MSG_NOSIGNAL);
                std::string out;
                char buf[4096];
                for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;)
                    out.append(buf, static_cast<std::size_t>(n));
                close(fd);
                return out;
            }));
        int answered = 0;
        for (auto& f : replies)
        {
            const auto reply = f.get();
            const int status = completeStatus(reply);
            EXPECT_TRUE((status >= 200 && status < 300) || status == 503) << "cut or wrong: " << reply.substr(0, 200);
            answered += status != 0;
        }
        EXPECT_EQ(answered, kClients);
        EXPECT_EQ(server.terminate(), 0); // already stopping; this waits for the exit
    }

    TEST(Edges, StartupFailuresEndWithOneClearLineAndExitTwo)
    {
        const auto dir = makeTempDir("soulspot-startup");
        // A listening socket of our own: the port in use.
        const int busy = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ASSERT_EQ(bind(busy, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        ASSERT_EQ(listen(busy, 1), 0);
        socklen_t len = sizeof addr;
        getsockname(busy, reinterpret_cast<sockaddr*>(&addr), &len);
        const std::string busyPort = std::to_string(ntohs(addr.sin_port));
        const std::string freeDb = "sqlite:///" + dir + "/data/soulspot.db";

        struct Case { std::map<std::string, std::string> env; std::string mentions; };
        for (const Case& c : {Case{{{"DATABASE_URL", "sqlite:////proc/nope/x.db"}}, "/proc/nope"},
                              Case{{{"DATABASE_URL", "postgresql://soulspot:s3cret@127.0.0.1:" + std::to_string(freePort()) + "/soulspot"}},
                                   "PostgreSQL"},
                              Case{{{"DATABASE_URL", freeDb}, {"API_PORT", busyPort}}, busyPort}})
        {
            auto env = c.env;
            env.emplace("API_HOST", "127.0.0.1");
            env.emplace("API_PORT", std::to_string(freePort()));
            fs::remove_all(dir + "/data");
            auto r = runSoulspot({"serve"}, dir, env);
            EXPECT_EQ(r.exitCode, 2) << c.mentions << "\n" << r.err;
            EXPECT_NE(r.err.find(c.mentions), std::string::npos) << r.err;
            EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
            int errorLines = 0;
            std::istringstream lines(r.out);
            for (std::string line; std::getline(lines, line);)
                errorLines += line.find("\"level\":\"ERROR\"") != std::string::npos;
            EXPECT_EQ(errorLines, 1) << r.out;
            EXPECT_EQ(r.out.find("s3cret"), std::string::npos) << "no password in the log";
        }
        EXPECT_FALSE(fs::exists(dir + "/data/soulspot.db")) << "a port in use stops start-up before the database is created";
        close(busy);
        fs::remove_all(dir);
    }
} // namespace soulspot::testing
