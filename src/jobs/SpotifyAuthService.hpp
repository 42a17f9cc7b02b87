#pragma once
// The Spotify connection: PKCE login (state + verifier kept in the database for 10 minutes, so a restart
// between login and callback still works), the callback's code exchange, and the access token every
// Web API call asks for — refreshed when less than 5 minutes (or half its lifetime) remain and when a call
// got 401, one refresh at a time. invalid_grant flags the connection as needing re-authorisation.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "jobs/SpotifyTokenStore.hpp"
#include "sources/spotify/SpotifyAccounts.hpp"
#include "sources/spotify/SpotifyApi.hpp"

namespace soulspot::jobs
{
    struct SpotifyAuthSettings
    {
        std::string clientId; // empty: Spotify is not configured
        std::string redirectUri;
        std::chrono::minutes pendingTtl{10};
        std::chrono::minutes refreshMargin{5};
    };

    struct SpotifyAuthStatus
    {
        bool configured{false};
        bool connected{false}; // tokens stored and usable (not needing re-authorisation)
        bool needsReauth{false};
        std::optional<std::int64_t> expiresInMinutes; // of the current access token; nullopt without tokens
        std::string lastError;
        std::vector<std::string> scopes;
        std::optional<sources::spotify::SpotifyUser> user;
    };

    /// Reads /me with a given access token (the connection is not stored yet when it is needed).
    using SpotifyUserLookup = std::function<core::Result<sources::spotify::SpotifyUser>(const std::string& accessToken)>;

    class SpotifyAuthService : public std::enable_shared_from_this<SpotifyAuthService>
    {
    public:
        SpotifyAuthService(std::shared_ptr<SpotifyTokenStore> store, std::shared_ptr<sources::spotify::ISpotifyAccounts> accounts,
                           SpotifyUserLookup userLookup, std::shared_ptr<core::IClock> clock, SpotifyAuthSettings settings);

        bool configured() const { return !settings_.clientId.empty(); }

        /// Stores a pending login and returns the consent URL. Conflict when SPOTIFY_CLIENT_ID is not set.
        core::Result<std::string> beginLogin();
        /// Checks and consumes `state` (InvalidArgument when unknown, already used or older than 10 minutes),
        /// exchanges the code, stores the tokens and the user. Exchange failures keep their Spotify error.
        core::Result<sources::spotify::SpotifyUser> completeLogin(const std::string& code, const std::string& state);
        /// The user denied consent (?error=…): consumes `state` so it cannot be replayed; InvalidArgument when unknown.
        core::Result<void> abandonLogin(const std::string& state);

        /// The TokenProvider contract of SpotifyApi.hpp. Not connected / needs re-authorisation: Conflict.
        core::Result<std::string> accessToken(bool forceRefresh);
        sources::spotify::TokenProvider tokenProvider();

        core::Result<SpotifyAuthStatus> status();
        /// True when tokens are stored and not flagged (the scheduler skips its work otherwise).
        bool usable();
        /// Forgets the tokens (Spotify keeps the app authorised until the user revokes it in their account).
        core::Result<void> logout();

    private:
        core::Result<std::optional<StoredSpotifyConnection>*> loadLocked();
        core::Result<std::string> refreshLocked(StoredSpotifyConnection& connection);
        std::chrono::seconds refreshMargin(const StoredSpotifyConnection& connection) const;

        std::shared_ptr<SpotifyTokenStore> store_;
        std::shared_ptr<sources::spotify::ISpotifyAccounts> accounts_;
        SpotifyUserLookup userLookup_;
        std::shared_ptr<core::IClock> clock_;
        SpotifyAuthSettings settings_;

        std::mutex mutex_; // guards the cache and makes refreshes single-flight: other callers wait
        bool loaded_{false};
        std::optional<StoredSpotifyConnection> cache_;
    };
} // namespace soulspot::jobs
