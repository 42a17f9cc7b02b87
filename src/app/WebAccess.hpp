#pragma once
// Builds issue 7's access control and live-update plumbing from the configuration, so the composition
// root only holds the pieces.

#include <memory>

#include "app/Config.hpp"
#include "core/Error.hpp"

namespace soulspot::db { class Database; }
namespace soulspot::core { class EventBus; }
namespace soulspot::http
{
    class AuthGate;
    struct SystemSettingsView;
}

namespace soulspot::app
{
    /// InvalidArgument naming the variable when AUTH_TRUSTED_NETWORKS / AUTH_TRUSTED_PROXIES do not parse.
    core::Result<std::shared_ptr<http::AuthGate>> buildAuthGate(const Config& config, db::Database& database);
    /// Event ids start from the wall clock so they keep increasing across restarts (Last-Event-ID).
    std::shared_ptr<core::EventBus> buildEventBus();
    /// The settings page's read-only view of the configuration: every variable, secrets masked, grouped.
    std::shared_ptr<http::SystemSettingsView> buildSystemSettingsView(const Config& config);
} // namespace soulspot::app
