#pragma once
// The web UI (web/, embedded at build): /assets/… with content types and validators, and index.html for
// every other non-API GET path so the single-page app's own routes (/downloads/42) survive a reload.

#include "http/Router.hpp"

namespace soulspot::http
{
    /// Installs the UI as the router's fallback; unmatched /api/… paths still answer 404 JSON.
    void installWebUi(Router& router);
} // namespace soulspot::http
