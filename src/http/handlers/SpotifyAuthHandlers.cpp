#include "http/handlers/SpotifyAuthHandlers.hpp"

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"

#include "jobs/SpotifyAuthService.hpp"
#include "net/HttpTypes.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::http
{
    namespace
    {
        using Auth = std::shared_ptr<jobs::SpotifyAuthService>;
        using nlohmann::json;


        Response redirect(const std::string& location)
        {
            Response r = jsonResponse(302, dumpJson({{"location", location}}));
            r.setHeader("Location", location);
            r.setHeader("Cache-Control", "no-store");
            return r;
        }

        /// The browser lands on the UI root, which shows the outcome (the UI reads ?spotify=…).
        Response toUi(const std::string& outcome, const std::string& reason = {})
        {
            return redirect("/?spotify=" + outcome + (reason.empty() ? "" : "&reason=" + net::urlEncode(reason)));
        }

        std::string reasonOf(const core::Error& e)
        {
            if (sources::spotify::isInvalidGrant(e))
                return "invalid_grant";
            switch (e.code)
            {
            case core::ErrorCode::Conflict: return "not_configured";
            case core::ErrorCode::Unavailable:
            case core::ErrorCode::Timeout: return "spotify_unavailable";
            case core::ErrorCode::RateLimited: return "rate_limited";
            default: return "token_exchange_failed";
            }
        }

        json statusJson(const jobs::SpotifyAuthStatus& s)
        {
            json j{{"configured", s.configured},
                   {"connected", s.connected},
                   {"needs_reauth", s.needsReauth},
                   {"expires_in_minutes", s.expiresInMinutes ? json(*s.expiresInMinutes) : json(nullptr)},
                   {"last_error", s.lastError.empty() ? json(nullptr) : json(s.lastError)},
                   {"scopes", s.scopes},
                   {"user", nullptr}};
            if (s.user)
                j["user"] = {{"id", s.user->id}, {"display_name", s.user->displayName}};
            return j;
        }

        Response status(const Auth& auth)
        {
            auto s = auth->status();
            if (!s)
                return errorResponse(s.error());
            return jsonResponse(200, dumpJson(statusJson(*s)));
        }

        Response login(const Auth& auth, const Request& req)
        {
            if (!auth->configured())
                return errorResponse(409, "spotify_not_configured",
                                     "set SPOTIFY_CLIENT_ID (and register the redirect URI, see docs/spotify.md)");
            auto url = auth->beginLogin();
            if (!url)
                return errorResponse(url.error());
            // Scripts and the UI may prefer the URL as JSON over following a redirect.
            if (req.queryParam("redirect").value_or("") == "false")
                return jsonResponse(200, dumpJson({{"authorization_url", *url}}));
            return redirect(*url);
        }

        Response callback(const Auth& auth, const Request& req)
        {
            const auto state = req.queryParam("state").value_or("");
            if (auto denied = req.queryParam("error"))
            {
                if (auto r = auth->abandonLogin(state); !r)
                    return errorResponse(400, "invalid_state", r.error().message);
                return toUi("error", *denied);
            }
            const auto code = req.queryParam("code").value_or("");
            if (state.empty() || code.empty())
                return errorResponse(400, "invalid_argument", "the callback needs code and state");
            auto user = auth->completeLogin(code, state);
            if (!user)
            {
                if (user.error().code == core::ErrorCode::InvalidArgument)
                    return errorResponse(400, "invalid_state", user.error().message);
                return toUi("error", reasonOf(user.error()));
            }
            return toUi("connected");
        }

        Response logout(const Auth& auth)
        {
            if (auto r = auth->logout(); !r)
                return errorResponse(r.error());
            return status(auth);
        }
    } // namespace

    void registerSpotifyAuthRoutes(Router& router, std::shared_ptr<jobs::SpotifyAuthService> a)
    {
        router.add("GET", "/api/v1/auth/spotify/login", [a](Request& r) { return login(a, r); },
                   "Start the Spotify PKCE login (302 to Spotify)");
        router.add("GET", "/api/v1/auth/spotify/callback", [a](Request& r) { return callback(a, r); },
                   "Spotify redirects here; stores tokens and redirects to the UI");
        router.add("GET", "/api/v1/auth/spotify/status", [a](Request&) { return status(a); }, "Spotify connection status");
        router.add("POST", "/api/v1/auth/spotify/logout", [a](Request&) { return logout(a); }, "Forget the Spotify tokens");
    }
} // namespace soulspot::http
