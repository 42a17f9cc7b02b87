#include "db/repositories/OAuthRepository.hpp"

#include <chrono>

#include "core/Clock.hpp"

namespace soulspot::db
{
    namespace
    {
        std::string now() { return core::toIso8601(std::chrono::system_clock::now()); }
        Value textOrNull(const std::string& s) { return s.empty() ? null() : Value(s); }

        core::Result<void> done(const core::Result<ResultSet>& rs)
        {
            if (!rs)
                return core::fail(rs.error());
            return {};
        }
    } // namespace

    core::Result<std::optional<OAuthTokenRecord>> OAuthRepository::find(const std::string& provider)
    {
        auto rs = db_.execute("SELECT provider, access_token, refresh_token, expires_at, obtained_at, scopes, user_id, "
                              "user_display_name, needs_reauth, last_error, connected_at, updated_at "
                              "FROM oauth_tokens WHERE provider = $1",
                              {provider});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<OAuthTokenRecord>{};
        const Row& r = rs->front();
        OAuthTokenRecord t;
        t.provider = r.getString(0);
        t.sealedAccessToken = r.getString(1);
        t.sealedRefreshToken = r.getString(2);
        t.expiresAt = r.getString(3);
        t.obtainedAt = r.getString(4);
        t.scopes = r.getString(5);
        t.userId = r.getString(6);
        t.userDisplayName = r.getString(7);
        t.needsReauth = r.getBool(8);
        t.lastError = r.getString(9);
        t.connectedAt = r.getString(10);
        t.updatedAt = r.getString(11);
        return std::optional<OAuthTokenRecord>(std::move(t));
    }

    core::Result<void> OAuthRepository::saveConnection(const OAuthTokenRecord& t)
    {
        const std::string ts = now();
        return done(db_.execute(
            "INSERT INTO oauth_tokens (provider, access_token, refresh_token, expires_at, obtained_at, scopes, user_id, "
            "user_display_name, needs_reauth, last_error, connected_at, updated_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $10) "
            "ON CONFLICT (provider) DO UPDATE SET access_token = $2, refresh_token = $3, expires_at = $4, obtained_at = $5, "
            "scopes = $6, user_id = $7, user_display_name = $8, needs_reauth = 0, last_error = $9, connected_at = $10, "
            "updated_at = $10",
            {t.provider, t.sealedAccessToken, t.sealedRefreshToken, t.expiresAt, t.obtainedAt, t.scopes,
             textOrNull(t.userId), textOrNull(t.userDisplayName), textOrNull(t.lastError), ts}));
    }

    core::Result<void> OAuthRepository::saveRefreshed(const std::string& provider, const std::string& sealedAccess,
                                                      const std::string& sealedRefresh, const std::string& expiresAt,
                                                      const std::string& obtainedAt)
    {
        return done(db_.execute("UPDATE oauth_tokens SET access_token = $2, refresh_token = $3, expires_at = $4, "
                                "obtained_at = $5, needs_reauth = 0, last_error = NULL, updated_at = $6 WHERE provider = $1",
                                {provider, sealedAccess, sealedRefresh, expiresAt, obtainedAt, now()}));
    }

    core::Result<void> OAuthRepository::markNeedsReauth(const std::string& provider, const std::string& error)
    {
        return done(db_.execute("UPDATE oauth_tokens SET needs_reauth = 1, last_error = $2, updated_at = $3 WHERE provider = $1",
                                {provider, error, now()}));
    }

    core::Result<void> OAuthRepository::setLastError(const std::string& provider, const std::string& error)
    {
        return done(db_.execute("UPDATE oauth_tokens SET last_error = $2, updated_at = $3 WHERE provider = $1",
                                {provider, textOrNull(error), now()}));
    }

    core::Result<void> OAuthRepository::erase(const std::string& provider)
    {
        return done(db_.execute("DELETE FROM oauth_tokens WHERE provider = $1", {provider}));
    }

    core::Result<void> OAuthRepository::addPending(const OAuthPendingRecord& p)
    {
        return done(db_.execute("INSERT INTO oauth_pending (state, provider, verifier, created_at) VALUES ($1, $2, $3, $4)",
                                {p.state, p.provider, p.sealedVerifier, p.createdAt}));
    }

    core::Result<std::optional<OAuthPendingRecord>> OAuthRepository::takePending(const std::string& state)
    {
        // DELETE … RETURNING is one statement on both engines: two concurrent callbacks cannot both win.
        auto rs = db_.execute("DELETE FROM oauth_pending WHERE state = $1 RETURNING state, provider, verifier, created_at",
                              {state});
        if (!rs)
            return core::fail(rs.error());
        if (rs->empty())
            return std::optional<OAuthPendingRecord>{};
        const Row& r = rs->front();
        return std::optional<OAuthPendingRecord>(
            OAuthPendingRecord{r.getString(0), r.getString(1), r.getString(2), r.getString(3)});
    }

    core::Result<std::int64_t> OAuthRepository::purgePendingBefore(const std::string& isoCutoff)
    {
        auto rs = db_.execute("DELETE FROM oauth_pending WHERE created_at < $1", {isoCutoff});
        if (!rs)
            return core::fail(rs.error());
        return rs->affectedRows;
    }
} // namespace soulspot::db
