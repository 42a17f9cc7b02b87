// Spotify as a new user meets it, through the real binary and fake_spotify.py: the browser redirect chain
// (login → consent → callback → UI), import by URL, a revoked refresh token, file import over the API and
// `soulspot import FILE` with its exit codes.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "ServerProcess.hpp"

namespace soulspot::testing
{
    using nlohmann::json;

    namespace
    {
        constexpr const char* kClientId = "e2e-client";
        // Spotify only redirects to the registered URI; the test's "browser" then carries path and query to
        // the server, whose port is only known once it runs.
        constexpr const char* kRedirectUri = "http://127.0.0.1:8765/api/v1/auth/spotify/callback";
        constexpr const char* kPlaylist = "E2ePlaylist00000000250";

        const std::string kCsv =
            "Track URI,Track Name,Artist Name(s),Album Name,Duration (ms),ISRC\n"
            "spotify:track:11dFghVXANMlKmJXsNCbNl,Cut To The Feeling,Carly Rae Jepsen,Cut,207959,USUM71703861\n"
            ",,Nobody,No title,1000,\n"
            ",Teardrop,Massive Attack,Mezzanine,330000,\n"
            ",Broken,Band,Album,3:20,\n";

        struct SpotifyWorld
        {
            explicit SpotifyWorld(std::map<std::string, std::string> extraEnv = {})
                : fake("fake_spotify.py", {"--client-id", kClientId, "--redirect-uri", kRedirectUri, "--generate-playlist",
                                           std::string(kPlaylist) + ":250"}),
                  server(env(extraEnv)), http(net::createCurlHttpClient())
            {
            }

            std::map<std::string, std::string> env(std::map<std::string, std::string> extra)
            {
                extra.emplace("SPOTIFY_CLIENT_ID", kClientId);
                extra.emplace("SPOTIFY_ACCOUNTS_URL", fake.baseUrl());
                extra.emplace("SPOTIFY_API_URL", fake.baseUrl() + "/v1");
                extra.emplace("SPOTIFY_REDIRECT_URI", kRedirectUri);
                return extra;
            }

            json get(const std::string& path, int expectStatus = 200)
            {
                auto r = server.request("GET", path);
                EXPECT_TRUE(r);
                EXPECT_EQ(r->status, expectStatus) << path << " " << r->body;
                return json::parse(r->body, nullptr, false);
            }

            net::HttpResponse post(const std::string& path, const std::string& body = "{}",
                                   net::HeaderList headers = {{"Content-Type", "application/json"}})
            {
                auto r = server.request("POST", path, body, std::move(headers));
                EXPECT_TRUE(r);
                return r ? *r : net::HttpResponse{};
            }

            /// login → Spotify's consent page (auto-approved) → the Location Spotify sends the browser to.
            std::string consent()
            {
                auto login = server.request("GET", "/api/v1/auth/spotify/login");
                EXPECT_TRUE(login && login->status == 302);
                const auto authorize = login->header("Location").value_or("");
                EXPECT_TRUE(authorize.starts_with(fake.baseUrl() + "/authorize?")) << authorize;
                for (const char* part : {"client_id=e2e-client", "response_type=code", "code_challenge_method=S256",
                                         "code_challenge=", "state=", "playlist-read-private", "user-library-read",
                                         "user-follow-read"})
                    EXPECT_NE(authorize.find(part), std::string::npos) << part;
                auto approved = http->send({"GET", authorize});
                EXPECT_TRUE(approved && approved->status == 302);
                const auto back = approved->header("Location").value_or("");
                EXPECT_TRUE(back.starts_with(std::string(kRedirectUri) + "?")) << back;
                return back.substr(std::string(kRedirectUri).size() - std::string("/api/v1/auth/spotify/callback").size());
            }

            /// The browser following the redirect back to SoulSpot; returns where SoulSpot sends it next.
            net::HttpResponse callback(const std::string& pathAndQuery)
            {
                auto r = server.request("GET", pathAndQuery);
                EXPECT_TRUE(r);
                return r ? *r : net::HttpResponse{};
            }

            void control(const std::string& path, const json& body = json::object())
            {
                auto r = http->send({"POST", fake.baseUrl() + "/_control/" + path, {{"Content-Type", "application/json"}}, body.dump()});
                EXPECT_TRUE(r && r->ok());
            }

            FakeServer fake;
            ServerProcess server;
            std::shared_ptr<net::IHttpClient> http;
        };
    } // namespace

    TEST(Spotify, TheWholeOAuthRoundTripThenImportAndRevocation)
    {
        SpotifyWorld w;
        auto before = w.get("/api/v1/auth/spotify/status");
        EXPECT_EQ(before["configured"], true);
        EXPECT_EQ(before["connected"], false);

        const auto back = w.consent();
        auto landed = w.callback(back);
        EXPECT_EQ(landed.status, 302) << landed.body;
        EXPECT_EQ(landed.header("Location").value_or(""), "/?spotify=connected");
        auto replay = w.callback(back);
        EXPECT_EQ(replay.status, 400);
        EXPECT_EQ(json::parse(replay.body)["error"]["code"], "invalid_state");

        auto status = w.get("/api/v1/auth/spotify/status");
        EXPECT_EQ(status["connected"], true);
        EXPECT_EQ(status["needs_reauth"], false);
        EXPECT_GE(status["expires_in_minutes"].get<int>(), 58);
        EXPECT_EQ(status["user"]["id"], "soulspot-tester");
        EXPECT_EQ(status["scopes"].size(), 4u);

        struct stat st{};
        ASSERT_EQ(::stat((w.server.workDir() + "/data/secret.key").c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 0777, 0600u);

        auto remote = w.get("/api/v1/spotify/playlists?limit=10");
        ASSERT_EQ(remote["total"], 1);
        EXPECT_EQ(remote["items"][0]["spotify_id"], kPlaylist);
        EXPECT_TRUE(remote["items"][0]["imported_playlist_id"].is_null());

        auto imported = w.post("/api/v1/playlists/import",
                               json{{"url", std::string("https://open.spotify.com/playlist/") + kPlaylist}, {"auto_download", true}}.dump());
        ASSERT_EQ(imported.status, 201) << imported.body;
        auto result = json::parse(imported.body);
        EXPECT_EQ(result["added"], 250);
        EXPECT_EQ(result["queued"], 250);
        const auto id = result["playlist_id"].get<std::int64_t>();
        auto detail = w.get("/api/v1/playlists/" + std::to_string(id));
        EXPECT_EQ(detail["tracks"].size(), 250u);
        EXPECT_EQ(detail["states"]["queued"], 250);
        EXPECT_EQ(detail["tracks"][0]["state"], "queued");
        EXPECT_EQ(detail["auto_download"], true);
        EXPECT_EQ(w.get("/api/v1/playlists").size(), 1u);

        auto unchanged = w.post("/api/v1/playlists/" + std::to_string(id) + "/sync");
        EXPECT_EQ(unchanged.status, 200);
        EXPECT_EQ(json::parse(unchanged.body)["unchanged"], true);

        // The user revokes access in their Spotify account: the next call that needs a refresh finds out.
        w.control("revoke-refresh-tokens");
        w.control("expire-access-tokens");
        auto refused = w.post("/api/v1/playlists/" + std::to_string(id) + "/sync");
        EXPECT_EQ(refused.status, 409) << refused.body;
        EXPECT_EQ(json::parse(refused.body)["error"]["code"], "spotify_needs_reauth");
        status = w.get("/api/v1/auth/spotify/status");
        EXPECT_EQ(status["needs_reauth"], true);
        EXPECT_EQ(status["connected"], false);
        EXPECT_NE(status["last_error"].get<std::string>().find("invalid_grant"), std::string::npos);

        // Connecting again clears it.
        EXPECT_EQ(w.callback(w.consent()).header("Location").value_or(""), "/?spotify=connected");
        EXPECT_EQ(w.get("/api/v1/auth/spotify/status")["connected"], true);
        auto logout = w.post("/api/v1/auth/spotify/logout");
        EXPECT_EQ(logout.status, 200);
        EXPECT_EQ(json::parse(logout.body)["connected"], false);

        for (const auto& line : w.server.logLines())
        {
            EXPECT_EQ(line.find("Bearer"), std::string::npos) << line;
            EXPECT_EQ(line.find("refresh_token="), std::string::npos) << line;
            EXPECT_EQ(line.find("code_verifier"), std::string::npos) << line;
        }
        EXPECT_EQ(w.server.terminate(), 0);
    }

    TEST(Spotify, ARestartBetweenLoginAndCallbackStillConnects)
    {
        SpotifyWorld w;
        const auto back = w.consent();
        EXPECT_EQ(w.server.terminate(), 0);
        w.server.restart();
        EXPECT_EQ(w.callback(back).header("Location").value_or(""), "/?spotify=connected");
        EXPECT_EQ(w.get("/api/v1/auth/spotify/status")["connected"], true);
    }

    TEST(Spotify, DeniedConsentAndMissingConfigurationAreReportedToTheUser)
    {
        SpotifyWorld w;
        w.control("config", {{"deny_authorize", true}});
        auto denied = w.callback(w.consent());
        EXPECT_EQ(denied.status, 302);
        EXPECT_EQ(denied.header("Location").value_or(""), "/?spotify=error&reason=access_denied");
        EXPECT_EQ(w.get("/api/v1/auth/spotify/status")["connected"], false);

        ServerProcess bare;
        auto login = bare.request("GET", "/api/v1/auth/spotify/login");
        ASSERT_TRUE(login);
        EXPECT_EQ(login->status, 409);
        EXPECT_EQ(json::parse(login->body)["error"]["code"], "spotify_not_configured");
        auto notConnected = bare.request("POST", "/api/v1/playlists/import", R"({"url":"liked"})");
        EXPECT_EQ(notConnected->status, 409);
        EXPECT_EQ(json::parse(notConnected->body)["error"]["code"], "spotify_not_connected");
    }

    TEST(Spotify, FileImportOverTheApiReportsBadRowsByLine)
    {
        ServerProcess server;
        auto r = server.request("POST", "/api/v1/playlists/import-file",
                                json{{"content", kCsv}, {"filename", "Road Trip.csv"}, {"auto_download", true}}.dump(),
                                {{"Content-Type", "application/json"}});
        ASSERT_TRUE(r);
        ASSERT_EQ(r->status, 201) << r->body;
        auto j = json::parse(r->body);
        EXPECT_EQ(j["format"], "csv");
        EXPECT_EQ(j["imported"], 2);
        EXPECT_EQ(j["failed"], 2);
        EXPECT_EQ(j["queued"], 2);
        EXPECT_EQ(j["errors"][0]["line"], 3);
        EXPECT_EQ(j["errors"][1]["line"], 5);
        auto playlist = json::parse(server.request("GET", "/api/v1/playlists/" + std::to_string(j["playlist_id"].get<int>()))->body);
        EXPECT_EQ(playlist["name"], "Road Trip");
        EXPECT_EQ(playlist["source"], "file");

        auto raw = server.request("POST", "/api/v1/playlists/import-file?filename=mix.m3u8",
                                  "#EXTM3U\n#EXTINF:330,Massive Attack - Teardrop\nteardrop.mp3\n", {{"Content-Type", "audio/x-mpegurl"}});
        ASSERT_TRUE(raw);
        EXPECT_EQ(raw->status, 201) << raw->body;
        EXPECT_EQ(json::parse(raw->body)["format"], "m3u");

        const std::string boundary = "XyZ";
        const std::string form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"wants.txt\"\r\n"
                                 "Content-Type: text/plain\r\n\r\nPortishead - Roads\r\n--" + boundary + "--\r\n";
        auto multipart = server.request("POST", "/api/v1/playlists/import-file", form,
                                        {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
        ASSERT_TRUE(multipart);
        EXPECT_EQ(multipart->status, 201) << multipart->body;
        EXPECT_EQ(json::parse(multipart->body)["imported"], 1);

        auto empty = server.request("POST", "/api/v1/playlists/import-file", json{{"content", ""}}.dump(),
                                    {{"Content-Type", "application/json"}});
        EXPECT_EQ(empty->status, 400);
        EXPECT_EQ(server.request("DELETE", "/api/v1/playlists/" + std::to_string(j["playlist_id"].get<int>()))->status, 200);
        EXPECT_EQ(server.request("GET", "/api/v1/playlists/" + std::to_string(j["playlist_id"].get<int>()))->status, 404);
    }

    TEST(Spotify, ImportCommandExitCodes)
    {
        const auto dir = makeTempDir("soulspot-import");
        std::ofstream(dir + "/list.csv") << kCsv;
        std::ofstream(dir + "/empty.txt") << "";
        std::ofstream(dir + "/columns.csv") << "Foo,Bar\n1,2\n";

        auto ok = runSoulspot({"import", "list.csv", "--auto-download"}, dir, {});
        EXPECT_EQ(ok.exitCode, 0) << ok.err;
        EXPECT_NE(ok.out.find("imported: 2"), std::string::npos) << ok.out;
        EXPECT_NE(ok.out.find("failed: 2"), std::string::npos) << ok.out;
        EXPECT_NE(ok.out.find("queued: 2"), std::string::npos) << ok.out;
        EXPECT_NE(ok.out.find("line 3:"), std::string::npos) << ok.out;
        EXPECT_NE(ok.out.find("line 5:"), std::string::npos) << ok.out;

        EXPECT_EQ(runSoulspot({"import", "missing.csv"}, dir, {}).exitCode, 2);
        EXPECT_EQ(runSoulspot({"import", "empty.txt"}, dir, {}).exitCode, 2);
        EXPECT_EQ(runSoulspot({"import", "columns.csv"}, dir, {}).exitCode, 2);
        EXPECT_EQ(runSoulspot({"import"}, dir, {}).exitCode, 2);

        // What the CLI imported is what the server shows.
        ServerProcess server({}, dir);
        auto list = json::parse(server.request("GET", "/api/v1/playlists")->body);
        ASSERT_EQ(list.size(), 1u);
        EXPECT_EQ(list[0]["name"], "list");
        EXPECT_EQ(list[0]["track_count"], 2);
        std::filesystem::remove_all(dir);
    }
} // namespace soulspot::testing
