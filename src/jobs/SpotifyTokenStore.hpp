#pragma once
// The Spotify connection as stored: tokens and PKCE verifiers sealed with db::SecretBox before they reach
// the database, opened on the way out. Nothing here logs a token.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/Error.hpp"
#include "db/SecretBox.hpp"
#include "db/repositories/OAuthRepository.hpp"
#include "sources/spotify/SpotifyTypes.hpp"

namespace soulspot::jobs
{
    inline constexpr const char* kSpotifyProvider = "spotify";

    struct StoredSpotifyConnection
    {
        sources::spotify::TokenSet tokens; // empty strings when the stored values cannot be opened
        std::chrono::system_clock::time_point obtainedAt{};
        sources::spotify::SpotifyUser user;
        bool needsReauth{false};
        std::string lastError;
        bool undecryptable{false}; // sealed under another key: treated as "needs re-authorisation"
    };

    struct PendingLogin
    {
        std::string verifier;
        std::chrono::system_clock::time_point createdAt{};
    };

    class SpotifyTokenStore
    {
    public:
        SpotifyTokenStore(db::Database& db, std::shared_ptr<const db::SecretBox> box);

        core::Result<std::optional<StoredSpotifyConnection>> load();
        core::Result<void> saveConnection(const sources::spotify::TokenSet& tokens, const sources::spotify::SpotifyUser& user,
                                          std::chrono::system_clock::time_point obtainedAt, const std::string& lastError);
        /// Persists a refresh result; a rotated refresh token is stored here *before* anyone uses the new access token.
        core::Result<void> saveRefreshed(const sources::spotify::TokenSet& tokens, std::chrono::system_clock::time_point obtainedAt);
        core::Result<void> markNeedsReauth(const std::string& reason);
        core::Result<void> setLastError(const std::string& error);
        core::Result<void> erase();

        core::Result<void> addPending(const std::string& state, const std::string& verifier,
                                      std::chrono::system_clock::time_point createdAt);
        /// The pending login for `state`, consumed (a second call returns nullopt).
        core::Result<std::optional<PendingLogin>> takePending(const std::string& state);
        core::Result<void> purgePendingBefore(std::chrono::system_clock::time_point cutoff);

    private:
        db::OAuthRepository repo_;
        std::shared_ptr<const db::SecretBox> box_;
    };

    /// Parses the ISO 8601 UTC timestamps this code base writes (core::toIso8601); epoch when malformed.
    std::chrono::system_clock::time_point parseIsoUtc(const std::string& text);
} // namespace soulspot::jobs
