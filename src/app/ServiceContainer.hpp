#pragma once
// The composition root: builds every long-lived object once, wires them through constructors, and owns
// their lifetimes. Nothing below app/ knows how the others are built.

#include <chrono>
#include <memory>
#include <vector>

#include "app/Config.hpp"
#include "core/Error.hpp"

namespace soulspot::db
{
    class Database;
    class ServerLock;
}
namespace soulspot::net
{
    class CircuitBreaker;
    class IHttpClient;
}
namespace soulspot::http
{
    class Router;
    class Metrics;
    class AuthGate;
}
namespace soulspot::core { class EventBus; }
namespace soulspot::sources::slskd { class ISlskdApi; }
namespace soulspot::jobs
{
    class DownloadLifecycle;
    class DownloadWorkers;
    class DownloadService;
    class DownloadChangeFeed;
    class QualityProfileService;
    class AlbumService;
    class SearchScheduler;
}

namespace soulspot::app
{
    struct LibraryParts;
    struct SpotifyParts;

    class ServiceContainer
    {
    public:
        /// Opens and migrates the database, takes the server lock, builds clients and routes.
        static core::Result<std::unique_ptr<ServiceContainer>> create(const Config& config);
        ~ServiceContainer();

        const Config& config() const { return config_; }
        db::Database& database() { return *database_; }
        std::shared_ptr<http::Router> router() { return router_; }
        std::shared_ptr<http::Metrics> metrics() { return metrics_; }
        std::shared_ptr<jobs::DownloadService> downloads() { return downloads_; }
        /// Issue 7: the gate the request pipeline runs before routing, and the live-update bus.
        std::shared_ptr<http::AuthGate> authGate() { return authGate_; }
        std::shared_ptr<core::EventBus> events() { return events_; }

        /// Starts background work (storage watcher, later the download workers).
        void startBackground();
        /// Stops background work, waiting up to `grace`.
        void stopBackground(std::chrono::milliseconds grace);
        /// Closes the database last.
        void close();

    private:
        explicit ServiceContainer(Config config);
        void registerRoutes();
        void buildDownloads();
        void buildAlbums();

        Config config_;
        std::unique_ptr<db::ServerLock> lock_;
        std::unique_ptr<db::Database> database_;
        std::shared_ptr<net::IHttpClient> httpClient_;
        std::shared_ptr<net::CircuitBreaker> slskdBreaker_, spotifyBreaker_, musicbrainzBreaker_;
        std::shared_ptr<sources::slskd::ISlskdApi> slskd_;
        std::shared_ptr<jobs::DownloadLifecycle> lifecycle_;
        std::shared_ptr<jobs::DownloadWorkers> workers_;
        std::shared_ptr<jobs::DownloadService> downloads_;
        std::shared_ptr<LibraryParts> library_; // import step, enrichment, library index, naming (issue 6)
        std::shared_ptr<SpotifyParts> spotify_; // OAuth, playlist sync and file import, auto-sync (issue 5)
        std::shared_ptr<http::Router> router_;
        std::shared_ptr<http::Metrics> metrics_;
        std::shared_ptr<http::AuthGate> authGate_;
        std::shared_ptr<core::EventBus> events_;
        std::shared_ptr<jobs::DownloadChangeFeed> changeFeed_;
        std::shared_ptr<jobs::QualityProfileService> qualityProfiles_;
        std::shared_ptr<jobs::AlbumService> albums_;
        std::shared_ptr<jobs::SearchScheduler> albumScheduler_;
        struct Background;
        std::unique_ptr<Background> background_;
    };
} // namespace soulspot::app
