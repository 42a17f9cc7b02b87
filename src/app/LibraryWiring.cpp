#include "app/LibraryWiring.hpp"

#include <filesystem>

#include "core/Clock.hpp"
#include "core/Log.hpp"
#include "core/Version.hpp"
#include "http/Router.hpp"
#include "http/handlers/LibraryHandlers.hpp"
#include "http/handlers/NamingHandlers.hpp"
#include "jobs/EnrichmentWorker.hpp"
#include "jobs/LibraryImportStep.hpp"
#include "jobs/LibraryService.hpp"
#include "library/AtomicMover.hpp"
#include "library/TagLibTagStore.hpp"
#include "matching/QualityProfile.hpp"
#include "net/CircuitBreaker.hpp"
#include "sources/coverart/CoverArtClient.hpp"
#include "sources/musicbrainz/MusicBrainzClient.hpp"

namespace soulspot::app
{
    std::string metadataUserAgent()
    {
        return std::string("SoulSpot/") + core::kVersion + " ( https://github.com/soulspot/soulspot )";
    }

    void LibraryParts::start()
    {
        if (enrichment)
            enrichment->start();
    }

    void LibraryParts::stop()
    {
        if (enrichment)
            enrichment->stop();
        if (service)
            service->cancelScan();
    }

    std::shared_ptr<LibraryParts> buildLibrary(const Config& config, db::Database& db, std::shared_ptr<net::IHttpClient> http,
                                               std::shared_ptr<net::CircuitBreaker> musicbrainzBreaker)
    {
        const core::Logger log("app.library");
        auto parts = std::make_shared<LibraryParts>();
        const std::filesystem::path musicRoot = config.musicPath;
        if (auto removed = library::removeStaleImportTemporaries(musicRoot); removed && *removed > 0)
            log.info("removed import temporaries left by a crash", {{"count", std::int64_t{*removed}}});

        auto tags = std::make_shared<library::TagLibTagStore>();
        if (config.musicbrainzEnabled)
        {
            sources::musicbrainz::MusicBrainzSettings mbSettings;
            mbSettings.baseUrl = config.musicbrainzUrl;
            mbSettings.userAgent = metadataUserAgent();
            auto cache = std::make_shared<sources::musicbrainz::DiskCache>(std::filesystem::path(config.cachePath) / "musicbrainz");
            auto musicbrainz =
                std::make_shared<sources::musicbrainz::MusicBrainzClient>(mbSettings, http, musicbrainzBreaker, cache);
            sources::coverart::CoverArtSettings caSettings;
            caSettings.baseUrl = config.coverartUrl;
            caSettings.userAgent = metadataUserAgent();
            // The archive is another host than MusicBrainz: its failures must not open MusicBrainz's breaker.
            const net::BreakerSettings breaker{config.breakerFailureThreshold, std::chrono::seconds(config.breakerTimeoutSeconds),
                                               config.breakerSuccessThreshold};
            auto coverBreaker = std::make_shared<net::CircuitBreaker>("coverart", breaker, core::systemClock());
            auto coverArt = std::make_shared<sources::coverart::CoverArtClient>(caSettings, http, coverBreaker);
            parts->enrichment = std::make_shared<jobs::EnrichmentWorker>(db, musicbrainz, coverArt, tags);
            parts->musicbrainz = musicbrainz;
        }

        std::weak_ptr<jobs::EnrichmentWorker> enrichment = parts->enrichment;
        parts->filer = std::make_shared<jobs::LibraryFiler>(db, tags, musicRoot, [enrichment] {
            if (auto worker = enrichment.lock())
                worker->wake();
        });
        auto profiles = [](const std::optional<std::string>& name) {
            if (name)
                if (auto p = matching::findBuiltinProfile(*name))
                    return *p;
            return matching::defaultProfile();
        };
        parts->importStep = std::make_shared<jobs::LibraryImportStep>(parts->filer, config.slskdDownloadPath, profiles);
        parts->service = std::make_shared<jobs::LibraryService>(db, musicRoot);
        parts->naming = std::make_shared<jobs::NamingSettings>(db);
        return parts;
    }

    void registerLibraryParts(http::Router& router, const LibraryParts& parts)
    {
        http::registerLibraryRoutes(router, parts.service);
        http::registerNamingRoutes(router, parts.naming);
    }
} // namespace soulspot::app
