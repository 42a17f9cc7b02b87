#pragma once
// /api/v1/playlists… and /api/v1/spotify/playlists (issue 5): wanted lists from Spotify or files.

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs
{
    class PlaylistCatalog;
    class PlaylistImportService;
    class PlaylistSyncService;
}

namespace soulspot::http
{
    struct PlaylistServices
    {
        std::shared_ptr<jobs::PlaylistSyncService> sync;
        std::shared_ptr<jobs::PlaylistImportService> fileImport;
        std::shared_ptr<jobs::PlaylistCatalog> catalog;
    };

    void registerPlaylistRoutes(Router& router, PlaylistServices services);
}
