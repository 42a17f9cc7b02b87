// Issue 7's access control as an operator meets it: the real binary, AUTH_TRUSTED_NETWORKS=127.0.0.1/32,
// and a client bound to 127.0.0.2 playing "somebody else on the network".
#include <regex>
#include <thread>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "ServerProcess.hpp"
#include "SourceAddressClient.hpp"

namespace soulspot::testing
{
    using nlohmann::json;
    namespace
    {
        constexpr const char* kOutsider = "127.0.0.2";
        constexpr const char* kPassword = "correct horse battery";

        std::map<std::string, std::string> untrustedEnv(std::map<std::string, std::string> extra = {})
        {
            extra.emplace("AUTH_TRUSTED_NETWORKS", "127.0.0.1/32");
            return extra;
        }

        int port(const ServerProcess& s) { return std::stoi(s.baseUrl().substr(s.baseUrl().rfind(':') + 1)); }

        void setPassword(ServerProcess& s)
        {
            auto r = s.request("POST", "/api/v1/auth/setup", json{{"username", "admin"}, {"password", kPassword}}.dump(),
                               {{"Content-Type", "application/json"}});
            ASSERT_TRUE(r);
            ASSERT_EQ(r->status, 201) << r->body;
        }

        struct Login
        {
            std::string cookie; // "soulspot_session=…"
            std::string csrf;
            std::string setCookie;
        };

        Login login(int p, const std::string& from = kOutsider, const RawHeaders& extra = {})
        {
            auto r = httpFrom(from, p, "POST", "/api/v1/auth/login", extra,
                              json{{"username", "admin"}, {"password", kPassword}}.dump());
            EXPECT_EQ(r.status, 200) << r.body;
            Login out;
            out.setCookie = r.header("set-cookie");
            out.cookie = out.setCookie.substr(0, out.setCookie.find(';'));
            out.csrf = json::parse(r.body).value("csrf_token", "");
            return out;
        }
    } // namespace

    TEST(AccessControl, EveryDocumentedRouteExceptHealthAndReadyAnswers401FromAnUntrustedAddress)
    {
        ServerProcess server(untrustedEnv());
        auto doc = server.request("GET", "/openapi.json"); // from 127.0.0.1: trusted
        ASSERT_TRUE(doc);
        ASSERT_EQ(doc->status, 200);
        int checked = 0;
        const auto paths = json::parse(doc->body)["paths"];
        for (const auto& [path, item] : paths.items())
            for (const auto& [method, op] : item.items())
            {
                std::string upper = method;
                for (auto& c : upper)
                    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                const std::string target = std::regex_replace(path, std::regex("\\{[^}]+\\}"), "1");
                const bool open = path == "/health" || path == "/ready";
                const auto r = httpFrom(kOutsider, port(server), upper, target, {}, upper == "GET" || upper == "DELETE" ? "" : "{}");
                if (open)
                    EXPECT_EQ(r.status, 200) << upper << " " << target;
                else
                    EXPECT_EQ(r.status, 401) << upper << " " << target << " answered " << r.body;
                ++checked;
            }
        EXPECT_GT(checked, 20);
        // The UI shell stays reachable so a browser can show the login page; the API behind it does not.
        auto shell = httpFrom(kOutsider, port(server), "GET", "/downloads");
        EXPECT_EQ(shell.status, 200);
        EXPECT_NE(shell.body.find("<!doctype html>"), std::string::npos);
        EXPECT_EQ(httpFrom(kOutsider, port(server), "GET", "/assets/app.js").status, 200);
        // The runbook's curl commands keep working from the trusted network, without credentials.
        EXPECT_EQ(server.request("GET", "/api/v1/downloads")->status, 200);
        EXPECT_EQ(server.request("GET", "/metrics")->status, 200);
    }

    TEST(AccessControl, LoginUnlocksAndStateChangesNeedTheCsrfToken)
    {
        ServerProcess server(untrustedEnv());
        const int p = port(server);
        // The first password can only be set from a trusted network.
        auto stranger = httpFrom(kOutsider, p, "POST", "/api/v1/auth/setup", {}, json{{"password", "attacker-password"}}.dump());
        EXPECT_EQ(stranger.status, 401);
        setPassword(server);

        const Login s = login(p);
        EXPECT_NE(s.setCookie.find("HttpOnly"), std::string::npos);
        EXPECT_NE(s.setCookie.find("SameSite=Strict"), std::string::npos);
        EXPECT_EQ(s.setCookie.find("Secure"), std::string::npos) << "plain HTTP without a trusted proxy";
        EXPECT_EQ(httpFrom(kOutsider, p, "GET", "/api/v1/downloads", {{"Cookie", s.cookie}}).status, 200);
        auto who = httpFrom(kOutsider, p, "GET", "/api/v1/auth/session", {{"Cookie", s.cookie}});
        EXPECT_EQ(json::parse(who.body)["via"], "session");

        EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/downloads/pause", {{"Cookie", s.cookie}}, "{}").status, 403);
        EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/downloads/pause", {{"Cookie", s.cookie}, {"X-CSRF-Token", "wrong"}}, "{}").status,
                  403);
        EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/downloads/pause", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, "{}").status,
                  200);
        // Another site cannot drive a logged-in browser, token or not.
        EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/downloads/resume",
                           {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}, {"Origin", "http://evil.example"}}, "{}")
                      .status,
                  403);

        EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/auth/logout", {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}}, "{}").status, 200);
        EXPECT_EQ(httpFrom(kOutsider, p, "GET", "/api/v1/downloads", {{"Cookie", s.cookie}}).status, 401) << "the session ended";
    }

    TEST(AccessControl, ApiKeysWorkWithoutCsrfAndStopWhenRevoked)
    {
        ServerProcess server(untrustedEnv());
        const int p = port(server);
        auto created = server.request("POST", "/api/v1/auth/api-keys", json{{"name", "backup script"}}.dump(),
                                      {{"Content-Type", "application/json"}});
        ASSERT_TRUE(created);
        ASSERT_EQ(created->status, 201) << created->body;
        const auto key = json::parse(created->body);
        const std::string secret = key["key"];
        EXPECT_EQ(httpFrom(kOutsider, p, "GET", "/api/v1/downloads", {{"X-API-Key", secret}}).status, 200);
        EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/downloads/pause", {{"X-API-Key", secret}}, "{}").status, 200);
        EXPECT_EQ(httpFrom(kOutsider, p, "GET", "/api/v1/downloads", {{"X-API-Key", secret + "x"}}).status, 401);
        auto list = server.request("GET", "/api/v1/auth/api-keys");
        EXPECT_EQ(list->body.find(secret), std::string::npos) << "the key is never shown again";
        EXPECT_EQ(server.request("DELETE", "/api/v1/auth/api-keys/" + std::to_string(key["id"].get<int>()))->status, 204);
        EXPECT_EQ(httpFrom(kOutsider, p, "GET", "/api/v1/downloads", {{"X-API-Key", secret}}).status, 401);
    }

    TEST(AccessControl, ForwardedForCountsOnlyFromATrustedProxy)
    {
        // 127.0.0.3 plays the reverse proxy; 127.0.0.2 is a client talking to us directly.
        ServerProcess server(untrustedEnv({{"AUTH_TRUSTED_PROXIES", "127.0.0.3/32"}}));
        const int p = port(server);
        for (const char* spoof : {"127.0.0.1", "10.0.0.1, 127.0.0.1", "::ffff:127.0.0.1"})
            EXPECT_EQ(httpFrom(kOutsider, p, "GET", "/api/v1/downloads", {{"X-Forwarded-For", spoof}}).status, 401) << spoof;
        // Through the proxy, the rightmost hop the proxy saw is the client.
        EXPECT_EQ(httpFrom("127.0.0.3", p, "GET", "/api/v1/downloads", {{"X-Forwarded-For", "127.0.0.1"}}).status, 200);
        EXPECT_EQ(httpFrom("127.0.0.3", p, "GET", "/api/v1/downloads", {{"X-Forwarded-For", "127.0.0.1, 203.0.113.7"}}).status, 401);
        // Behind an HTTPS proxy the session cookie is Secure.
        setPassword(server);
        const Login s = login(p, "127.0.0.3", {{"X-Forwarded-For", "203.0.113.7"}, {"X-Forwarded-Proto", "https"}});
        EXPECT_NE(s.setCookie.find("; Secure"), std::string::npos) << s.setCookie;
    }

    TEST(AccessControl, FailedLoginsAreLoggedAndRateLimited)
    {
        ServerProcess server(untrustedEnv());
        const int p = port(server);
        setPassword(server);
        const auto wrong = json{{"username", "admin"}, {"password", "guess-guess"}}.dump();
        for (int i = 0; i < 5; ++i)
            EXPECT_EQ(httpFrom(kOutsider, p, "POST", "/api/v1/auth/login", {}, wrong).status, 401) << i;
        auto limited = httpFrom(kOutsider, p, "POST", "/api/v1/auth/login", {}, wrong);
        EXPECT_EQ(limited.status, 429);
        EXPECT_FALSE(limited.header("retry-after").empty());
        auto right = httpFrom(kOutsider, p, "POST", "/api/v1/auth/login", {},
                              json{{"username", "admin"}, {"password", kPassword}}.dump());
        EXPECT_EQ(right.status, 429) << "the limit holds even for the right password";
        // Another address is not punished for this one's failures.
        EXPECT_EQ(httpFrom("127.0.0.4", p, "POST", "/api/v1/auth/login", {},
                           json{{"username", "admin"}, {"password", kPassword}}.dump())
                      .status,
                  200);
        int failures = 0;
        for (const auto& line : server.logLines())
        {
            auto j = json::parse(line, nullptr, false);
            if (j.is_object() && j.value("logger", "") == "http.auth" && j.value("level", "") == "WARNING" &&
                j.value("message", j.value("msg", "")).find("login failed") != std::string::npos)
            {
                ++failures;
                EXPECT_EQ(j.value("remote_addr", ""), kOutsider) << line;
            }
        }
        EXPECT_GE(failures, 6) << "five wrong passwords and the throttled attempts are logged";
    }

    TEST(AccessControl, AlwaysRequiresCredentialsEvenOnTrustedNetworks)
    {
        ServerProcess server(std::map<std::string, std::string>{{"AUTH_REQUIRED", "always"}});
        EXPECT_EQ(server.request("GET", "/api/v1/downloads")->status, 401);
        EXPECT_EQ(server.request("GET", "/health")->status, 200);
        EXPECT_EQ(server.request("GET", "/ready")->status, 200);
        setPassword(server); // the first password still comes from a trusted network
        const Login s = login(port(server), "127.0.0.1");
        EXPECT_EQ(httpFrom("127.0.0.1", port(server), "GET", "/api/v1/downloads", {{"Cookie", s.cookie}}).status, 200);
    }

    TEST(AccessControl, UiResponsesCarryTheSecurityHeaders)
    {
        ServerProcess server;
        auto page = httpFrom("127.0.0.1", port(server), "GET", "/");
        EXPECT_EQ(page.status, 200);
        EXPECT_NE(page.header("content-security-policy").find("script-src 'self'"), std::string::npos);
        EXPECT_NE(page.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
        EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
        EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "no inline script";
        auto js = httpFrom("127.0.0.1", port(server), "GET", "/assets/app.js");
        EXPECT_EQ(js.header("content-type").rfind("text/javascript", 0), 0u);
        auto again = httpFrom("127.0.0.1", port(server), "GET", "/assets/app.js", {{"If-None-Match", js.header("etag")}});
        EXPECT_EQ(again.status, 304);
        EXPECT_EQ(httpFrom("127.0.0.1", port(server), "GET", "/api/v1/nothing").status, 404);
        EXPECT_EQ(httpFrom("127.0.0.1", port(server), "GET", "/assets/missing.js").status, 404);
    }
} // namespace soulspot::testing
