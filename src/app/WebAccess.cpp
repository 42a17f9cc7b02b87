#include "app/WebAccess.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "app/ConfigSchema.hpp"
#include "core/EventBus.hpp"
#include "http/auth/AuthGate.hpp"
#include "http/handlers/OverviewHandlers.hpp"

namespace soulspot::app
{
    core::Result<std::shared_ptr<http::AuthGate>> buildAuthGate(const Config& config, db::Database& database)
    {
        http::AuthGateSettings settings;
        settings.alwaysRequired = config.authRequired == "always";
        auto trusted = http::NetworkList::parse(config.authTrustedNetworks);
        if (!trusted)
            return core::fail(core::Error::invalid("AUTH_TRUSTED_NETWORKS: " + trusted.error().message));
        auto proxies = http::NetworkList::parse(config.authTrustedProxies);
        if (!proxies)
            return core::fail(core::Error::invalid("AUTH_TRUSTED_PROXIES: " + proxies.error().message));
        settings.trustedNetworks = std::move(*trusted);
        settings.trustedProxies = std::move(*proxies);
        return std::make_shared<http::AuthGate>(std::make_shared<http::AuthService>(database), std::move(settings));
    }

    std::shared_ptr<core::EventBus> buildEventBus()
    {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count();
        // ×1000 leaves room for a thousand events per millisecond and stays below 2^53 (JavaScript numbers).
        return std::make_shared<core::EventBus>(4096, static_cast<std::int64_t>(ms) * 1000);
    }

    std::shared_ptr<http::SystemSettingsView> buildSystemSettingsView(const Config& config)
    {
        nlohmann::json vars = nlohmann::json::array();
        for (const auto& v : configSchema())
        {
            const std::string name(v.name);
            const auto value = config.values.count(name) ? config.values.at(name) : std::string(v.defaultValue);
            const auto origin = config.origins.count(name) ? config.origins.at(name) : std::string("default");
            vars.push_back({{"name", name},
                            {"value", v.secret ? (value.empty() ? std::string() : maskSecret(value)) : value},
                            {"secret", v.secret},
                            {"origin", origin},
                            {"section", std::string(v.section)},
                            {"description", std::string(v.description)}});
        }
        auto view = std::make_shared<http::SystemSettingsView>();
        view->json = nlohmann::json{{"variables", vars},
                                    {"slskd_configured", config.slskdConfigured()},
                                    {"spotify_configured", config.spotifyConfigured()},
                                    {"folders",
                                     {{"downloads", config.downloadPath},
                                      {"music", config.musicPath},
                                      {"cache", config.cachePath},
                                      {"slskd_downloads", config.slskdDownloadPath.empty() ? config.downloadPath
                                                                                           : config.slskdDownloadPath}}},
                                    {"concurrency", {{"downloads", config.downloadMaxConcurrent},
                                                     {"searches_per_window", config.searchMaxPerWindow},
                                                     {"search_window_seconds", config.searchWindowSeconds}}},
                                    {"auth", {{"required", config.authRequired},
                                              {"trusted_networks", config.authTrustedNetworks},
                                              {"trusted_proxies", config.authTrustedProxies}}}}
                         .dump();
        view->slskdUrl = config.slskdUrl;
        view->slskdApiKey = config.slskdApiKey;
        return view;
    }
} // namespace soulspot::app
