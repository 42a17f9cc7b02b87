#pragma once
// OAuth 2.0 PKCE (RFC 7636, S256) building blocks for the Spotify authorization-code flow.
// All randomness comes from libsodium's CSPRNG.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace soulspot::sources::spotify
{
    inline constexpr std::size_t kMinVerifierLength = 43;
    inline constexpr std::size_t kMaxVerifierLength = 128;

    struct PkcePair
    {
        std::string verifier;  // keep server-side until the callback; never put it in a URL
        std::string challenge; // goes to /authorize
    };

    /// A random verifier of `length` characters from A-Z a-z 0-9 - . _ ~.
    /// Throws std::invalid_argument when length is outside 43..128 (a programming error).
    std::string generateCodeVerifier(std::size_t length = 64);

    /// base64url(SHA-256(verifier as ASCII)) without '=' padding; always 43 characters.
    std::string codeChallengeS256(std::string_view verifier);

    /// A fresh verifier and its S256 challenge.
    PkcePair generatePkcePair();

    /// An unguessable anti-CSRF `state` value (256 random bits, base64url, 43 characters).
    std::string generateState();

    /// base64url without padding (RFC 4648 §5).
    std::string base64UrlNoPadding(std::span<const unsigned char> bytes);
} // namespace soulspot::sources::spotify
