#pragma once
// A Soulseek remote path ("@@share\Music\Artist\Album\01 - Title.flac") cut into words per folder and file name.

#include <string>
#include <string_view>
#include <vector>

#include "matching/TextNormalizer.hpp"

namespace soulspot::matching
{
    struct RemotePath
    {
        std::vector<Token> tokens;     // folders first, then the file name without its extension
        std::size_t basenameBegin{0};  // index of the first file-name token
        std::string extension;         // lower case, without the dot; "" when the name has none
    };

    /// Splits on both '\\' and '/', skips the share root ("@@abcd") and drive letters ("C:").
    RemotePath parseRemotePath(std::string_view filename);

    /// Lower-case extension of a remote file name ("…\01 - Title.FLAC" → "flac"), "" if none.
    std::string extensionOf(std::string_view filename);
} // namespace soulspot::matching
