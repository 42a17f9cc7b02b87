#pragma once
// The cryptography of access control, all libsodium: Argon2id password hashes (crypto_pwhash_str),
// random tokens, and fast BLAKE2b digests for secrets that are already high-entropy (session tokens,
// API keys) — those need no slow hash, only never to be stored in the clear.

#include <string>
#include <string_view>

#include "core/Error.hpp"

namespace soulspot::http
{
    /// Must run once before any other function here (idempotent, thread-safe).
    void initCrypto();

    /// Argon2id, libsodium's "interactive" cost (64 MiB, ~0.1–0.5 s): a self-describing "$argon2id$…" string.
    core::Result<std::string> hashPassword(std::string_view password);
    bool verifyPassword(const std::string& storedHash, std::string_view password);

    /// `bytes` random bytes as URL-safe base64 without padding (cookie- and header-safe).
    std::string randomToken(std::size_t bytes = 32);
    /// Hex BLAKE2b-256 of a high-entropy secret, for lookup by hash.
    std::string digestSecret(std::string_view secret);
    /// Constant-time comparison of two strings (CSRF tokens).
    bool equalsConstantTime(std::string_view a, std::string_view b);
} // namespace soulspot::http
