#pragma once
// Where the key for secrets at rest comes from: SECRET_KEY when set, otherwise a key file in the data
// folder, created on first start with permissions 0600. Losing or changing the key makes the stored Spotify
// tokens unreadable (the user then connects again); it never makes them readable to someone else.

#include <memory>
#include <string>

#include "app/Config.hpp"
#include "core/Error.hpp"
#include "db/SecretBox.hpp"

namespace soulspot::app
{
    inline constexpr const char* kSecretKeyFileName = "secret.key";

    /// State that is not the music library: the SQLite database's folder, or for PostgreSQL the parent of
    /// STORAGE_CACHE_PATH (./data with the defaults).
    std::string dataDirectory(const Config& config);

    /// Reads the 32-byte key (64 hex digits) at `path`, or creates it (0600, exclusive create) when missing.
    /// A malformed existing file is an error, never overwritten: that would orphan every stored secret.
    core::Result<db::SecretBox::Key> loadOrCreateKeyFile(const std::string& path);

    core::Result<std::shared_ptr<const db::SecretBox>> loadSecretBox(const Config& config);
} // namespace soulspot::app
