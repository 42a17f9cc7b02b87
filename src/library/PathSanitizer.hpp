#pragma once
// Turns untrusted names (from Soulseek peers, from metadata) into path components that are legal on ext4,
// Windows and SMB shares, and joins them under a root so nothing can land outside it.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/Error.hpp"

namespace soulspot::library
{
    inline constexpr std::size_t kMaxComponentBytes = 255; // ext4 EXT4_NAME_LEN, counted in bytes
    inline constexpr std::size_t kMaxPathBytes = 4096;     // Linux PATH_MAX

    /// Replaces every byte that is not part of a valid UTF-8 sequence with '_'.
    std::string repairUtf8(std::string_view text);

    /// Longest prefix of `text` of at most `maxBytes` bytes that does not split a UTF-8 sequence.
    std::string truncateUtf8(std::string_view text, std::size_t maxBytes);

    /// One safe component: no separators, control or Windows-illegal characters, no leading dot, no trailing
    /// dot/space, no reserved device name, at most `maxBytes` bytes. Never empty, never "." or "..".
    std::string sanitizePathComponent(std::string_view name, std::size_t maxBytes = kMaxComponentBytes);

    /// Like sanitizePathComponent, but the extension (e.g. ".flac") is kept intact and counted in the cap.
    std::string sanitizeFileName(std::string_view stem, std::string_view extension);

    /// The last component of a Soulseek path, which peers write with '\' or '/' separators.
    std::string_view peerFileName(std::string_view soulseekPath);

    /// True when `candidate` is `root` or below it, lexically and after resolving existing symlinks.
    bool isWithin(const std::filesystem::path& root, const std::filesystem::path& candidate);

    /// Splits `relative` on '/', sanitises each component and joins it under `root`. Fails when nothing is left,
    /// the result exceeds PATH_MAX, or (through a symlink inside root) it would resolve outside root.
    core::Result<std::filesystem::path> safeJoin(const std::filesystem::path& root, std::string_view relative);
} // namespace soulspot::library
