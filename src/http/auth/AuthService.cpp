#include "http/auth/AuthService.hpp"

#include "core/Clock.hpp"
#include "core/Log.hpp"
#include "http/auth/Credentials.hpp"

namespace soulspot::http
{
    namespace
    {
        const core::Logger kLog("http.auth");
        std::string nowIso() { return core::toIso8601(std::chrono::system_clock::now()); }
        constexpr const char* kKeyPrefix = "ssk_";
    } // namespace

    AuthService::AuthService(db::Database& db, LoginPolicy policy)
        : db_(db), policy_(policy), throttle_(policy.maxFailures, policy.failureWindow)
    {
        initCrypto();
    }

    core::Result<bool> AuthService::passwordSet()
    {
        auto rs = db_.execute("SELECT COUNT(*) FROM auth_users");
        if (!rs)
            return core::fail(rs.error());
        return rs->front().getInt(0) > 0;
    }

    core::Result<void> AuthService::setPassword(const std::string& username, const std::string& password)
    {
        if (username.empty() || username.size() > 64)
            return core::fail(core::Error::invalid("username must be 1 to 64 characters"));
        if (password.size() < policy_.minPasswordLength || password.size() > 1024)
            return core::fail(core::Error::invalid("password must be at least " + std::to_string(policy_.minPasswordLength) +
                                                   " characters"));
        auto hash = hashPassword(password);
        if (!hash)
            return core::fail(hash.error());
        const auto now = nowIso();
        return db_.transactionVoid([&](db::Connection& c) -> core::Result<void> {
            // One user: replacing the password replaces the user row and, through the cascade, its sessions.
            for (const char* sql : {"DELETE FROM auth_sessions", "DELETE FROM auth_users"})
                if (auto r = c.execute(sql, {}); !r)
                    return core::fail(r.error());
            auto r = c.execute("INSERT INTO auth_users (username, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)",
                               {username, *hash, now});
            if (!r)
                return core::fail(r.error());
            return {};
        });
    }

    core::Result<bool> AuthService::checkPassword(const std::string& password)
    {
        auto rs = db_.execute("SELECT password_hash FROM auth_users ORDER BY id LIMIT 1");
        if (!rs)
            return core::fail(rs.error());
        return !rs->empty() && verifyPassword(rs->front().getString(0), password);
    }

    core::Result<NewSession> AuthService::login(const std::string& username, const std::string& password,
                                                const std::string& client)
    {
        if (const auto wait = throttle_.retryAfter(client); wait.count() > 0)
        {
            kLog.warning("login failed: too many attempts", {{"remote_addr", client}, {"username", username},
                                                             {"retry_after_s", std::int64_t{wait.count()}}});
            {
                core::Error err{core::ErrorCode::RateLimited, "too many failed logins", true};
                err.retryAfter = std::chrono::duration_cast<std::chrono::milliseconds>(wait);
                return core::fail(std::move(err));
            }
        }
        auto rs = db_.execute("SELECT id, username, password_hash FROM auth_users WHERE username = $1", {username});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty() || !verifyPassword(rs->front().getString(2), password))
        {
            throttle_.recordFailure(client);
            kLog.warning("login failed", {{"remote_addr", client}, {"username", username},
                                          {"reason", std::string(rs->empty() ? "unknown user" : "wrong password")}});
            return core::fail(core::Error{core::ErrorCode::Unauthorized, "wrong username or password", false});
        }
        throttle_.recordSuccess(client);
        NewSession out;
        out.token = randomToken(32);
        out.session.userId = rs->front().getInt(0);
        out.session.username = rs->front().getString(1);
        out.session.csrfToken = randomToken(24);
        out.session.expiresAt = core::toIso8601(std::chrono::system_clock::now() + policy_.sessionLifetime);
        auto ins = db_.execute("INSERT INTO auth_sessions (token_hash, user_id, csrf_token, remote_addr, created_at, expires_at) "
                               "VALUES ($1, $2, $3, $4, $5, $6)",
                               {digestSecret(out.token), out.session.userId, out.session.csrfToken, client, nowIso(),
                                out.session.expiresAt});
        if (!ins)
            return core::fail(ins.error());
        // Expired sessions are swept at each login; there are few of them (one user).
        (void)db_.execute("DELETE FROM auth_sessions WHERE expires_at < $1", {nowIso()});
        kLog.info("login succeeded", {{"remote_addr", client}, {"username", out.session.username}});
        return out;
    }

    core::Result<std::optional<AuthSession>> AuthService::session(const std::string& token)
    {
        if (token.empty() || token.size() > 128)
            return std::optional<AuthSession>{};
        auto rs = db_.execute("SELECT s.user_id, u.username, s.csrf_token, s.expires_at FROM auth_sessions s "
                              "JOIN auth_users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2",
                              {digestSecret(token), nowIso()});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<AuthSession>{};
        const auto& row = rs->front();
        return std::optional<AuthSession>{AuthSession{row.getInt(0), row.getString(1), row.getString(2), row.getString(3)}};
    }

    core::Result<void> AuthService::logout(const std::string& token)
    {
        auto r = db_.execute("DELETE FROM auth_sessions WHERE token_hash = $1", {digestSecret(token)});
        if (!r)
            return core::fail(r.error());
        return {};
    }

    core::Result<std::pair<ApiKeyInfo, std::string>> AuthService::createApiKey(const std::string& name)
    {
        if (name.empty() || name.size() > 100)
            return core::fail(core::Error::invalid("name must be 1 to 100 characters"));
        const std::string key = kKeyPrefix + randomToken(32);
        ApiKeyInfo info{0, name, key.substr(0, 10), nowIso(), std::nullopt};
        auto rs = db_.execute("INSERT INTO api_keys (name, key_hash, prefix, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                              {name, digestSecret(key), info.prefix, info.createdAt});
        if (!rs)
            return core::fail(rs.error());
        info.id = rs->front().getInt(0);
        kLog.info("API key created", {{"id", info.id}, {"name", name}});
        return std::make_pair(info, key);
    }

    core::Result<std::vector<ApiKeyInfo>> AuthService::apiKeys()
    {
        auto rs = db_.execute("SELECT id, name, prefix, created_at, last_used_at FROM api_keys ORDER BY id");
        if (!rs)
            return core::fail(rs.error());
        std::vector<ApiKeyInfo> out;
        for (const auto& row : rs->rows)
            out.push_back({row.getInt(0), row.getString(1), row.getString(2), row.getString(3), row.getOptString(4)});
        return out;
    }

    core::Result<void> AuthService::revokeApiKey(std::int64_t id)
    {
        auto rs = db_.execute("DELETE FROM api_keys WHERE id = $1", {id});
        if (!rs)
            return core::fail(rs.error());
        if (rs->affectedRows == 0)
            return core::fail(core::Error::notFound("API key " + std::to_string(id) + " not found"));
        kLog.info("API key revoked", {{"id", id}});
        return {};
    }

    core::Result<bool> AuthService::checkApiKey(const std::string& key)
    {
        if (key.rfind(kKeyPrefix, 0) != 0 || key.size() > 128)
            return false;
        const auto digest = digestSecret(key);
        auto rs = db_.execute("SELECT id, last_used_at FROM api_keys WHERE key_hash = $1", {digest});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return false;
        // "Last used" to the minute is enough and spares SQLite's single writer a write per request.
        const auto now = nowIso();
        const auto last = rs->front().getOptString(1);
        if (!last || last->substr(0, 16) != now.substr(0, 16))
            (void)db_.execute("UPDATE api_keys SET last_used_at = $2 WHERE id = $1", {rs->front().getInt(0), now});
        return true;
    }
} // namespace soulspot::http
