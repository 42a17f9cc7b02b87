#pragma once
// /api/v1/auth/spotify/…: PKCE login redirect, callback, status, logout (issue 5).

#include <memory>

#include "http/Router.hpp"

namespace soulspot::jobs { class SpotifyAuthService; }

namespace soulspot::http
{
    void registerSpotifyAuthRoutes(Router& router, std::shared_ptr<jobs::SpotifyAuthService> auth);
}
