#pragma once
// The Spotify half of the composition root (issue 5): secret box, token store, PKCE auth service, Web API
// client, playlist sync / file import / catalog, and the auto-sync scheduler. Kept apart from
// ServiceContainer.cpp so that file stays a list of parts.

#include <memory>

#include "app/Config.hpp"
#include "core/Error.hpp"

namespace soulspot::db { class Database; }
namespace soulspot::net
{
    class CircuitBreaker;
    class IHttpClient;
}
namespace soulspot::http { class Router; }
namespace soulspot::sources::spotify { class ISpotifyApi; }
namespace soulspot::jobs
{
    class DownloadService;
    class PlaylistCatalog;
    class PlaylistImportService;
    class PlaylistSyncService;
    class SpotifyAuthService;
    class SpotifySyncScheduler;
}

namespace soulspot::app
{
    struct SpotifyParts
    {
        std::shared_ptr<jobs::SpotifyAuthService> auth;
        std::shared_ptr<jobs::PlaylistSyncService> sync;
        std::shared_ptr<jobs::PlaylistImportService> fileImport;
        std::shared_ptr<jobs::PlaylistCatalog> catalog;
        std::shared_ptr<jobs::SpotifySyncScheduler> scheduler; // null when SPOTIFY_CLIENT_ID is not set
        std::shared_ptr<sources::spotify::ISpotifyApi> api;    // the user's Spotify (albums, saved albums)

        void start();
        void stop();
    };

    /// Fails when the key for secrets at rest cannot be read or created (start-up stops: tokens must not
    /// be written unencrypted, and a wrong key must not silently orphan them).
    core::Result<std::shared_ptr<SpotifyParts>> buildSpotify(const Config& config, db::Database& db,
                                                             std::shared_ptr<net::IHttpClient> http,
                                                             std::shared_ptr<net::CircuitBreaker> spotifyBreaker,
                                                             std::shared_ptr<jobs::DownloadService> downloads);

    void registerSpotifyParts(http::Router& router, const SpotifyParts& parts);
} // namespace soulspot::app
