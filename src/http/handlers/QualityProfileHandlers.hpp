#pragma once
// /api/v1/quality-profiles…: built-in (read-only) and custom profiles, and the active one.

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs { class QualityProfileService; }

namespace soulspot::http
{
    void registerQualityProfileRoutes(Router& router, std::shared_ptr<jobs::QualityProfileService> service);
}
