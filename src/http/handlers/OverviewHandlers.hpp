#pragma once
// Read-mostly views the UI needs beyond the resources themselves: the queue summary for the dashboard,
// the effective (non-secret) configuration for the settings page, and slskd's "test connection".

#include <memory>
#include <string>

#include "http/Router.hpp"

namespace soulspot::jobs { class QueueOverview; }
namespace soulspot::net { class IHttpClient; }

namespace soulspot::http
{
    struct SystemSettingsView
    {
        std::string json;             // rendered once at start-up by app/ (secrets masked)
        std::string slskdUrl;         // the configured one, for "test" without a URL
        std::string slskdApiKey;
    };

    void registerOverviewRoutes(Router& router, std::shared_ptr<jobs::QueueOverview> overview,
                                std::shared_ptr<SystemSettingsView> settings, std::shared_ptr<net::IHttpClient> http);
} // namespace soulspot::http
