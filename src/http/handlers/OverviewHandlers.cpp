#include "http/handlers/OverviewHandlers.hpp"

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"
#include "http/TextField.hpp"
#include "jobs/QueueOverview.hpp"
#include "net/HttpClient.hpp"

namespace soulspot::http
{
    namespace
    {
        using nlohmann::json;

        Response summary(const std::shared_ptr<jobs::QueueOverview>& overview)
        {
            auto s = overview->summary();
            if (!s)
                return errorResponse(s.error());
            return jsonResponse(200, json{{"counts", s->counts}, {"total", s->total}, {"paused", s->paused}}.dump());
        }

        // Tries slskd's application endpoint with the given (or configured) URL and key, so a user can check
        // the values before writing them into .env. Only http(s) URLs; the answer says what went wrong.
        Response testSlskd(const std::shared_ptr<SystemSettingsView>& settings, const std::shared_ptr<net::IHttpClient>& http,
                           Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body && isUnsupportedMediaType(body.error()))
                return errorResponse(body.error());
            if (body)
                for (const auto& [k, rule] : {std::pair{"url", kUrlText}, std::pair{"api_key", kIdText}})
                    if (auto v = textField(*body, k, k, rule); !v)
                        return errorResponse(v.error());
            std::string url = settings->slskdUrl, key = settings->slskdApiKey;
            if (body && body->contains("url") && (*body)["url"].is_string() && !(*body)["url"].get<std::string>().empty())
                url = (*body)["url"].get<std::string>();
            // An empty key means "the configured one", so a user can test a new URL without retyping the key.
            if (body && body->contains("api_key") && (*body)["api_key"].is_string() && !(*body)["api_key"].get<std::string>().empty())
                key = (*body)["api_key"].get<std::string>();
            if (url.empty())
                return jsonResponse(200, json{{"ok", false}, {"message", "slskd is not configured (SLSKD_URL)"}}.dump());
            if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
                return errorResponse(400, "invalid_argument", "url must start with http:// or https://");
            net::HttpRequest probe;
            probe.url = net::joinUrl(url, "/api/v0/application");
            probe.timeout = std::chrono::milliseconds(5000);
            if (!key.empty())
                probe.headers.emplace_back("X-API-Key", key);
            auto res = http->send(probe);
            json out = {{"url", url}};
            if (!res)
                out.update({{"ok", false}, {"message", "cannot reach slskd: " + res.error().message}});
            else if (res->status == 401 || res->status == 403)
                out.update({{"ok", false}, {"status", res->status}, {"message", "slskd refused the API key"}});
            else if (!res->ok())
                out.update({{"ok", false}, {"status", res->status}, {"message", "slskd answered HTTP " + std::to_string(res->status)}});
            else
            {
                auto j = json::parse(res->body, nullptr, false);
                json version = nullptr;
                if (j.is_object() && j.contains("version") && j["version"].is_object())
                    version = j["version"].value("full", j["version"].value("current", ""));
                out.update({{"ok", true}, {"status", res->status}, {"version", version}, {"message", "connected"}});
            }
            return jsonResponse(200, out.dump());
        }
    } // namespace

    void registerOverviewRoutes(Router& router, std::shared_ptr<jobs::QueueOverview> overview,
                                std::shared_ptr<SystemSettingsView> settings, std::shared_ptr<net::IHttpClient> http)
    {
        router.add("GET", "/api/v1/downloads/summary", [overview](Request&) { return summary(overview); },
                   "Downloads by status, and whether the queue is paused");
        router.add("GET", "/api/v1/settings/system", [settings](Request&) { return jsonResponse(200, settings->json); },
                   "Effective configuration (secrets masked)");
        router.add("POST", "/api/v1/settings/slskd/test", [settings, http](Request& r) { return testSlskd(settings, http, r); },
                   "Test a slskd connection");
    }
} // namespace soulspot::http
