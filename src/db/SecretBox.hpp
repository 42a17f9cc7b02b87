#pragma once
// Secrets at rest (OAuth tokens, PKCE verifiers): libsodium's secretbox (XSalsa20-Poly1305) with a
// random nonce per value. Sealed values are printable text ("sb1:" + base64(nonce ‖ ciphertext)) so they
// fit a TEXT column on both engines. A value sealed under another key fails to open: it is never garbage.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/Error.hpp"

namespace soulspot::db
{
    class SecretBox
    {
    public:
        static constexpr std::size_t kKeyBytes = 32;
        using Key = std::array<unsigned char, kKeyBytes>;

        explicit SecretBox(const Key& key);
        ~SecretBox();
        SecretBox(const SecretBox&) = default;
        SecretBox& operator=(const SecretBox&) = default;

        /// A key derived from a passphrase of any length (SECRET_KEY) with BLAKE2b; empty is InvalidArgument.
        static core::Result<SecretBox> fromPassphrase(std::string_view passphrase);
        /// 32 fresh random bytes, for a new key file.
        static Key randomKey();

        std::string seal(std::string_view plaintext) const;
        /// Unauthorized when the value was sealed under another key or altered; ParseError when malformed.
        core::Result<std::string> open(std::string_view sealed) const;
        /// True when `text` looks like a sealed value (used to prove nothing is stored in plaintext).
        static bool isSealed(std::string_view text);

    private:
        Key key_;
    };
} // namespace soulspot::db
