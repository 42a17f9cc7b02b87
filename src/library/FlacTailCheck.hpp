#pragma once
// Detects a truncated FLAC stream. TagLib takes a FLAC's length from STREAMINFO, so a file cut short still
// reports its full duration; only the frames at the end of the file tell how far the audio really goes.

#include <filesystem>
#include <optional>

namespace soulspot::library
{
    /// true: the last frame ends at STREAMINFO's total sample count; false: frames stop early (truncated);
    /// nullopt: cannot tell (not FLAC, total samples unknown, or no frame header found in the tail).
    std::optional<bool> flacStreamIsComplete(const std::filesystem::path& file);
} // namespace soulspot::library
