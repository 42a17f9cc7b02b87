#pragma once
// Fast tag + audio property reading through TagLib (read style Average), for the scanner and the verifier.

#include <filesystem>
#include <optional>

#include "core/Error.hpp"
#include "library/ITagStore.hpp"

namespace soulspot::library
{
    /// Basic tags and audio properties of one file. ParseError when TagLib cannot open it as audio.
    core::Result<FileTags> readFileTags(const std::filesystem::path& file);

    /// Audio properties only (cheaper: no tag mapping). ParseError when the file is not readable audio.
    core::Result<AudioProperties> readAudioProperties(const std::filesystem::path& file);

    /// The embedded front cover (or the first picture when none is typed as front), if any.
    core::Result<std::optional<CoverImage>> readFrontCover(const std::filesystem::path& file);
} // namespace soulspot::library
