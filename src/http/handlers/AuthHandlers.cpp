#include "http/handlers/AuthHandlers.hpp"

#include <charconv>

#include <nlohmann/json.hpp>

#include "http/JsonBody.hpp"
#include "http/TextField.hpp"
#include "http/auth/AuthGate.hpp"
#include "http/auth/Credentials.hpp"

namespace soulspot::http
{
    namespace
    {
        using nlohmann::json;
        using Gate = std::shared_ptr<AuthGate>;

        std::string text(const json& body, const char* key)
        {
            return body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
        }

        // User and key names are shown and logged (no control characters); passwords are only bounded,
        // so a long passphrase with odd bytes still works but a megabyte is not hashed.
        core::Result<void> checkCredentials(const json& body)
        {
            struct Text { const char* key; TextRule rule; };
            for (const Text& f : {Text{"username", kIdText}, Text{"name", kIdText}, Text{"password", kSecretText},
                                  Text{"current_password", kSecretText}})
                if (auto v = textField(body, f.key, f.key, f.rule); !v)
                    return core::fail(v.error());
            return {};
        }

        std::string sessionCookie(const Gate& gate, const Request& req, const std::string& token, std::int64_t maxAge)
        {
            return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                   std::to_string(maxAge) + (gate->secureTransport(req) ? "; Secure" : "");
        }

        Response withSession(const Gate& gate, const Request& req, int status, const NewSession& s)
        {
            Response r = jsonResponse(status, json{{"authenticated", true},
                                                   {"via", "session"},
                                                   {"username", s.session.username},
                                                   {"csrf_token", s.session.csrfToken},
                                                   {"expires_at", s.session.expiresAt}}
                                                  .dump());
            const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(gate->service()->policy().sessionLifetime);
            r.setHeader("Set-Cookie", sessionCookie(gate, req, s.token, lifetime.count()));
            r.setHeader("Cache-Control", "no-store");
            return r;
        }

        Response login(const Gate& gate, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body && isUnsupportedMediaType(body.error()))
                return errorResponse(body.error());
            if (body)
                if (auto ok = checkCredentials(*body); !ok)
                    return errorResponse(ok.error());
            const std::string username = body ? text(*body, "username") : "";
            const std::string password = body ? text(*body, "password") : "";
            if (username.empty() || password.empty())
                return errorResponse(401, "unauthorized", "username and password are required");
            auto s = gate->service()->login(username, password, gate->clientAddress(req));
            if (!s)
            {
                if (s.error().code == core::ErrorCode::RateLimited)
                {
                    const auto seconds = std::to_string(
                        std::chrono::duration_cast<std::chrono::seconds>(s.error().retryAfter.value_or(std::chrono::seconds(60))).count());
                    Response r = errorResponse(429, "rate_limited", "too many failed logins; try again in " + seconds + " s");
                    r.setHeader("Retry-After", seconds);
                    return r;
                }
                return errorResponse(s.error());
            }
            return withSession(gate, req, 200, *s);
        }

        Response logout(const Gate& gate, Request& req)
        {
            if (auto token = cookieValue(req, kSessionCookie))
                (void)gate->service()->logout(*token);
            Response r = jsonResponse(200, json{{"authenticated", false}}.dump());
            r.setHeader("Set-Cookie", sessionCookie(gate, req, "", 0));
            return r;
        }

        Response session(const Gate& gate, Request& req)
        {
            const Identity id = gate->identify(req);
            auto set = gate->service()->passwordSet();
            if (!set)
                return errorResponse(set.error());
            json j = {{"authenticated", id.via != AuthVia::None},
                      {"via", toString(id.via)},
                      {"username", id.session ? json(id.session->username) : json(nullptr)},
                      {"csrf_token", id.session ? json(id.session->csrfToken) : json(nullptr)},
                      {"setup_required", !*set},
                      {"auth_required", gate->alwaysRequired() ? "always" : "external"},
                      {"trusted_network", id.trustedNetwork},
                      {"client_address", id.client}};
            Response r = jsonResponse(200, j.dump());
            r.setHeader("Cache-Control", "no-store");
            return r;
        }

        // First run: only from a trusted network, so a stranger cannot claim a fresh instance exposed to the
        // internet. Later: a password change, which needs the current password unless the caller is on a
        // trusted network (the recovery path for a forgotten password).
        Response setup(const Gate& gate, Request& req)
        {
            const Identity id = gate->identify(req);
            auto set = gate->service()->passwordSet();
            if (!set)
                return errorResponse(set.error());
            auto body = parseJsonObject(req);
            if (!body && isUnsupportedMediaType(body.error()))
                return errorResponse(body.error());
            if (!*set && !id.trustedNetwork)
                return errorResponse(401, "unauthorized", "the first password can only be set from a trusted network");
            if (*set)
            {
                if (id.via == AuthVia::None)
                    return errorResponse(401, "unauthorized", "authentication required");
                if (id.via == AuthVia::Session && isStateChanging(req.method))
                {
                    const auto csrf = req.header("X-CSRF-Token");
                    if (!csrf || !equalsConstantTime(*csrf, id.session->csrfToken))
                        return errorResponse(403, "csrf", "missing or wrong X-CSRF-Token header");
                }
                if (id.via != AuthVia::TrustedNetwork)
                {
                    const std::string current = body ? text(*body, "current_password") : "";
                    if (auto bounded = checkText(current, "current_password", kSecretText); !bounded)
                        return errorResponse(bounded.error()); // the caller is authenticated: a 400 tells nothing
                    auto ok = gate->service()->checkPassword(current);
                    if (!ok || !*ok)
                        return errorResponse(403, "forbidden", "current_password is wrong");
                }
            }
            if (!body)
                return errorResponse(body.error());
            // Checked after the caller is known to be allowed here, so a stranger learns only "401".
            if (auto ok = checkCredentials(*body); !ok)
                return errorResponse(ok.error());
            std::string username = text(*body, "username");
            if (username.empty())
                username = id.session ? id.session->username : "admin";
            const std::string password = text(*body, "password");
            if (auto r = gate->service()->setPassword(username, password); !r)
                return errorResponse(r.error());
            // Setting the password ended every session; log this browser in with the new one.
            auto s = gate->service()->login(username, password, id.client);
            if (!s)
                return errorResponse(s.error());
            return withSession(gate, req, *set ? 200 : 201, *s);
        }

        json keyToJson(const ApiKeyInfo& k)
        {
            return {{"id", k.id}, {"name", k.name}, {"prefix", k.prefix}, {"created_at", k.createdAt},
                    {"last_used_at", k.lastUsedAt ? json(*k.lastUsedAt) : json(nullptr)}};
        }

        Response listKeys(const Gate& gate)
        {
            auto keys = gate->service()->apiKeys();
            if (!keys)
                return errorResponse(keys.error());
            json arr = json::array();
            for (const auto& k : *keys)
                arr.push_back(keyToJson(k));
            return jsonResponse(200, arr.dump());
        }

        Response createKey(const Gate& gate, Request& req)
        {
            auto body = parseJsonObject(req);
            if (!body)
                return errorResponse(body.error());
            if (auto ok = checkCredentials(*body); !ok)
                return errorResponse(ok.error());
            auto created = gate->service()->createApiKey(text(*body, "name"));
            if (!created)
                return errorResponse(created.error());
            json j = keyToJson(created->first);
            j["key"] = created->second;
            Response r = jsonResponse(201, j.dump());
            r.setHeader("Cache-Control", "no-store");
            return r;
        }

        Response revokeKey(const Gate& gate, Request& req)
        {
            std::int64_t id = 0;
            const auto& t = req.param("id");
            auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), id);
            if (ec != std::errc() || p != t.data() + t.size())
                return errorResponse(400, "invalid_argument", "id must be an integer");
            if (auto r = gate->service()->revokeApiKey(id); !r)
                return errorResponse(r.error());
            Response r;
            r.status = 204;
            return r;
        }
    } // namespace

    void registerAuthRoutes(Router& router, std::shared_ptr<AuthGate> g)
    {
        router.add("POST", "/api/v1/auth/login", [g](Request& r) { return login(g, r); }, "Log in (session cookie)");
        router.add("POST", "/api/v1/auth/logout", [g](Request& r) { return logout(g, r); }, "Log out");
        router.add("GET", "/api/v1/auth/session", [g](Request& r) { return session(g, r); }, "Who am I");
        router.add("POST", "/api/v1/auth/setup", [g](Request& r) { return setup(g, r); }, "Set or change the password");
        router.add("GET", "/api/v1/auth/api-keys", [g](Request&) { return listKeys(g); }, "List API keys");
        router.add("POST", "/api/v1/auth/api-keys", [g](Request& r) { return createKey(g, r); }, "Create an API key");
        router.add("DELETE", "/api/v1/auth/api-keys/{id}", [g](Request& r) { return revokeKey(g, r); }, "Revoke an API key");
    }
} // namespace soulspot::http
