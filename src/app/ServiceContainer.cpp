#include "app/ServiceContainer.hpp"

#include <condition_variable>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "app/LibraryWiring.hpp"
#include "app/SpotifyWiring.hpp"
#include "app/ReadinessChecks.hpp"
#include "app/WebAccess.hpp"
#include "core/EventBus.hpp"
#include "http/auth/AuthGate.hpp"
#include "http/handlers/AuthHandlers.hpp"
#include "http/handlers/EventHandlers.hpp"
#include "http/handlers/OverviewHandlers.hpp"
#include "jobs/QueueOverview.hpp"
#include "jobs/QualityProfileService.hpp"
#include "http/handlers/QualityProfileHandlers.hpp"
#include "http/handlers/WebUiHandlers.hpp"
#include "jobs/DownloadChangeFeed.hpp"
#include "core/Log.hpp"
#include "core/Version.hpp"
#include "db/Database.hpp"
#include "db/migrations/Migrations.hpp"
#include "db/sqlite/SqliteBackup.hpp"
#include "http/Metrics.hpp"
#include "http/Router.hpp"
#include "http/handlers/AlbumHandlers.hpp"
#include "http/handlers/DownloadHandlers.hpp"
#include "http/handlers/HealthHandlers.hpp"
#include "http/handlers/MetaHandlers.hpp"
#include "net/CircuitBreaker.hpp"
#include "jobs/AlbumResolver.hpp"
#include "jobs/AlbumService.hpp"
#include "jobs/DownloadLifecycle.hpp"
#include "jobs/DownloadService.hpp"
#include "jobs/DownloadWorkers.hpp"
#include "matching/QualityProfile.hpp"
#include "net/HttpClient.hpp"
#include "sources/slskd/SlskdClient.hpp"

namespace soulspot::app
{
    namespace fs = std::filesystem;

    struct ServiceContainer::Background
    {
        std::mutex mutex;
        std::condition_variable cv;
        bool stop{false};
        std::thread storageWatcher;
    };

    namespace
    {
        void ensureFolders(const Config& c)
        {
            for (const auto& dir : {c.downloadPath, c.musicPath, c.cachePath})
            {
                std::error_code ec;
                if (!dir.empty() && !fs::exists(dir, ec))
                {
                    fs::create_directories(dir, ec);
                    if (ec)
                        core::Logger("app.storage").error("cannot create folder", {{"path", dir}, {"error", ec.message()}});
                }
            }
        }
        // The SQLite layer creates a missing folder quietly and then fails on the lock file with a message
        // about ".lock"; say instead which folder DATABASE_URL points at and why it cannot be used, and
        // log it when a folder is created, so a mistyped path does not grow a tree unnoticed.
        core::Result<void> ensureDatabaseFolder(const std::string& databasePath)
        {
            if (databasePath.empty() || databasePath == ":memory:" || databasePath.starts_with("file:"))
                return {};
            const fs::path folder = fs::path(databasePath).parent_path();
            if (folder.empty())
                return {};
            std::error_code ec;
            if (fs::is_directory(folder, ec))
                return {};
            if (fs::exists(folder, ec))
                return core::fail(core::Error::invalid("DATABASE_URL: " + folder.string() + " is not a folder"));
            fs::create_directories(folder, ec);
            if (ec || !fs::is_directory(folder))
                return core::fail(core::Error::invalid("DATABASE_URL: the folder " + folder.string() +
                                                       " does not exist and cannot be created (" +
                                                       (ec ? ec.message() : std::string("unknown error")) + ")"));
            core::Logger("app").info("created database folder", {{"path", folder.string()}});
            return {};
        }
    } // namespace

    core::Result<std::unique_ptr<ServiceContainer>> ServiceContainer::create(const Config& config)
    {
        std::unique_ptr<ServiceContainer> c(new ServiceContainer(config));
        const core::Logger log("app");
        auto url = db::parseDatabaseUrl(config.databaseUrl);
        if (!url)
            return core::fail(url.error());
        if (url->dialect == db::Dialect::Sqlite)
        {
            if (auto folder = ensureDatabaseFolder(url->sqlitePath); !folder)
                return core::fail(folder.error());
            auto lock = db::ServerLock::acquire(url->sqlitePath);
            if (!lock)
                return core::fail(lock.error());
            c->lock_ = std::move(*lock);
        }
        auto database = db::Database::open(*url, {config.databasePoolSize, config.databaseMaxOverflow});
        if (!database)
            return core::fail(database.error());
        c->database_ = std::move(*database);
        db::Migrator migrator(*c->database_);
        if (auto r = migrator.refuseNewerDatabase(); !r)
            return core::fail(r.error());
        auto revision = migrator.upgrade();
        if (!revision)
            return core::fail(revision.error());
        log.info("database ready", {{"url", url->masked()}, {"revision", std::int64_t{*revision}}});

        ensureFolders(config);
        const net::BreakerSettings breaker{config.breakerFailureThreshold, std::chrono::seconds(config.breakerTimeoutSeconds),
                                           config.breakerSuccessThreshold};
        c->slskdBreaker_ = std::make_shared<net::CircuitBreaker>("slskd", breaker, core::systemClock());
        c->spotifyBreaker_ = std::make_shared<net::CircuitBreaker>("spotify", breaker, core::systemClock());
        c->musicbrainzBreaker_ = std::make_shared<net::CircuitBreaker>("musicbrainz", breaker, core::systemClock());
        c->httpClient_ = net::createCurlHttpClient({std::string("SoulSpot/") + core::kVersion +
                                                    " ( https://github.com/soulspot/soulspot )"});
        c->router_ = std::make_shared<http::Router>();
        c->metrics_ = std::make_shared<http::Metrics>();
        auto gate = buildAuthGate(config, *c->database_);
        if (!gate)
            return core::fail(gate.error());
        c->authGate_ = std::move(*gate);
        c->events_ = buildEventBus();
        c->changeFeed_ = std::make_shared<jobs::DownloadChangeFeed>(*c->database_, c->events_, core::systemClock());
        c->buildDownloads();
        c->library_ = buildLibrary(config, *c->database_, c->httpClient_, c->musicbrainzBreaker_);
        if (c->lifecycle_)
            c->lifecycle_->setImportStep(c->library_->importStep);
        auto spotify = buildSpotify(config, *c->database_, c->httpClient_, c->spotifyBreaker_, c->downloads_);
        if (!spotify)
            return core::fail(spotify.error());
        c->spotify_ = std::move(*spotify);
        c->buildAlbums();
        c->registerRoutes();
        return c;
    }

    namespace
    {
        std::string hostName()
        {
            char buf[256] = {0};
            if (::gethostname(buf, sizeof buf - 1) != 0 || buf[0] == '\0')
                return "localhost";
            return buf;
        }
    } // namespace

    ServiceContainer::ServiceContainer(Config config) : config_(std::move(config)) {}

    ServiceContainer::~ServiceContainer()
    {
        stopBackground(std::chrono::milliseconds(0));
        close();
    }

    void ServiceContainer::buildDownloads()
    {
        qualityProfiles_ = std::make_shared<jobs::QualityProfileService>(*database_);
        if (config_.slskdConfigured())
        {
            sources::slskd::SlskdConfig sc;
            sc.baseUrl = config_.slskdUrl;
            sc.apiKey = config_.slskdApiKey;
            sc.username = config_.slskdUsername;
            sc.password = config_.slskdPassword;
            slskd_ = std::make_shared<sources::slskd::SlskdClient>(sc, httpClient_, slskdBreaker_);

            jobs::DownloadPolicy policy;
            policy.maxConcurrent = config_.downloadMaxConcurrent;
            policy.maxSearchRetries = config_.downloadMaxRetries;
            policy.retryBackoff.clear();
            for (int s : config_.downloadRetryBackoffSeconds)
                policy.retryBackoff.emplace_back(s);
            policy.stallTimeout = std::chrono::seconds(config_.downloadStallTimeoutSeconds);
            policy.leaseTtl = std::chrono::seconds(config_.downloadLeaseTtlSeconds);
            // Renewed four times per lease, so a live owner never loses a row to a slow pass.
            policy.watchdogInterval = std::max(std::chrono::seconds(1), policy.leaseTtl / 4);
            policy.notFoundRetry = std::chrono::seconds(config_.notFoundRetrySeconds);
            policy.blocklistTtl = std::chrono::seconds(config_.blocklistTtlSeconds);
            policy.monitorInterval = std::chrono::milliseconds(config_.downloadMonitorIntervalMs);
            policy.searchTimeout = std::chrono::milliseconds(config_.searchTimeoutMs);
            policy.searchCacheTtl = std::chrono::seconds(config_.searchCacheTtlSeconds);
            policy.slskdDownloadPath = config_.slskdDownloadPath;
            // Stable across restarts of the same process (its own stale leases are taken back at start-up),
            // distinct between two instances on one PostgreSQL.
            policy.instanceId = config_.instanceId.empty() ? hostName() + ":" + std::to_string(config_.apiPort)
                                                           : config_.instanceId;

            jobs::SearchSchedulerSettings searchSettings;
            searchSettings.maxSearches = config_.searchMaxPerWindow;
            searchSettings.window = std::chrono::seconds(config_.searchWindowSeconds);
            searchSettings.minGap = std::chrono::milliseconds(config_.searchMinGapMs);
            searchSettings.emptyStreakForBan = config_.searchBanEmptyStreak;
            searchSettings.banBackoff = std::chrono::seconds(config_.searchBanBackoffSeconds);
            auto scheduler = std::make_shared<jobs::SearchScheduler>(searchSettings, core::systemClock());
            albumScheduler_ = scheduler; // albums share the one search budget with tracks
            // The download's own profile when it names one (built-in or custom), else the active one.
            auto profiles = [service = qualityProfiles_](const std::optional<std::string>& name) { return service->resolve(name); };
            lifecycle_ = std::make_shared<jobs::DownloadLifecycle>(*database_, slskd_, slskdBreaker_, scheduler, policy, profiles,
                                                                   core::systemClock());
            workers_ = std::make_shared<jobs::DownloadWorkers>(*database_, lifecycle_, policy);
        }
        downloads_ = std::make_shared<jobs::DownloadService>(*database_, lifecycle_, workers_);
    }

    void ServiceContainer::buildAlbums()
    {
        std::shared_ptr<jobs::AlbumRoad> road;
        if (lifecycle_)
        {
            auto profiles = [service = qualityProfiles_](const std::optional<std::string>& name) { return service->resolve(name); };
            road = std::make_shared<jobs::AlbumRoad>(*database_, lifecycle_->road(), albumScheduler_, profiles);
            workers_->setAlbumRoad(road);
        }
        jobs::AlbumResolverSettings settings;
        settings.preferredCountries = config_.albumPreferredCountries;
        settings.preferredFormats = config_.albumPreferredFormats;
        albums_ = std::make_shared<jobs::AlbumService>(
            *database_, jobs::makeAlbumResolver(spotify_->api, library_->musicbrainz, settings), road, downloads_);
    }

    void ServiceContainer::registerRoutes()
    {
        auto health = std::make_shared<http::HealthDeps>();
        health->checks = readinessChecks(config_, *database_, slskd_, slskdBreaker_, spotifyBreaker_, musicbrainzBreaker_);
        for (const auto& breaker : {slskdBreaker_, spotifyBreaker_, musicbrainzBreaker_})
            health->breakers.push_back({breaker->name(), [breaker] { return std::string(net::toString(breaker->state())); }});
        http::registerHealthRoutes(*router_, health);
        http::registerMetaRoutes(*router_, metrics_);
        http::registerDownloadRoutes(*router_, downloads_);
        http::registerAlbumRoutes(*router_, albums_);
        http::registerQualityProfileRoutes(*router_, qualityProfiles_);
        registerLibraryParts(*router_, *library_);
        registerSpotifyParts(*router_, *spotify_);
        http::registerAuthRoutes(*router_, authGate_);
        http::registerEventRoutes(*router_, events_);
        http::registerOverviewRoutes(*router_, std::make_shared<jobs::QueueOverview>(*database_, downloads_),
                                     buildSystemSettingsView(config_), httpClient_);
        http::installWebUi(*router_);

        metrics_->addGauge("soulspot_circuit_breaker_state", "Circuit breaker state: 0 closed, 1 half-open, 2 open.",
                           [b = std::vector{slskdBreaker_, spotifyBreaker_, musicbrainzBreaker_}] {
                               std::vector<http::GaugeSample> out;
                               for (const auto& x : b)
                               {
                                   const auto s = x->state();
                                   out.push_back({"service=\"" + x->name() + "\"",
                                                  s == net::BreakerState::Closed ? 0.0 : s == net::BreakerState::HalfOpen ? 1.0 : 2.0});
                               }
                               return out;
                           });
        db::Database* database = database_.get();
        metrics_->addGauge("soulspot_db_busy_errors_total", "SQLite busy/locked errors that reached the code (should stay 0).",
                           [database] { return std::vector<http::GaugeSample>{{"", static_cast<double>(database->busyErrors())}}; });
        metrics_->addGauge("soulspot_downloads", "Downloads by status.", [database] {
            std::vector<http::GaugeSample> out;
            auto rs = database->execute("SELECT status, COUNT(*) FROM downloads GROUP BY status ORDER BY status");
            if (rs)
                for (const auto& row : rs->rows)
                    out.push_back({"status=\"" + http::promLabel(row.getString(0)) + "\"", static_cast<double>(row.getInt(1))});
            return out;
        });
    }

    void ServiceContainer::startBackground()
    {
        background_ = std::make_unique<Background>();
        // STORAGE_CACHE_PATH (and the other folders) come back if someone deletes them while we run.
        background_->storageWatcher = std::thread([this, bg = background_.get()] {
            std::unique_lock lock(bg->mutex);
            while (!bg->cv.wait_for(lock, std::chrono::seconds(2), [bg] { return bg->stop; }))
                ensureFolders(config_);
        });
        changeFeed_->start();
        library_->start();
        spotify_->start();
        if (workers_)
            workers_->start();
        else
            core::Logger("app").warning("slskd is not configured (SLSKD_URL): downloads stay QUEUED until it is");
    }

    void ServiceContainer::stopBackground(std::chrono::milliseconds)
    {
        if (changeFeed_)
            changeFeed_->stop();
        if (events_)
            events_->close();
        if (workers_)
            workers_->stop();
        if (library_)
            library_->stop();
        if (spotify_)
            spotify_->stop();
        if (!background_)
            return;
        {
            std::lock_guard lock(background_->mutex);
            background_->stop = true;
        }
        background_->cv.notify_all();
        if (background_->storageWatcher.joinable())
            background_->storageWatcher.join();
        background_.reset();
    }

    void ServiceContainer::close()
    {
        if (database_)
        {
            database_->close();
            database_.reset();
            core::Logger("app").info("database closed");
        }
        lock_.reset();
    }
} // namespace soulspot::app
