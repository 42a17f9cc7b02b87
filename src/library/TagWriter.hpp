#pragma once
// Tag writing through TagLib's property interface for MP3 (ID3v2.4 only), FLAC, M4A, Ogg Vorbis and Opus.

#include <filesystem>
#include <string_view>

#include "core/Error.hpp"
#include "library/ITagStore.hpp"

namespace soulspot::library
{
    /// Reads the file's tags, merges `metadata` into them and saves. Keys we have no value for are left as they
    /// are; the front cover is replaced only when `metadata.frontCover` is set, valid JPEG/PNG and within the cap.
    core::Result<TagWriteReport> writeFileTags(const std::filesystem::path& file, const TrackMetadata& metadata,
                                               const TagWriteOptions& options = {});

    /// "image/jpeg" / "image/png" from the magic bytes; empty when the data is neither.
    std::string_view detectImageMimeType(std::string_view bytes);
} // namespace soulspot::library
