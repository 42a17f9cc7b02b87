#include "app/Config.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "app/ConfigSchema.hpp"
#include "db/DatabaseUrl.hpp"


namespace soulspot::app
{
    namespace
    {
        std::string trim(std::string s)
        {
            const auto b = s.find_first_not_of(" \t\r");
            const auto e = s.find_last_not_of(" \t\r");
            return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
        }

        std::string lower(std::string s)
        {
            for (auto& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        }

        core::Error invalidVar(std::string_view name, const std::string& value, const std::string& why)
        {
            return core::Error::invalid(std::string(name) + "='" + value + "' is invalid: " + why);
        }

        core::Result<void> validate(const ConfigVar& var, const std::string& value)
        {
            switch (var.kind)
            {
            case VarKind::Int:
            {
                if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 12)
                    return core::fail(invalidVar(var.name, value, "expected a whole number"));
                const long n = std::stol(value);
                // "No upper bound" still means what the int field in Config can hold: 999999999999 would wrap.
                const long maxValue = var.maxValue != 0 ? var.maxValue : std::numeric_limits<int>::max();
                if (n < var.minValue || n > maxValue)
                    return core::fail(invalidVar(var.name, value,
                                                 "expected " + std::to_string(var.minValue) + ".." + std::to_string(maxValue)));
                return {};
            }
            case VarKind::Bool:
            {
                const auto v = lower(value);
                if (v != "true" && v != "false" && v != "1" && v != "0" && v != "yes" && v != "no")
                    return core::fail(invalidVar(var.name, value, "expected true or false"));
                return {};
            }
            case VarKind::Url:
                if (!value.empty() && !value.starts_with("http://") && !value.starts_with("https://"))
                    return core::fail(invalidVar(var.name, value, "expected an http:// or https:// URL"));
                return {};
            case VarKind::LogLevel:
            {
                core::LogLevel l;
                if (!core::parseLogLevel(value, l))
                    return core::fail(invalidVar(var.name, value, "expected DEBUG, INFO, WARNING or ERROR"));
                return {};
            }
            case VarKind::LogFormat:
                if (lower(value) != "json" && lower(value) != "text")
                    return core::fail(invalidVar(var.name, value, "expected json or text"));
                return {};
            case VarKind::DatabaseUrl:
                if (auto r = db::parseDatabaseUrl(value); !r)
                    return core::fail(invalidVar(var.name, db::DatabaseUrl{.original = value}.masked(), r.error().message));
                return {};
            case VarKind::Enum:
            {
                std::string allowed(var.allowed);
                std::stringstream ss(allowed);
                for (std::string item; std::getline(ss, item, '|');)
                    if (item == lower(value))
                        return {};
                return core::fail(invalidVar(var.name, value, "expected one of " + allowed));
            }
            case VarKind::Path:
            case VarKind::String: return {};
            }
            return {};
        }

        bool parseBool(const std::string& v)
        {
            const auto l = lower(v);
            return l == "true" || l == "1" || l == "yes";
        }
    } // namespace

    EnvLookup processEnvironment()
    {
        return [](const std::string& name) -> std::optional<std::string> {
            if (const char* v = std::getenv(name.c_str()))
                return std::string(v);
            return std::nullopt;
        };
    }

    core::Result<std::map<std::string, std::string>> parseDotEnv(const std::string& text)
    {
        std::map<std::string, std::string> out;
        std::istringstream in(text);
        int lineNo = 0;
        for (std::string line; std::getline(in, line);)
        {
            ++lineNo;
            line = trim(line);
            if (line.empty() || line.front() == '#')
                continue;
            if (line.starts_with("export "))
                line = trim(line.substr(7));
            const auto eq = line.find('=');
            const std::string key = eq == std::string::npos ? "" : trim(line.substr(0, eq));
            if (key.empty() || key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") !=
                                   std::string::npos)
                return core::fail(core::Error::invalid(".env line " + std::to_string(lineNo) +
                                                       ": expected NAME=value, got '" + line + "'"));
            std::string value = trim(line.substr(eq + 1));
            if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
                value = value.substr(1, value.size() - 2);
            else if (!value.empty() && (value.front() == '"' || value.front() == '\''))
                return core::fail(core::Error::invalid(".env line " + std::to_string(lineNo) + ": unterminated quote in " + key));
            else if (const auto hash = value.find(" #"); hash != std::string::npos)
                value = trim(value.substr(0, hash));
            out[key] = value;
        }
        return out;
    }

    core::Result<Config> loadConfig(const EnvLookup& env, const std::string& dotEnvPath)
    {
        std::map<std::string, std::string> dotEnv;
        std::error_code ec;
        if (std::filesystem::exists(dotEnvPath, ec))
        {
            std::ifstream f(dotEnvPath);
            if (!f || std::filesystem::is_directory(dotEnvPath, ec))
                return core::fail(core::Error::invalid(".env: cannot read " + dotEnvPath));
            std::stringstream buf;
            buf << f.rdbuf();
            if (f.bad())
                return core::fail(core::Error::invalid(".env: cannot read " + dotEnvPath));
            auto parsed = parseDotEnv(buf.str());
            if (!parsed)
                return core::fail(parsed.error());
            dotEnv = std::move(*parsed);
        }

        Config c;
        for (const ConfigVar& var : configSchema())
        {
            const std::string name(var.name);
            std::string value(var.defaultValue);
            std::string origin = "default";
            if (auto it = dotEnv.find(name); it != dotEnv.end())
            {
                value = it->second;
                origin = ".env";
            }
            if (auto v = env(name))
            {
                value = *v;
                origin = "environment";
            }
            if (auto r = validate(var, value); !r)
                return core::fail(r.error());
            c.values[name] = value;
            c.origins[name] = origin;
        }

        auto str = [&](const char* n) { return c.values.at(n); };
        auto num = [&](const char* n) { return static_cast<int>(std::stol(c.values.at(n))); };
        c.apiHost = str("API_HOST");
        c.apiPort = num("API_PORT");
        c.maxBodyBytes = std::stol(str("API_MAX_BODY_BYTES"));
        c.requestTimeoutSeconds = num("API_REQUEST_TIMEOUT");
        c.shutdownTimeoutSeconds = num("SHUTDOWN_TIMEOUT");
        c.databaseUrl = str("DATABASE_URL");
        c.databasePoolSize = num("DATABASE_POOL_SIZE");
        c.databaseMaxOverflow = num("DATABASE_MAX_OVERFLOW");
        c.debug = parseBool(str("DEBUG"));
        core::parseLogLevel(str("LOG_LEVEL"), c.logLevel);
        if (c.debug)
            c.logLevel = core::LogLevel::Debug;
        c.logFormat = lower(str("LOG_FORMAT")) == "text" ? core::LogFormat::Text : core::LogFormat::Json;
        c.downloadPath = str("STORAGE_DOWNLOAD_PATH");
        c.musicPath = str("STORAGE_MUSIC_PATH");
        c.cachePath = str("STORAGE_CACHE_PATH");
        c.slskdUrl = str("SLSKD_URL");
        c.slskdApiKey = str("SLSKD_API_KEY");
        c.slskdUsername = str("SLSKD_USERNAME");
        c.slskdPassword = str("SLSKD_PASSWORD");
        c.slskdDownloadPath = str("SLSKD_DOWNLOAD_PATH").empty() ? c.downloadPath : str("SLSKD_DOWNLOAD_PATH");
        c.spotifyClientId = str("SPOTIFY_CLIENT_ID");
        c.spotifyClientSecret = str("SPOTIFY_CLIENT_SECRET");
        c.spotifyRedirectUri = str("SPOTIFY_REDIRECT_URI");
        c.spotifyApiUrl = str("SPOTIFY_API_URL");
        c.spotifyAccountsUrl = str("SPOTIFY_ACCOUNTS_URL");
        c.spotifySyncIntervalMinutes = num("SPOTIFY_SYNC_INTERVAL");
        c.musicbrainzUrl = str("MUSICBRAINZ_URL");
        c.coverartUrl = str("COVERART_URL");
        c.musicbrainzEnabled = parseBool(str("MUSICBRAINZ_ENABLED"));
        c.breakerFailureThreshold = num("CIRCUIT_BREAKER_FAILURE_THRESHOLD");
        c.breakerTimeoutSeconds = num("CIRCUIT_BREAKER_TIMEOUT");
        c.breakerSuccessThreshold = num("CIRCUIT_BREAKER_SUCCESS_THRESHOLD");
        c.downloadMaxConcurrent = num("DOWNLOAD_MAX_CONCURRENT");
        c.downloadMaxRetries = num("DOWNLOAD_MAX_RETRIES");
        c.downloadStallTimeoutSeconds = num("DOWNLOAD_STALL_TIMEOUT");
        c.downloadMonitorIntervalMs = num("DOWNLOAD_MONITOR_INTERVAL_MS");
        c.notFoundRetrySeconds = num("NOT_FOUND_RETRY_INTERVAL");
        c.blocklistTtlSeconds = num("BLOCKLIST_TTL");
        c.searchMaxPerWindow = num("SEARCH_MAX_PER_WINDOW");
        c.searchWindowSeconds = num("SEARCH_WINDOW_SECONDS");
        c.searchMinGapMs = num("SEARCH_MIN_GAP_MS");
        c.searchTimeoutMs = num("SEARCH_TIMEOUT_MS");
        c.searchCacheTtlSeconds = num("SEARCH_CACHE_TTL");
        c.searchBanEmptyStreak = num("SEARCH_BAN_EMPTY_STREAK");
        c.searchBanBackoffSeconds = num("SEARCH_BAN_BACKOFF");
        c.instanceId = str("INSTANCE_ID");
        c.downloadLeaseTtlSeconds = num("DOWNLOAD_LEASE_TTL");
        auto commaList = [&](const char* name) {
            std::vector<std::string> out;
            std::stringstream ss(str(name));
            for (std::string item; std::getline(ss, item, ',');)
                if (item = trim(item); !item.empty())
                    out.push_back(item);
            return out;
        };
        c.albumPreferredCountries = commaList("ALBUM_PREFERRED_COUNTRIES");
        c.albumPreferredFormats = commaList("ALBUM_PREFERRED_FORMATS");
        {
            c.downloadRetryBackoffSeconds.clear();
            std::stringstream ss(str("DOWNLOAD_RETRY_BACKOFF"));
            for (std::string item; std::getline(ss, item, ',');)
            {
                item = trim(item);
                if (item.empty() || item.find_first_not_of("0123456789") != std::string::npos || item.size() > 9)
                    return core::fail(invalidVar("DOWNLOAD_RETRY_BACKOFF", str("DOWNLOAD_RETRY_BACKOFF"),
                                                 "expected comma-separated seconds, e.g. 60,300,900"));
                c.downloadRetryBackoffSeconds.push_back(std::stoi(item));
            }
            if (c.downloadRetryBackoffSeconds.empty())
                return core::fail(invalidVar("DOWNLOAD_RETRY_BACKOFF", "", "expected at least one delay"));
        }
        c.secretKey = str("SECRET_KEY");
        c.authRequired = lower(str("AUTH_REQUIRED"));
        c.authTrustedNetworks = str("AUTH_TRUSTED_NETWORKS");
        c.authTrustedProxies = str("AUTH_TRUSTED_PROXIES");
        return c;
    }

    std::string maskSecret(const std::string& value) { return value.empty() ? "" : "********"; }

    std::string renderConfig(const Config& config)
    {
        std::string out;
        for (const ConfigVar& var : configSchema())
        {
            const std::string name(var.name);
            std::string value = config.values.at(name);
            if (var.kind == VarKind::DatabaseUrl)
                value = db::DatabaseUrl{.original = value}.masked();
            else if (var.secret)
                value = maskSecret(value);
            out += name + "=" + value + "  # " + config.origins.at(name) + "\n";
        }
        return out;
    }

    std::string renderConfigMarkdown()
    {
        std::string out = "# Configuration reference\n\n"
                          "SoulSpot reads defaults, then `.env` in the working directory, then the process environment "
                          "(later wins). An invalid value stops start-up with one line naming the variable (exit code 2). "
                          "`soulspot config` prints the effective values with secrets masked.\n\n"
                          "This file is generated by `soulspot config --markdown`; a test fails when it is out of date.\n";
        std::string_view section;
        for (const ConfigVar& var : configSchema())
        {
            if (var.section != section)
            {
                section = var.section;
                out += "\n## " + std::string(section) + "\n\n| Variable | Default | Secret | Meaning |\n|---|---|---|---|\n";
            }
            out += "| `" + std::string(var.name) + "` | `" + std::string(var.defaultValue) + "` | " +
                   (var.secret ? "yes" : "no") + " | " + std::string(var.description) + " |\n";
        }
        return out;
    }
} // namespace soulspot::app
