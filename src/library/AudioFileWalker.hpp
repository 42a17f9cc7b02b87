#pragma once
// Lists the audio files below a folder with size and modification time: the scanner's cheap first pass,
// which decides what needs (re-)reading without opening any file.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "library/AudioQuality.hpp"

namespace soulspot::library
{
    struct AudioFileEntry
    {
        std::filesystem::path path;
        std::uintmax_t sizeBytes{0};
        std::chrono::system_clock::time_point modified;
        AudioFormat format{AudioFormat::Unknown}; // from the extension
    };

    struct AudioWalkResult
    {
        std::vector<AudioFileEntry> files;  // sorted by path
        std::vector<std::string> problems;  // files that could not be stat'ed, or why the walk stopped early
    };

    /// Recursive, does not follow directory symlinks, skips dot-files and dot-folders (which include import
    /// temporaries). Fails only when `root` itself cannot be opened.
    core::Result<AudioWalkResult> listAudioFiles(const std::filesystem::path& root);
} // namespace soulspot::library
