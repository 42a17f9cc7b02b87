#include "library/DownloadFolderPruner.hpp"

#include <algorithm>
#include <vector>

#include "library/PathSanitizer.hpp"

namespace soulspot::library
{
    namespace
    {
        // rmdir semantics: std::filesystem::remove refuses a non-empty directory, so there is no race in which
        // a file arriving between "is it empty?" and "remove" gets deleted.
        bool removeIfEmptyDirectory(const std::filesystem::path& dir)
        {
            std::error_code ec;
            if (std::filesystem::is_symlink(dir, ec) || !std::filesystem::is_directory(dir, ec))
                return false;
            return std::filesystem::remove(dir, ec) && !ec;
        }
    } // namespace

    core::Result<int> pruneEmptyParents(const std::filesystem::path& startDirectory,
                                        const std::filesystem::path& downloadsRoot)
    {
        const auto root = std::filesystem::absolute(downloadsRoot).lexically_normal();
        auto dir = std::filesystem::absolute(startDirectory).lexically_normal();
        if (!dir.has_filename())
            dir = dir.parent_path(); // "a/b/" normalises with an empty filename
        const auto rootKey = root.has_filename() ? root : root.parent_path();
        if (dir == rootKey || !isWithin(rootKey, dir))
            return core::fail(core::Error::invalid(startDirectory.string() + " is not inside the downloads root " +
                                                   downloadsRoot.string()));
        int removed = 0;
        while (dir != rootKey && dir.has_relative_path() && removeIfEmptyDirectory(dir))
        {
            ++removed;
            dir = dir.parent_path();
        }
        return removed;
    }

    core::Result<int> pruneEmptyFolders(const std::filesystem::path& downloadsRoot)
    {
        std::error_code ec;
        std::vector<std::filesystem::path> dirs;
        std::filesystem::recursive_directory_iterator it(downloadsRoot,
                                                         std::filesystem::directory_options::skip_permission_denied, ec);
        if (ec)
            return core::fail(core::Error::io("cannot scan " + downloadsRoot.string() + ": " + ec.message()));
        for (const std::filesystem::recursive_directory_iterator end; it != end; it.increment(ec))
        {
            if (ec)
                return core::fail(core::Error::io("cannot scan " + downloadsRoot.string() + ": " + ec.message()));
            if (it->is_directory(ec) && !it->is_symlink(ec))
                dirs.push_back(it->path());
        }
        // Longest paths first: children go before their parents, so a chain of empty folders disappears at once.
        std::sort(dirs.begin(), dirs.end(),
                  [](const auto& a, const auto& b) { return a.native().size() > b.native().size(); });
        int removed = 0;
        for (const auto& dir : dirs)
            removed += removeIfEmptyDirectory(dir) ? 1 : 0;
        return removed;
    }
} // namespace soulspot::library
