#pragma once
// After an import, the folder slskd downloaded into is usually empty; remove it and its empty parents,
// but never the downloads root itself (slskd and the user expect it to exist).

#include <filesystem>

#include "core/Error.hpp"

namespace soulspot::library
{
    /// Removes `startDirectory` and then each parent while empty, stopping below `downloadsRoot`. Fails with
    /// InvalidArgument when `startDirectory` is not strictly inside the root. Returns how many were removed.
    core::Result<int> pruneEmptyParents(const std::filesystem::path& startDirectory,
                                        const std::filesystem::path& downloadsRoot);

    /// Removes every empty folder below `downloadsRoot`, deepest first; never the root, never through symlinks.
    core::Result<int> pruneEmptyFolders(const std::filesystem::path& downloadsRoot);
} // namespace soulspot::library
