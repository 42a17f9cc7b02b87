#pragma once
// OAuth connections and pending logins. This repository stores what it is given: the token and verifier
// columns hold values already sealed by db::SecretBox (jobs/SpotifyTokenStore seals and opens them).

#include <optional>
#include <string>

#include "core/Error.hpp"
#include "db/Database.hpp"

namespace soulspot::db
{
    struct OAuthTokenRecord
    {
        std::string provider;
        std::string sealedAccessToken;
        std::string sealedRefreshToken;
        std::string expiresAt;  // ISO 8601 UTC
        std::string obtainedAt; // when the access token was issued: its lifetime sets the refresh margin
        std::string scopes;     // space-separated, as Spotify sends them
        std::string userId, userDisplayName;
        bool needsReauth{false};
        std::string lastError;
        std::string connectedAt, updatedAt;
    };

    struct OAuthPendingRecord
    {
        std::string state;
        std::string provider;
        std::string sealedVerifier;
        std::string createdAt;
    };

    class OAuthRepository
    {
    public:
        explicit OAuthRepository(Database& db) : db_(db) {}

        core::Result<std::optional<OAuthTokenRecord>> find(const std::string& provider);
        /// A new connection (login): replaces any previous row, clears needs_reauth and last_error.
        core::Result<void> saveConnection(const OAuthTokenRecord& record);
        /// After a refresh: new access token, expiry and (possibly rotated) refresh token; clears last_error.
        core::Result<void> saveRefreshed(const std::string& provider, const std::string& sealedAccess,
                                         const std::string& sealedRefresh, const std::string& expiresAt,
                                         const std::string& obtainedAt);
        /// The refresh token is dead: keep the row (user, scopes) but flag it.
        core::Result<void> markNeedsReauth(const std::string& provider, const std::string& error);
        core::Result<void> setLastError(const std::string& provider, const std::string& error);
        core::Result<void> erase(const std::string& provider);

        core::Result<void> addPending(const OAuthPendingRecord& record);
        /// Deletes and returns the pending login, so a state can be used once only (replay → nullopt).
        core::Result<std::optional<OAuthPendingRecord>> takePending(const std::string& state);
        /// Forgets pending logins created before `isoCutoff`; returns how many.
        core::Result<std::int64_t> purgePendingBefore(const std::string& isoCutoff);

    private:
        Database& db_;
    };
} // namespace soulspot::db
