#pragma once
// Finds the file slskd wrote for a finished transfer. slskd ≤ 0.25 keeps only the last remote folder
// (`<downloads>/<leaf>/<name>`), 0.26 batches honour our per-download destination, and a name that already
// exists is saved as `<stem>_<ticks>.<ext>` (slskd-api.md §1.7). The file must have the transferred size.

#include <filesystem>
#include <optional>
#include <string>

namespace soulspot::jobs
{
    struct LocateRequest
    {
        std::filesystem::path downloadsRoot;
        std::string remoteFilename;  // full remote path with backslashes
        std::int64_t expectedSize{0};
        std::optional<std::string> destination; // our batch destination folder name, when used
    };

    /// nullopt when no file of the right size is found under the root. Never returns a path outside it.
    std::optional<std::filesystem::path> locateDownloadedFile(const LocateRequest& request);

    /// The last component of a Soulseek path ("@@a\Music\A\01 - x.flac" → "01 - x.flac").
    std::string remoteBasename(const std::string& remote);
    /// The folder slskd lands a file in ("@@a\Music\A\01 - x.flac" → "A").
    std::string remoteLeafFolder(const std::string& remote);
} // namespace soulspot::jobs
