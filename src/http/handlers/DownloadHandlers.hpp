#pragma once
// /api/v1/downloads… and /api/v1/blocklist… (issue 3).

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs { class DownloadService; }

namespace soulspot::http
{
    void registerDownloadRoutes(Router& router, std::shared_ptr<jobs::DownloadService> service);
}
