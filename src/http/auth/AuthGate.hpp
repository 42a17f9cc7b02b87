#pragma once
// The RequestGate of issue 7 (run before routing): who is asking, and may they?
//
//  - AUTH_REQUIRED=external (default): a client on AUTH_TRUSTED_NETWORKS needs no credentials, so the
//    runbook's curl commands keep working on the host and through Docker's bridge. Everyone else must
//    present a session cookie or an X-API-Key. AUTH_REQUIRED=always: credentials everywhere.
//  - The client address is the TCP peer; X-Forwarded-For counts only when the peer is a trusted proxy.
//  - Open without credentials: /health, /ready, the UI shell and its assets (so a user can reach the login
//    page), and the login/setup endpoints, whose handlers decide. Everything else answers 401.
//  - State-changing requests: with a session cookie they must carry X-CSRF-Token (per-session token);
//    from a browser on another origin (Origin / Sec-Fetch-Site) they are refused whatever the network —
//    otherwise any web page could drive a trusted-network instance through the user's browser.

#include <memory>
#include <optional>
#include <string>

#include "http/HttpMessage.hpp"
#include "http/auth/AuthService.hpp"
#include "http/auth/NetworkMatcher.hpp"

namespace soulspot::http
{
    inline constexpr const char* kSessionCookie = "soulspot_session";

    struct AuthGateSettings
    {
        bool alwaysRequired{false};
        NetworkList trustedNetworks;
        NetworkList trustedProxies;
    };

    enum class AuthVia
    {
        None,
        TrustedNetwork,
        Session,
        ApiKey
    };
    std::string_view toString(AuthVia via);

    struct Identity
    {
        AuthVia via{AuthVia::None};
        std::optional<AuthSession> session;
        std::string client;          // resolved client address
        bool trustedNetwork{false};  // the client is on AUTH_TRUSTED_NETWORKS (whatever AUTH_REQUIRED says)
    };

    class AuthGate
    {
    public:
        AuthGate(std::shared_ptr<AuthService> auth, AuthGateSettings settings);

        /// nullopt lets the request through; otherwise the 401/403 to send.
        std::optional<Response> check(Request& request) const;
        Identity identify(const Request& request) const;
        std::string clientAddress(const Request& request) const;
        /// HTTPS as the browser sees it: X-Forwarded-Proto from a trusted proxy (cookies get Secure).
        bool secureTransport(const Request& request) const;
        std::shared_ptr<AuthService> service() const { return auth_; }
        bool alwaysRequired() const { return settings_.alwaysRequired; }

    private:
        bool crossOrigin(const Request& request) const;

        std::shared_ptr<AuthService> auth_;
        AuthGateSettings settings_;
    };

    std::optional<std::string> cookieValue(const Request& request, std::string_view name);
    bool isStateChanging(const std::string& method);
} // namespace soulspot::http
