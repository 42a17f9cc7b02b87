#pragma once
// The effective configuration: defaults → .env in the working directory → the real environment.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "core/Log.hpp"

namespace soulspot::app
{
    struct Config
    {
        std::string apiHost;
        int apiPort{8765};
        long maxBodyBytes{10485760};
        int requestTimeoutSeconds{30};
        int shutdownTimeoutSeconds{20};

        std::string databaseUrl;
        int databasePoolSize{5};
        int databaseMaxOverflow{10};

        core::LogLevel logLevel{core::LogLevel::Info};
        core::LogFormat logFormat{core::LogFormat::Json};
        bool debug{false};

        std::string downloadPath, musicPath, cachePath;

        std::string slskdUrl, slskdApiKey, slskdUsername, slskdPassword, slskdDownloadPath;
        std::string spotifyClientId, spotifyClientSecret, spotifyRedirectUri, spotifyApiUrl, spotifyAccountsUrl;
        int spotifySyncIntervalMinutes{30};
        std::string musicbrainzUrl, coverartUrl;
        bool musicbrainzEnabled{true};

        int breakerFailureThreshold{5};
        int breakerTimeoutSeconds{60};
        int breakerSuccessThreshold{2};

        int downloadMaxConcurrent{3};
        std::string instanceId; // "" = hostname:apiPort
        int downloadLeaseTtlSeconds{60};
        std::vector<std::string> albumPreferredCountries{"XW", "US", "GB"};
        std::vector<std::string> albumPreferredFormats{"Digital Media", "CD"};
        int downloadMaxRetries{3};
        int downloadStallTimeoutSeconds{600};
        std::vector<int> downloadRetryBackoffSeconds{60, 300, 900};
        int downloadMonitorIntervalMs{1000};
        int notFoundRetrySeconds{86400};
        int blocklistTtlSeconds{604800};
        int searchMaxPerWindow{34};
        int searchWindowSeconds{220};
        int searchMinGapMs{1000};
        int searchTimeoutMs{15000};
        int searchCacheTtlSeconds{3600};
        int searchBanEmptyStreak{20};
        int searchBanBackoffSeconds{1800};

        std::string secretKey;
        std::string authRequired;
        std::string authTrustedNetworks;
        std::string authTrustedProxies;

        /// Every variable's effective value as text, keyed by name (for `soulspot config`).
        std::map<std::string, std::string> values;
        /// Where each value came from: "default", ".env" or "environment".
        std::map<std::string, std::string> origins;

        bool slskdConfigured() const { return !slskdUrl.empty(); }
        bool spotifyConfigured() const { return !spotifyClientId.empty(); }
    };

    using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
    EnvLookup processEnvironment();

    /// Parses .env text (KEY=VALUE, optional `export`, quotes, # comments). Errors name the line.
    core::Result<std::map<std::string, std::string>> parseDotEnv(const std::string& text);

    /// Loads and validates. A missing .env is fine; an unreadable one, or any invalid value, is an error
    /// whose message names the variable (start-up prints it on one line and exits 2).
    core::Result<Config> loadConfig(const EnvLookup& env, const std::string& dotEnvPath = ".env");

    /// `soulspot config`: one `NAME=value  # origin` line per variable, secrets masked.
    std::string renderConfig(const Config& config);
    /// docs/configuration.md body, generated from the schema.
    std::string renderConfigMarkdown();
    std::string maskSecret(const std::string& value);
} // namespace soulspot::app
