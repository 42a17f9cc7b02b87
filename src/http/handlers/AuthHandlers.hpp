#pragma once
// /api/v1/auth/login, logout, session, setup and api-keys (issue 7).

#include <memory>

#include "http/Router.hpp"

namespace soulspot::http
{
    class AuthGate;
    void registerAuthRoutes(Router& router, std::shared_ptr<AuthGate> gate);
} // namespace soulspot::http
