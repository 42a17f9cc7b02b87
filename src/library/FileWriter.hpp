#pragma once
// Durable byte copying behind an interface, so tests can make the disk "fill up" at any byte.

#include <filesystem>

#include "core/Error.hpp"

namespace soulspot::library
{
    class IFileWriter
    {
    public:
        virtual ~IFileWriter() = default;
        /// Creates `destination` (must not exist), copies `source` into it and fsyncs it. On failure the
        /// destination may hold a partial copy; the caller removes it.
        virtual core::Result<void> copyDurably(const std::filesystem::path& source,
                                               const std::filesystem::path& destination) = 0;
    };

    /// read/write/fsync with EINTR handling; ENOSPC and EDQUOT come back as IoError naming the disk as full.
    class PosixFileWriter final : public IFileWriter
    {
    public:
        core::Result<void> copyDurably(const std::filesystem::path& source,
                                       const std::filesystem::path& destination) override;
    };

    /// fsync on a directory, so a rename or unlink inside it survives a power cut.
    core::Result<void> fsyncDirectory(const std::filesystem::path& directory);
} // namespace soulspot::library
