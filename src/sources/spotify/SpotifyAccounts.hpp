#pragma once
// The Spotify Accounts service: the PKCE authorization-code flow and token refresh
// (reference/spotify-api.md §1). No client secret is ever needed.

#include <memory>
#include <string>
#include <vector>

#include "core/Clock.hpp"
#include "core/Error.hpp"
#include "net/ServiceClient.hpp"
#include "sources/spotify/SpotifyTypes.hpp"

namespace soulspot::sources::spotify
{
    inline constexpr const char* kDefaultAccountsUrl = "https://accounts.spotify.com";

    /// Read-only scopes for playlists (private + collaborative), liked songs and followed artists (§1.8).
    const std::vector<std::string>& defaultScopes();

    class ISpotifyAccounts
    {
    public:
        virtual ~ISpotifyAccounts() = default;

        /// The browser URL for user consent: {accounts}/authorize with response_type=code and S256.
        /// `redirectUri` must be byte-identical to the one later given to exchangeCode.
        virtual std::string authorizeUrl(const std::string& clientId, const std::string& redirectUri,
                                         const std::string& state, const std::string& codeChallenge,
                                         const std::vector<std::string>& scopes = defaultScopes()) const = 0;

        /// Trades the callback's `code` for tokens (form POST to {accounts}/api/token). A reused, expired or
        /// wrong code, a wrong verifier or redirect URI: Unauthorized + isInvalidGrant().
        virtual core::Result<TokenSet> exchangeCode(const std::string& code, const std::string& codeVerifier,
                                                    const std::string& redirectUri, const std::string& clientId) = 0;

        /// A new access token. When Spotify omits refresh_token the old one is kept in the result;
        /// refreshTokenRotated says whether it changed. Dead refresh token: Unauthorized + isInvalidGrant().
        /// Callers must run at most one refresh per account at a time (rotation revokes the old token).
        virtual core::Result<TokenSet> refresh(const std::string& refreshToken, const std::string& clientId) = 0;
    };

    class SpotifyAccountsClient final : public ISpotifyAccounts
    {
    public:
        /// `service` has the accounts base URL (kDefaultAccountsUrl, or a fake's URL in tests).
        SpotifyAccountsClient(std::shared_ptr<net::ServiceClient> service, std::shared_ptr<core::IClock> clock);

        std::string authorizeUrl(const std::string& clientId, const std::string& redirectUri, const std::string& state,
                                 const std::string& codeChallenge,
                                 const std::vector<std::string>& scopes = defaultScopes()) const override;
        core::Result<TokenSet> exchangeCode(const std::string& code, const std::string& codeVerifier,
                                            const std::string& redirectUri, const std::string& clientId) override;
        core::Result<TokenSet> refresh(const std::string& refreshToken, const std::string& clientId) override;

    private:
        core::Result<TokenSet> postToken(const std::string& form);

        std::shared_ptr<net::ServiceClient> service_;
        std::shared_ptr<core::IClock> clock_;
    };
} // namespace soulspot::sources::spotify
