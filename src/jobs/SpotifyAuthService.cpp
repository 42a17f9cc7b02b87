#include "jobs/SpotifyAuthService.hpp"

#include "core/Log.hpp"
#include "sources/spotify/Pkce.hpp"
#include "sources/spotify/SpotifyErrors.hpp"

namespace soulspot::jobs
{
    namespace
    {
        namespace sp = sources::spotify;

        const core::Logger& log()
        {
            static const core::Logger logger("jobs.spotify_auth");
            return logger;
        }

        core::Error notConnected()
        {
            auto err = core::Error::conflict("Spotify is not connected: open /api/v1/auth/spotify/login to connect");
            err.reason = "spotify_not_connected";
            return err;
        }

        core::Error needsReauth(const std::string& why)
        {
            auto err = core::Error::conflict("Spotify needs re-authorisation (" + why +
                                             "): open /api/v1/auth/spotify/login to connect again");
            err.reason = "spotify_needs_reauth";
            return err;
        }

        // The token this thread was last handed, per service. A forced refresh (after a 401) is only needed
        // when the token that failed is still the current one; if another caller refreshed meanwhile, the
        // new token is simply handed out. TokenProvider calls for one request run on one thread.
        struct HandedOut
        {
            const void* service{nullptr};
            std::string token;
        };
        thread_local HandedOut lastHandedOut;

        std::string handOut(const void* service, const std::string& token)
        {
            lastHandedOut = {service, token};
            return token;
        }
    } // namespace

    SpotifyAuthService::SpotifyAuthService(std::shared_ptr<SpotifyTokenStore> store, std::shared_ptr<sp::ISpotifyAccounts> accounts,
                                           SpotifyUserLookup userLookup, std::shared_ptr<core::IClock> clock,
                                           SpotifyAuthSettings settings)
        : store_(std::move(store)), accounts_(std::move(accounts)), userLookup_(std::move(userLookup)), clock_(std::move(clock)),
          settings_(std::move(settings))
    {
    }

    core::Result<std::string> SpotifyAuthService::beginLogin()
    {
        if (!configured())
            return core::fail(core::Error::conflict("Spotify is not configured: set SPOTIFY_CLIENT_ID (see docs/spotify.md)"));
        const auto now = clock_->now();
        // Old, never-completed logins would otherwise pile up; failing to purge them is harmless.
        (void)store_->purgePendingBefore(now - settings_.pendingTtl);
        const auto pkce = sp::generatePkcePair();
        const auto state = sp::generateState();
        if (auto r = store_->addPending(state, pkce.verifier, now); !r)
            return core::fail(r.error());
        log().info("spotify login started");
        return accounts_->authorizeUrl(settings_.clientId, settings_.redirectUri, state, pkce.challenge);
    }

    core::Result<void> SpotifyAuthService::abandonLogin(const std::string& state)
    {
        auto pending = store_->takePending(state);
        if (!pending)
            return core::fail(pending.error());
        if (!*pending)
            return core::fail(core::Error::invalid("unknown or already used OAuth state"));
        return {};
    }

    core::Result<sp::SpotifyUser> SpotifyAuthService::completeLogin(const std::string& code, const std::string& state)
    {
        if (!configured())
            return core::fail(core::Error::conflict("Spotify is not configured: set SPOTIFY_CLIENT_ID"));
        if (state.empty() || code.empty())
            return core::fail(core::Error::invalid("the callback needs both code and state"));
        auto pending = store_->takePending(state);
        if (!pending)
            return core::fail(pending.error());
        if (!*pending)
            return core::fail(core::Error::invalid("unknown or already used OAuth state"));
        const auto now = clock_->now();
        if (now - (*pending)->createdAt > settings_.pendingTtl)
            return core::fail(core::Error::invalid("the login took longer than 10 minutes: start again"));

        auto tokens = accounts_->exchangeCode(code, (*pending)->verifier, settings_.redirectUri, settings_.clientId);
        if (!tokens)
        {
            log().warning("spotify code exchange failed", {{"error", tokens.error().message}});
            auto error = tokens.error();
            // InvalidArgument is reserved for a bad state; a refused client id is Spotify's answer, not the caller's.
            if (error.code == core::ErrorCode::InvalidArgument)
                error.code = core::ErrorCode::UpstreamError;
            return core::fail(std::move(error));
        }
        // /me is informational (status shows who is connected); a failure there still leaves a usable
        // connection, but its reason (e.g. "user not registered in the Developer Dashboard") is worth showing.
        sp::SpotifyUser user;
        std::string lastError;
        if (auto me = userLookup_ ? userLookup_(tokens->accessToken) : core::Result<sp::SpotifyUser>(sp::SpotifyUser{}); me)
            user = *me;
        else
            lastError = "could not read the Spotify user: " + me.error().message;

        std::lock_guard lock(mutex_);
        if (auto r = store_->saveConnection(*tokens, user, now, lastError); !r)
            return core::fail(r.error());
        StoredSpotifyConnection connection;
        connection.tokens = *tokens;
        connection.obtainedAt = now;
        connection.user = user;
        connection.lastError = lastError;
        cache_ = std::move(connection);
        loaded_ = true;
        log().info("spotify connected", {{"user_id", user.id}, {"scopes", std::int64_t(tokens->scopes.size())}});
        return user;
    }

    core::Result<std::optional<StoredSpotifyConnection>*> SpotifyAuthService::loadLocked()
    {
        if (!loaded_)
        {
            auto stored = store_->load();
            if (!stored)
                return core::fail(stored.error());
            cache_ = std::move(*stored);
            loaded_ = true;
        }
        return &cache_;
    }

    std::chrono::seconds SpotifyAuthService::refreshMargin(const StoredSpotifyConnection& c) const
    {
        const auto margin = std::chrono::duration_cast<std::chrono::seconds>(settings_.refreshMargin);
        if (c.obtainedAt.time_since_epoch().count() == 0 || c.tokens.expiresAt <= c.obtainedAt)
            return margin;
        // Short-lived tokens (tests, simulators) would otherwise be refreshed before every single call.
        const auto half = std::chrono::duration_cast<std::chrono::seconds>(c.tokens.expiresAt - c.obtainedAt) / 2;
        return std::min(margin, half);
    }

    core::Result<std::string> SpotifyAuthService::accessToken(bool forceRefresh)
    {
        std::lock_guard lock(mutex_);
        auto loaded = loadLocked();
        if (!loaded)
            return core::fail(loaded.error());
        auto& cached = **loaded;
        if (!cached)
            return core::fail(notConnected());
        if (cached->needsReauth)
            return core::fail(needsReauth(cached->lastError.empty() ? "refresh token rejected" : cached->lastError));
        const auto now = clock_->now();
        if (!forceRefresh && now + refreshMargin(*cached) < cached->tokens.expiresAt)
            return handOut(this, cached->tokens.accessToken);
        if (forceRefresh && lastHandedOut.service == this && lastHandedOut.token != cached->tokens.accessToken)
            return handOut(this, cached->tokens.accessToken);
        auto fresh = refreshLocked(*cached);
        if (!fresh)
            return fresh;
        return handOut(this, *fresh);
    }

    core::Result<std::string> SpotifyAuthService::refreshLocked(StoredSpotifyConnection& connection)
    {
        auto fresh = accounts_->refresh(connection.tokens.refreshToken, settings_.clientId);
        if (!fresh)
        {
            if (sp::isInvalidGrant(fresh.error()))
            {
                log().warning("spotify refresh token rejected; re-authorisation needed", {{"error", fresh.error().message}});
                connection.needsReauth = true;
                connection.lastError = fresh.error().message;
                if (auto r = store_->markNeedsReauth(fresh.error().message); !r)
                    log().error("cannot record needs_reauth", {{"error", r.error().message}});
                return core::fail(needsReauth(fresh.error().message));
            }
            log().warning("spotify token refresh failed", {{"error", fresh.error().message}});
            connection.lastError = fresh.error().message;
            (void)store_->setLastError(fresh.error().message);
            return core::fail(fresh.error());
        }
        const auto now = clock_->now();
        // Persist first: with rotation the old refresh token is already revoked (reference §1.5 rule 1).
        auto saved = store_->saveRefreshed(*fresh, now);
        connection.tokens.accessToken = fresh->accessToken;
        connection.tokens.refreshToken = fresh->refreshToken;
        connection.tokens.expiresAt = fresh->expiresAt;
        if (!fresh->scopes.empty())
            connection.tokens.scopes = fresh->scopes;
        connection.obtainedAt = now;
        connection.lastError.clear();
        if (!saved)
        {
            log().error("cannot store refreshed spotify tokens", {{"error", saved.error().message}});
            return core::fail(saved.error());
        }
        log().info("spotify token refreshed",
                   {{"rotated", fresh->refreshTokenRotated},
                    {"expires_in_s", std::int64_t(std::chrono::duration_cast<std::chrono::seconds>(fresh->expiresAt - now).count())}});
        return connection.tokens.accessToken;
    }

    sp::TokenProvider SpotifyAuthService::tokenProvider()
    {
        return [self = shared_from_this()](bool force) { return self->accessToken(force); };
    }

    core::Result<SpotifyAuthStatus> SpotifyAuthService::status()
    {
        std::lock_guard lock(mutex_);
        SpotifyAuthStatus s;
        s.configured = configured();
        auto loaded = loadLocked();
        if (!loaded)
            return core::fail(loaded.error());
        const auto& cached = **loaded;
        if (!cached)
            return s;
        s.needsReauth = cached->needsReauth;
        s.connected = !cached->needsReauth;
        s.lastError = cached->lastError;
        s.scopes = cached->tokens.scopes;
        const auto left = std::chrono::duration_cast<std::chrono::seconds>(cached->tokens.expiresAt - clock_->now()).count();
        s.expiresInMinutes = left <= 0 ? 0 : left / 60;
        if (!cached->user.id.empty())
            s.user = cached->user;
        return s;
    }

    bool SpotifyAuthService::usable()
    {
        std::lock_guard lock(mutex_);
        auto loaded = loadLocked();
        return loaded && **loaded && !(**loaded)->needsReauth;
    }

    core::Result<void> SpotifyAuthService::logout()
    {
        std::lock_guard lock(mutex_);
        if (auto r = store_->erase(); !r)
            return core::fail(r.error());
        cache_.reset();
        loaded_ = true;
        log().info("spotify disconnected");
        return {};
    }
} // namespace soulspot::jobs
