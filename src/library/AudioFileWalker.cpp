#include "library/AudioFileWalker.hpp"

#include <algorithm>

namespace soulspot::library
{
    namespace
    {
        std::chrono::system_clock::time_point toSystemClock(std::filesystem::file_time_type t)
        {
            return std::chrono::time_point_cast<std::chrono::system_clock::duration>(
                std::chrono::file_clock::to_sys(t));
        }

        bool isHidden(const std::filesystem::path& p) { return p.filename().string().starts_with('.'); }
    } // namespace

    core::Result<AudioWalkResult> listAudioFiles(const std::filesystem::path& root)
    {
        namespace fs = std::filesystem;
        std::error_code ec;
        fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
        if (ec)
            return core::fail(core::Error::io("cannot open " + root.string() + ": " + ec.message()));
        AudioWalkResult result;
        for (const fs::recursive_directory_iterator end; it != end;)
        {
            const fs::directory_entry entry = *it;
            if (isHidden(entry.path()))
            {
                if (entry.is_directory(ec))
                    it.disable_recursion_pending();
            }
            else if (isAudioExtension(entry.path()) && entry.is_regular_file(ec))
            {
                AudioFileEntry file;
                file.path = entry.path();
                file.format = audioFormatFromPath(entry.path());
                std::error_code sizeEc, timeEc;
                file.sizeBytes = entry.file_size(sizeEc);
                const auto mtime = entry.last_write_time(timeEc);
                if (sizeEc || timeEc)
                    result.problems.push_back("cannot stat " + entry.path().string());
                else
                {
                    file.modified = toSystemClock(mtime);
                    result.files.push_back(std::move(file));
                }
            }
            it.increment(ec);
            if (ec)
            {
                // Permission problems are skipped by the iterator; anything else leaves it unusable, so report
                // what was found so far with the problem rather than failing the whole scan.
                result.problems.push_back("walk stopped below " + root.string() + ": " + ec.message());
                break;
            }
        }
        std::sort(result.files.begin(), result.files.end(),
                  [](const AudioFileEntry& a, const AudioFileEntry& b) { return a.path < b.path; });
        return result;
    }
} // namespace soulspot::library
