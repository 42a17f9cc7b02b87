#pragma once
// Test harness: tests/fakes/fake_slskd.py with a scenario, a downloads folder, its control API, and a
// SlskdClient pointed at it over real sockets.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "FakeServer.hpp"
#include "core/Clock.hpp"
#include "net/CircuitBreaker.hpp"
#include "net/HttpClient.hpp"
#include "sources/slskd/SlskdClient.hpp"

namespace soulspot::sources::slskd::test
{
    inline constexpr const char* kApiKey = "test-api-key-0123456789";

    struct FakeOptions
    {
        std::string version{"0.24.1"};
        bool withApiKey{true};
    };

    class FakeSlskd
    {
    public:
        explicit FakeSlskd(const nlohmann::json& scenario, FakeOptions options = {})
            : downloads_(testing::makeTempDir("slskd-downloads")), scenarioFile_(writeScenario(scenario)),
              server_("fake_slskd.py", args(options))
        {
        }
        ~FakeSlskd()
        {
            server_.stop(); // first: its ticker could otherwise recreate folders while we delete them
            std::error_code ec;
            std::filesystem::remove_all(downloads_, ec);
            std::filesystem::remove_all(downloads_ + ".incomplete", ec);
            std::filesystem::remove(scenarioFile_, ec);
        }

        std::string baseUrl() const { return server_.baseUrl(); }
        const std::string& downloads() const { return downloads_; }
        testing::FakeServer& server() { return server_; }

        /// Calls /_control/<path> and returns the parsed JSON (null for empty bodies).
        nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json& body = {})
        {
            net::HttpRequest request{method, baseUrl() + "/_control/" + path};
            if (!body.is_null())
            {
                request.body = body.dump();
                request.headers.emplace_back("Content-Type", "application/json");
            }
            auto response = http_->send(request);
            if (!response || response->body.empty())
                return nullptr;
            return nlohmann::json::parse(response->body);
        }

        /// How often `route` (e.g. "POST /api/v0/searches") was called, optionally only with `status`.
        int calls(const std::string& route, int status = 0)
        {
            const auto j = control("GET", "calls");
            if (status == 0)
                return j["counts"].value(route, 0);
            if (!j["statuses"].contains(route))
                return 0;
            return j["statuses"][route].value(std::to_string(status), 0);
        }

        SlskdConfig config(bool useApiKey = true) const
        {
            SlskdConfig c;
            c.baseUrl = baseUrl();
            if (useApiKey)
                c.apiKey = kApiKey;
            else
            {
                c.username = "slskd";
                c.password = "slskd";
            }
            c.requestTimeout = std::chrono::milliseconds(3000);
            c.rateLimitBackoff = std::chrono::milliseconds(20);
            c.maxBackoff = std::chrono::milliseconds(100);
            return c;
        }

        std::shared_ptr<ISlskdApi> client(SlskdConfig c)
        {
            auto breaker = std::make_shared<net::CircuitBreaker>(
                "slskd", net::BreakerSettings{5, std::chrono::seconds(60), 1}, core::systemClock());
            return createSlskdClient(std::move(c), http_, breaker);
        }
        std::shared_ptr<ISlskdApi> client(bool useApiKey = true) { return client(config(useApiKey)); }

    private:
        std::string writeScenario(const nlohmann::json& scenario) const
        {
            const std::string path = downloads_ + ".scenario.json";
            std::ofstream(path) << scenario.dump(2);
            return path;
        }

        std::vector<std::string> args(const FakeOptions& options) const
        {
            std::vector<std::string> a{"--scenario", scenarioFile_, "--downloads", downloads_, "--version",
                                       options.version};
            if (options.withApiKey)
            {
                a.push_back("--api-key");
                a.push_back(kApiKey);
            }
            return a;
        }

        std::shared_ptr<net::IHttpClient> http_{net::createCurlHttpClient()};
        std::string downloads_;
        std::string scenarioFile_;
        testing::FakeServer server_;
    };

    /// Polls getTransfer until the transfer is terminal or `limit` passes.
    inline core::Result<TransferDto> waitForTerminal(ISlskdApi& api, const std::string& username,
                                                     const std::string& id,
                                                     std::chrono::milliseconds limit = std::chrono::seconds(5))
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;)
        {
            auto t = api.getTransfer(username, id);
            if (!t || t->terminal() || std::chrono::steady_clock::now() > deadline)
                return t;
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
        }
    }

    /// A search response in slskd's shape; bitRate/length omitted when 0, as slskd does for unknown values.
    inline nlohmann::json response(const std::string& username, const std::string& filename, std::int64_t size,
                                   int bitRate = 0, int length = 0)
    {
        nlohmann::json file{{"filename", filename}, {"size", size}};
        if (bitRate)
            file["bitRate"] = bitRate;
        if (length)
            file["length"] = length;
        return {{"username", username}, {"files", nlohmann::json::array({file})}};
    }
} // namespace soulspot::sources::slskd::test
