#include "library/AtomicMover.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include <fcntl.h>

#include "core/Log.hpp"

namespace soulspot::library
{
    namespace
    {
        const core::Logger kLog("library.import");

        // rename that refuses to overwrite unless asked to. Returns 0 or an errno value.
        int renameFile(const std::filesystem::path& from, const std::filesystem::path& to, bool replace)
        {
            if (replace)
                return std::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
            if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
                return 0;
            if (errno != EINVAL && errno != ENOSYS)
                return errno;
            // The filesystem lacks RENAME_NOREPLACE: link() fails on an existing name, which gives the same
            // guarantee; where hard links are unsupported too, check-then-rename is the best left.
            if (::link(from.c_str(), to.c_str()) == 0)
                return ::unlink(from.c_str()) == 0 ? 0 : errno;
            if (errno == EEXIST)
                return EEXIST;
            std::error_code ec;
            if (std::filesystem::exists(to, ec))
                return EEXIST;
            return std::rename(from.c_str(), to.c_str()) == 0 ? 0 : errno;
        }

        std::filesystem::path temporaryNameFor(const std::filesystem::path& destination)
        {
            static thread_local std::mt19937_64 rng{std::random_device{}()};
            char suffix[20];
            std::snprintf(suffix, sizeof suffix, "%016llx", static_cast<unsigned long long>(rng()));
            return destination.parent_path() / (std::string(kImportTemporaryPrefix) + suffix + ".partial");
        }

        core::Error renameError(const std::filesystem::path& from, const std::filesystem::path& to, int err)
        {
            if (err == EEXIST)
                return core::Error::conflict("destination already exists: " + to.string());
            return core::Error::io("cannot move " + from.string() + " to " + to.string() + ": " + std::strerror(err));
        }

        // Removes the temporary unless the move committed: covers error returns and exceptions alike.
        class TemporaryGuard
        {
        public:
            explicit TemporaryGuard(std::filesystem::path path) : path_(std::move(path)) {}
            TemporaryGuard(const TemporaryGuard&) = delete;
            TemporaryGuard& operator=(const TemporaryGuard&) = delete;
            ~TemporaryGuard()
            {
                if (!committed_)
                {
                    std::error_code ec;
                    std::filesystem::remove(path_, ec);
                }
            }
            void commit() { committed_ = true; }

        private:
            std::filesystem::path path_;
            bool committed_{false};
        };
    } // namespace

    AtomicMover::AtomicMover(std::shared_ptr<IFileWriter> writer) : writer_(std::move(writer)) {}

    core::Result<MoveMethod> AtomicMover::move(const std::filesystem::path& source,
                                               const std::filesystem::path& destination,
                                               const MoveOptions& options) const
    {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(source, ec))
            return core::fail(core::Error::notFound("source is not a regular file: " + source.string()));
        std::filesystem::create_directories(destination.parent_path(), ec);
        if (ec)
            return core::fail(core::Error::io("cannot create " + destination.parent_path().string() + ": " + ec.message()));

        if (!options.forceCopy)
        {
            const int err = renameFile(source, destination, options.replaceExisting);
            if (err == 0)
            {
                if (auto synced = fsyncDirectory(destination.parent_path()); !synced)
                    kLog.warning("rename not yet durable", {{"error", synced.error().message}});
                return MoveMethod::Renamed;
            }
            if (err != EXDEV)
                return core::fail(renameError(source, destination, err));
        }
        if (auto copied = copyThenRename(source, destination, options); !copied)
            return core::fail(copied.error());
        return MoveMethod::Copied;
    }

    core::Result<void> AtomicMover::copyThenRename(const std::filesystem::path& source,
                                                   const std::filesystem::path& destination,
                                                   const MoveOptions& options) const
    {
        std::error_code ec;
        if (!options.replaceExisting && std::filesystem::exists(destination, ec))
            return core::fail(core::Error::conflict("destination already exists: " + destination.string()));

        // The temporary lives next to the destination so the final rename stays within one filesystem.
        const auto temporary = temporaryNameFor(destination);
        TemporaryGuard guard(temporary);
        if (auto copied = writer_->copyDurably(source, temporary); !copied)
            return core::fail(copied.error());
        if (options.beforeCommit)
            if (auto hook = options.beforeCommit(temporary); !hook)
                return core::fail(hook.error());
        if (const int err = renameFile(temporary, destination, options.replaceExisting); err != 0)
            return core::fail(renameError(temporary, destination, err));
        guard.commit();
        if (auto synced = fsyncDirectory(destination.parent_path()); !synced)
            kLog.warning("import rename not yet durable", {{"error", synced.error().message}});

        // The library copy is complete and durable; a failure to delete the source only leaves a duplicate.
        if (!std::filesystem::remove(source, ec) || ec)
            kLog.warning("imported, but the source could not be removed",
                         {{"source", source.string()}, {"error", ec.message()}});
        return {};
    }

    bool isImportTemporary(const std::filesystem::path& file)
    {
        return file.filename().string().starts_with(kImportTemporaryPrefix);
    }

    core::Result<int> removeStaleImportTemporaries(const std::filesystem::path& root)
    {
        std::error_code ec;
        int removed = 0;
        std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::skip_permission_denied, ec);
        if (ec)
            return core::fail(core::Error::io("cannot scan " + root.string() + ": " + ec.message()));
        for (const std::filesystem::recursive_directory_iterator end; it != end; it.increment(ec))
        {
            if (ec)
                return core::fail(core::Error::io("cannot scan " + root.string() + ": " + ec.message()));
            if (it->is_regular_file(ec) && isImportTemporary(it->path()) && std::filesystem::remove(it->path(), ec))
                ++removed;
        }
        return removed;
    }
} // namespace soulspot::library
