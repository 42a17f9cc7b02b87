#pragma once
// The library half of the composition root (issue 6): import step, enrichment worker (MusicBrainz + Cover
// Art Archive), library index service and naming settings, built from configuration. Kept apart from
// ServiceContainer.cpp so that file stays a list of parts.

#include <memory>

#include "app/Config.hpp"

namespace soulspot::db { class Database; }
namespace soulspot::net
{
    class CircuitBreaker;
    class IHttpClient;
}
namespace soulspot::http { class Router; }
namespace soulspot::sources::musicbrainz { class IMusicBrainzApi; }
namespace soulspot::jobs
{
    class EnrichmentWorker;
    class IImportStep;
    class LibraryFiler;
    class LibraryService;
    class NamingSettings;
}

namespace soulspot::app
{
    struct LibraryParts
    {
        std::shared_ptr<jobs::LibraryFiler> filer;
        std::shared_ptr<jobs::IImportStep> importStep;
        std::shared_ptr<jobs::LibraryService> service;
        std::shared_ptr<jobs::NamingSettings> naming;
        std::shared_ptr<jobs::EnrichmentWorker> enrichment; // null when MUSICBRAINZ_ENABLED=false
        std::shared_ptr<sources::musicbrainz::IMusicBrainzApi> musicbrainz; // null when MUSICBRAINZ_ENABLED=false

        void start();
        void stop();
    };

    /// Builds the parts and removes import temporaries a crash left in the music folder.
    std::shared_ptr<LibraryParts> buildLibrary(const Config& config, db::Database& db,
                                               std::shared_ptr<net::IHttpClient> http,
                                               std::shared_ptr<net::CircuitBreaker> musicbrainzBreaker);

    void registerLibraryParts(http::Router& router, const LibraryParts& parts);

    /// "SoulSpot/<version> ( <project url> )": what MusicBrainz asks every client to send.
    std::string metadataUserAgent();
} // namespace soulspot::app
