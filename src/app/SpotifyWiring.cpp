#include "app/SpotifyWiring.hpp"

#include "app/SecretKeyFile.hpp"
#include "core/Clock.hpp"
#include "http/Router.hpp"
#include "http/handlers/PlaylistHandlers.hpp"
#include "http/handlers/SpotifyAuthHandlers.hpp"
#include "jobs/PlaylistCatalog.hpp"
#include "jobs/PlaylistImportService.hpp"
#include "jobs/PlaylistSyncService.hpp"
#include "jobs/SpotifyAuthService.hpp"
#include "jobs/SpotifySyncScheduler.hpp"
#include "net/ServiceClient.hpp"
#include "sources/spotify/SpotifyAccounts.hpp"
#include "sources/spotify/SpotifyApi.hpp"

namespace soulspot::app
{
    namespace sp = sources::spotify;

    void SpotifyParts::start()
    {
        if (scheduler)
            scheduler->start();
    }

    void SpotifyParts::stop()
    {
        if (scheduler)
            scheduler->stop();
    }

    core::Result<std::shared_ptr<SpotifyParts>> buildSpotify(const Config& config, db::Database& db,
                                                             std::shared_ptr<net::IHttpClient> http,
                                                             std::shared_ptr<net::CircuitBreaker> spotifyBreaker,
                                                             std::shared_ptr<jobs::DownloadService> downloads)
    {
        auto box = loadSecretBox(config);
        if (!box)
            return core::fail(box.error());
        auto parts = std::make_shared<SpotifyParts>();
        const auto clock = core::systemClock();

        // Spotify's 429s carry Retry-After; waits up to a minute are sat out inside the call (a big import
        // then finishes instead of failing), longer ones reach the caller as RateLimited.
        net::RetryPolicy apiRetry;
        apiRetry.maxAttempts = 6;
        apiRetry.initialBackoff = std::chrono::milliseconds(500);
        apiRetry.maxBackoff = std::chrono::milliseconds(8000);
        apiRetry.maxRetryAfter = std::chrono::milliseconds(60000);
        auto accountsService = std::make_shared<net::ServiceClient>("spotify-accounts", config.spotifyAccountsUrl, http,
                                                                    spotifyBreaker, net::RetryPolicy{});
        auto apiService = std::make_shared<net::ServiceClient>("spotify", config.spotifyApiUrl, http, spotifyBreaker, apiRetry);
        auto accounts = std::make_shared<sp::SpotifyAccountsClient>(accountsService, clock);

        jobs::SpotifyUserLookup lookup = [apiService](const std::string& accessToken) {
            sp::SpotifyApiClient client(apiService, [accessToken](bool) { return core::Result<std::string>(accessToken); });
            return client.me();
        };
        jobs::SpotifyAuthSettings settings;
        settings.clientId = config.spotifyClientId;
        settings.redirectUri = config.spotifyRedirectUri;
        auto store = std::make_shared<jobs::SpotifyTokenStore>(db, *box);
        parts->auth = std::make_shared<jobs::SpotifyAuthService>(store, accounts, lookup, clock, settings);
        auto api = std::make_shared<sp::SpotifyApiClient>(apiService, parts->auth->tokenProvider());
        parts->sync = std::make_shared<jobs::PlaylistSyncService>(db, api, downloads);
        parts->api = api;
        parts->fileImport = std::make_shared<jobs::PlaylistImportService>(db, downloads);
        parts->catalog = std::make_shared<jobs::PlaylistCatalog>(db, downloads);
        if (config.spotifyConfigured())
        {
            jobs::SpotifySyncSchedule schedule;
            schedule.interval = std::chrono::minutes(config.spotifySyncIntervalMinutes);
            parts->scheduler = std::make_shared<jobs::SpotifySyncScheduler>(parts->sync, parts->auth, schedule);
        }
        return parts;
    }

    void registerSpotifyParts(http::Router& router, const SpotifyParts& parts)
    {
        http::registerSpotifyAuthRoutes(router, parts.auth);
        http::registerPlaylistRoutes(router, {parts.sync, parts.fileImport, parts.catalog});
    }
} // namespace soulspot::app
