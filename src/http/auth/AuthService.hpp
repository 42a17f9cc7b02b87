#pragma once
// The single UI user (the *arr convention), browser sessions and API keys, stored in the database as
// hashes only: the password as Argon2id, session tokens and API keys as BLAKE2b digests. A stolen
// database therefore opens no session and reveals no key.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "db/Database.hpp"
#include "http/auth/LoginThrottle.hpp"

namespace soulspot::http
{
    struct AuthSession
    {
        std::int64_t userId{0};
        std::string username;
        std::string csrfToken;
        std::string expiresAt;
    };

    struct NewSession
    {
        std::string token; // goes into the cookie; only its digest is stored
        AuthSession session;
    };

    struct ApiKeyInfo
    {
        std::int64_t id{0};
        std::string name;
        std::string prefix; // the first characters, so a user can tell keys apart
        std::string createdAt;
        std::optional<std::string> lastUsedAt;
    };

    struct LoginPolicy
    {
        int maxFailures{5};
        std::chrono::seconds failureWindow{300};
        std::chrono::hours sessionLifetime{24 * 30};
        std::size_t minPasswordLength{8};
    };

    class AuthService
    {
    public:
        AuthService(db::Database& db, LoginPolicy policy = {});

        core::Result<bool> passwordSet();
        /// Creates the user or replaces the password; every existing session ends.
        core::Result<void> setPassword(const std::string& username, const std::string& password);
        core::Result<bool> checkPassword(const std::string& password);
        /// Unauthorized on a wrong user/password, RateLimited (message holds the seconds) when throttled.
        /// Failures are logged at WARNING ("login failed", logger http.auth) with the client address.
        core::Result<NewSession> login(const std::string& username, const std::string& password, const std::string& client);
        core::Result<std::optional<AuthSession>> session(const std::string& token);
        core::Result<void> logout(const std::string& token);

        /// Returns the key itself — shown once, never stored.
        core::Result<std::pair<ApiKeyInfo, std::string>> createApiKey(const std::string& name);
        core::Result<std::vector<ApiKeyInfo>> apiKeys();
        core::Result<void> revokeApiKey(std::int64_t id);
        core::Result<bool> checkApiKey(const std::string& key);

        const LoginPolicy& policy() const { return policy_; }

    private:
        db::Database& db_;
        LoginPolicy policy_;
        LoginThrottle throttle_;
    };
} // namespace soulspot::http
