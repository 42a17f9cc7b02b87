#pragma once
// /api/v1/albums… (issue 10 §6): wanted albums, their tracklists, scored folders and history.

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs { class AlbumService; }

namespace soulspot::http
{
    void registerAlbumRoutes(Router& router, std::shared_ptr<jobs::AlbumService> service);
}
