#include "http/auth/AuthGate.hpp"

#include <nlohmann/json.hpp>

#include "core/Log.hpp"
#include "http/auth/Credentials.hpp"

namespace soulspot::http
{
    namespace
    {
        const core::Logger kLog("http.auth");

        bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

        // Reachable without credentials so a browser can load the login page and log in.
        bool isOpen(const Request& r)
        {
            const bool read = r.method == "GET" || r.method == "HEAD";
            if (read && (r.path == "/health" || r.path == "/ready"))
                return true;
            if (r.path == "/api/v1/auth/login" || r.path == "/api/v1/auth/setup")
                return true; // the handlers answer 401 unless the request earns more
            // Spotify's redirect back is a cross-site navigation, which carries no SameSite=Strict cookie; the
            // single-use PKCE state it must present is the credential here. Without one it answers 401 too.
            if (read && r.path == "/api/v1/auth/spotify/callback" && r.queryParam("state").value_or("").size() >= 16)
                return true;
            // The UI shell and its assets: every non-API page (the SPA's own routes come back as index.html).
            return read && !startsWith(r.path, "/api/") && r.path != "/api" && r.path != "/metrics" && r.path != "/docs" &&
                   r.path != "/openapi.json";
        }

        std::string lower(std::string s)
        {
            for (auto& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        }

        // "https://host:8765/x" → "host:8765"
        std::string originHost(const std::string& origin)
        {
            const auto scheme = origin.find("://");
            std::string rest = scheme == std::string::npos ? origin : origin.substr(scheme + 3);
            return lower(rest.substr(0, rest.find('/')));
        }

        Response unauthorized(bool setupRequired)
        {
            nlohmann::json body = {{"error",
                                    {{"code", "unauthorized"},
                                     {"message", "authentication required: log in, or send X-API-Key"},
                                     {"setup_required", setupRequired}}}};
            return jsonResponse(401, body.dump());
        }
    } // namespace

    std::string_view toString(AuthVia via)
    {
        switch (via)
        {
        case AuthVia::TrustedNetwork: return "trusted_network";
        case AuthVia::Session: return "session";
        case AuthVia::ApiKey: return "api_key";
        case AuthVia::None: break;
        }
        return "none";
    }

    bool isStateChanging(const std::string& method)
    {
        return method != "GET" && method != "HEAD" && method != "OPTIONS";
    }

    std::optional<std::string> cookieValue(const Request& request, std::string_view name)
    {
        for (const auto& [k, v] : request.headers)
        {
            if (lower(k) != "cookie")
                continue;
            std::string_view rest = v;
            while (!rest.empty())
            {
                const auto semi = rest.find(';');
                std::string_view pair = rest.substr(0, semi);
                while (!pair.empty() && pair.front() == ' ')
                    pair.remove_prefix(1);
                const auto eq = pair.find('=');
                if (eq != std::string_view::npos && pair.substr(0, eq) == name)
                    return std::string(pair.substr(eq + 1));
                rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
            }
        }
        return std::nullopt;
    }

    AuthGate::AuthGate(std::shared_ptr<AuthService> auth, AuthGateSettings settings)
        : auth_(std::move(auth)), settings_(std::move(settings))
    {
    }

    std::string AuthGate::clientAddress(const Request& request) const
    {
        return resolveClientAddress(request.remoteAddress, request.header("X-Forwarded-For"), settings_.trustedProxies);
    }

    bool AuthGate::secureTransport(const Request& request) const
    {
        if (!settings_.trustedProxies.contains(request.remoteAddress))
            return false;
        const auto proto = request.header("X-Forwarded-Proto");
        return proto && lower(*proto) == "https";
    }

    Identity AuthGate::identify(const Request& request) const
    {
        Identity id;
        id.client = clientAddress(request);
        id.trustedNetwork = settings_.trustedNetworks.contains(id.client);
        if (auto key = request.header("X-API-Key"))
        {
            if (auto ok = auth_->checkApiKey(*key); ok && *ok)
            {
                id.via = AuthVia::ApiKey;
                return id;
            }
        }
        if (auto token = cookieValue(request, kSessionCookie))
        {
            if (auto s = auth_->session(*token); s && *s)
            {
                id.via = AuthVia::Session;
                id.session = std::move(**s);
                // A browser logged in on a trusted network still gets CSRF checks: the cookie is what it sends.
                return id;
            }
        }
        if (id.trustedNetwork && !settings_.alwaysRequired)
            id.via = AuthVia::TrustedNetwork;
        return id;
    }

    bool AuthGate::crossOrigin(const Request& request) const
    {
        if (auto site = request.header("Sec-Fetch-Site"); site && lower(*site) == "cross-site")
            return true;
        auto origin = request.header("Origin");
        if (!origin)
            return false; // curl, scripts and same-origin navigations without Origin
        if (*origin == "null")
            return true;
        std::optional<std::string> host;
        if (settings_.trustedProxies.contains(request.remoteAddress))
            host = request.header("X-Forwarded-Host");
        if (!host)
            host = request.header("Host");
        return !host || originHost(*origin) != lower(*host);
    }

    std::optional<Response> AuthGate::check(Request& request) const
    {
        const bool open = isOpen(request);
        const bool changing = isStateChanging(request.method);
        if (open && !changing)
            return std::nullopt;
        const Identity id = identify(request);
        if (changing && id.via != AuthVia::ApiKey && crossOrigin(request))
        {
            kLog.warning("cross-origin request refused", {{"remote_addr", id.client}, {"path", request.path},
                                                          {"origin", request.header("Origin").value_or("")}});
            return errorResponse(403, "cross_origin", "state-changing requests from another origin are refused");
        }
        if (open)
            return std::nullopt;
        if (id.via == AuthVia::None)
        {
            bool setupRequired = false;
            if (request.path == "/api/v1/auth/session")
                if (auto set = auth_->passwordSet(); set)
                    setupRequired = !*set;
            return unauthorized(setupRequired);
        }
        if (id.via == AuthVia::Session && changing)
        {
            const auto token = request.header("X-CSRF-Token");
            if (!token || !equalsConstantTime(*token, id.session->csrfToken))
            {
                kLog.warning("CSRF token missing or wrong", {{"remote_addr", id.client}, {"path", request.path}});
                return errorResponse(403, "csrf", "missing or wrong X-CSRF-Token header");
            }
        }
        return std::nullopt;
    }
} // namespace soulspot::http
