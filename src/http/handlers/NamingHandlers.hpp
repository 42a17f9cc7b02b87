#pragma once
// /api/v1/settings/naming…: the naming templates, validated, with a preview (issue 6).

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs { class NamingSettings; }

namespace soulspot::http
{
    void registerNamingRoutes(Router& router, std::shared_ptr<jobs::NamingSettings> settings);
}
