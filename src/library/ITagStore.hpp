#pragma once
// The seam between the pipeline and tag I/O (DESIGN.md: external systems behind interfaces). The TagLib
// implementation is TagLibTagStore; tests and the importer's collision rule can use a fake.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "library/AudioQuality.hpp"
#include "library/TrackMetadata.hpp"

namespace soulspot::library
{
    /// What the scanner and the importer need to know about one file.
    struct FileTags
    {
        TrackMetadata metadata; // frontCover stays empty here; use readFrontCover() for the bytes
        AudioProperties audio;
        std::uintmax_t sizeBytes{0};
        bool hasFrontCover{false};
    };

    struct TagWriteOptions
    {
        std::size_t maxCoverBytes{4 * 1024 * 1024}; // larger covers are skipped, not resized
        bool overwriteExisting{true}; // false: only fill fields the file does not have yet
    };

    struct TagWriteReport
    {
        bool coverEmbedded{false};
        std::vector<std::string> warnings; // fields or covers that were not written, and why
    };

    class ITagStore
    {
    public:
        virtual ~ITagStore() = default;
        virtual core::Result<FileTags> read(const std::filesystem::path& file) const = 0;
        /// Merges `metadata` into the file's tags: fields we know replace theirs, fields we do not know are kept.
        virtual core::Result<TagWriteReport> write(const std::filesystem::path& file, const TrackMetadata& metadata,
                                                   const TagWriteOptions& options) = 0;
    };
} // namespace soulspot::library
