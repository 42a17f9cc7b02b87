#pragma once
// /api/v1/library/…: scan (start + progress), tracks, stats, duplicates (issue 6).

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs { class LibraryService; }

namespace soulspot::http
{
    void registerLibraryRoutes(Router& router, std::shared_ptr<jobs::LibraryService> service);
}
