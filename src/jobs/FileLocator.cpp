#include "jobs/FileLocator.hpp"

#include <system_error>
#include <vector>

namespace soulspot::jobs
{
    namespace fs = std::filesystem;

    namespace
    {
        // Peer-supplied names are hostile: only a plain, single component may be joined onto the root.
        bool isSafeComponent(const std::string& s)
        {
            return !s.empty() && s != "." && s != ".." && s.find('/') == std::string::npos && s.find('\0') == std::string::npos;
        }

        std::optional<fs::path> matchIn(const fs::path& dir, const std::string& base, std::int64_t size)
        {
            std::error_code ec;
            const fs::path exact = dir / base;
            if (fs::is_regular_file(exact, ec) && static_cast<std::int64_t>(fs::file_size(exact, ec)) == size)
                return exact;
            // slskd's collision rename: "<stem>_<ticks><ext>"; take the newest one of the right size.
            const std::string stem = fs::path(base).stem().string();
            const std::string ext = fs::path(base).extension().string();
            std::optional<fs::path> best;
            fs::file_time_type bestTime{};
            for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
            {
                const std::string name = it->path().filename().string();
                if (name.size() <= stem.size() + ext.size() + 1 || name.rfind(stem + "_", 0) != 0 ||
                    name.substr(name.size() - ext.size()) != ext)
                    continue;
                const std::string ticks = name.substr(stem.size() + 1, name.size() - stem.size() - 1 - ext.size());
                if (ticks.empty() || ticks.find_first_not_of("0123456789") != std::string::npos)
                    continue;
                std::error_code e2;
                if (!it->is_regular_file(e2) || static_cast<std::int64_t>(it->file_size(e2)) != size)
                    continue;
                const auto t = it->last_write_time(e2);
                if (!best || t > bestTime)
                {
                    best = it->path();
                    bestTime = t;
                }
            }
            return best;
        }
    } // namespace

    std::string remoteBasename(const std::string& remote)
    {
        const auto cut = remote.find_last_of("\\/");
        return cut == std::string::npos ? remote : remote.substr(cut + 1);
    }

    std::string remoteLeafFolder(const std::string& remote)
    {
        const auto last = remote.find_last_of("\\/");
        if (last == std::string::npos || last == 0)
            return {};
        const auto prev = remote.find_last_of("\\/", last - 1);
        return remote.substr(prev == std::string::npos ? 0 : prev + 1, last - (prev == std::string::npos ? 0 : prev + 1));
    }

    std::optional<fs::path> locateDownloadedFile(const LocateRequest& request)
    {
        const std::string base = remoteBasename(request.remoteFilename);
        if (!isSafeComponent(base))
            return std::nullopt;
        std::vector<fs::path> folders;
        if (request.destination && isSafeComponent(*request.destination))
            folders.push_back(request.downloadsRoot / *request.destination);
        const std::string leaf = remoteLeafFolder(request.remoteFilename);
        if (isSafeComponent(leaf))
            folders.push_back(request.downloadsRoot / leaf);
        folders.push_back(request.downloadsRoot);
        for (const auto& dir : folders)
            if (auto found = matchIn(dir, base, request.expectedSize))
                return found;
        return std::nullopt;
    }
} // namespace soulspot::jobs
