// `.env` files (read at start-up from the working directory): parseDotEnv, then loadConfig with the parsed
// values standing in for the environment, so every value also goes through the schema's validation and the
// conversions into Config.

#include <cstddef>
#include <cstdint>
#include <string>

#include "FuzzCheck.hpp"
#include "app/Config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace soulspot::app;
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto parsed = parseDotEnv(text);
    if (!parsed)
    {
        FUZZ_CHECK(parsed.error().message.starts_with(".env line "), "errors name the line");
        return 0;
    }
    for (const auto& [key, value] : *parsed)
    {
        FUZZ_CHECK(!key.empty(), "keys are not empty");
        FUZZ_CHECK(key.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") ==
                       std::string::npos,
                   "keys are names");
        FUZZ_CHECK(value.find('\n') == std::string::npos, "values are one line");
    }
    const auto& vars = *parsed;
    const EnvLookup env = [&vars](const std::string& name) -> std::optional<std::string> {
        const auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
    if (auto config = loadConfig(env, "/nonexistent/soulspot-fuzz/.env"))
    {
        FUZZ_CHECK(config->apiPort >= 0, "ports are not negative");
        FUZZ_CHECK(config->maxBodyBytes >= 0, "the body limit is not negative");
        // The variables without an upper bound in the schema still land in an int and must keep their minimum.
        FUZZ_CHECK(config->spotifySyncIntervalMinutes >= 1, "SPOTIFY_SYNC_INTERVAL keeps its minimum");
        FUZZ_CHECK(config->downloadStallTimeoutSeconds >= 10, "DOWNLOAD_STALL_TIMEOUT keeps its minimum");
        FUZZ_CHECK(config->notFoundRetrySeconds >= 60, "NOT_FOUND_RETRY_INTERVAL keeps its minimum");
        FUZZ_CHECK(config->blocklistTtlSeconds >= 60, "BLOCKLIST_TTL keeps its minimum");
        FUZZ_CHECK(config->searchCacheTtlSeconds >= 0, "SEARCH_CACHE_TTL keeps its minimum");
        FUZZ_CHECK(config->maxBodyBytes >= 1024, "API_MAX_BODY_BYTES keeps its minimum");
        // `soulspot config` prints it back, masking secrets and the database URL's password.
        const std::string shown = renderConfig(*config);
        if (!config->slskdApiKey.empty())
            FUZZ_CHECK(shown.find("\nSLSKD_API_KEY=********  #") != std::string::npos, "secrets are masked");
    }
    return 0;
}
