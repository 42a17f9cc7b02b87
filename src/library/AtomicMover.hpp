#pragma once
// Moves one file into the library so that, whatever happens (crash, full disk), the library holds either
// nothing or the complete file: rename within a filesystem; across filesystems copy to a hidden temporary
// in the destination folder, fsync, rename into place, then remove the source.

#include <filesystem>
#include <functional>
#include <memory>
#include <string_view>

#include "core/Error.hpp"
#include "library/FileWriter.hpp"

namespace soulspot::library
{
    /// Temporaries start with this; the walker skips dot-files, removeStaleImportTemporaries() deletes them.
    inline constexpr std::string_view kImportTemporaryPrefix = ".soulspot-import-";

    enum class MoveMethod
    {
        Renamed, // same filesystem: one rename
        Copied,  // across filesystems: copy + fsync + rename + unlink source
    };

    struct MoveOptions
    {
        bool replaceExisting{false}; // false: an existing destination is a Conflict, never overwritten
        bool forceCopy{false};       // take the copy path even on one filesystem (tests, bind mounts)
        /// Runs after the temporary is complete and fsynced, before it is renamed into place. Tests use it to
        /// inject a crash (throw, or return an error); production leaves it empty.
        std::function<core::Result<void>(const std::filesystem::path& temporary)> beforeCommit;
    };

    class AtomicMover
    {
    public:
        explicit AtomicMover(std::shared_ptr<IFileWriter> writer = std::make_shared<PosixFileWriter>());

        /// Creates the destination's folders as needed. On failure the source is untouched and no file (partial
        /// or complete) is left at the destination.
        core::Result<MoveMethod> move(const std::filesystem::path& source, const std::filesystem::path& destination,
                                      const MoveOptions& options = {}) const;

    private:
        core::Result<void> copyThenRename(const std::filesystem::path& source, const std::filesystem::path& destination,
                                          const MoveOptions& options) const;
        std::shared_ptr<IFileWriter> writer_;
    };

    bool isImportTemporary(const std::filesystem::path& file);

    /// Deletes temporaries a crash left below `root` (run at start-up); returns how many were removed.
    core::Result<int> removeStaleImportTemporaries(const std::filesystem::path& root);
} // namespace soulspot::library
