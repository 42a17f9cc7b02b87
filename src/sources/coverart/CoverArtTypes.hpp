#pragma once

#include <string>

namespace soulspot::sources::coverart
{
    /// An image ready to embed as cover art: checked to be JPEG or PNG by its magic bytes.
    struct CoverImage
    {
        std::string bytes;
        std::string mime;   // "image/jpeg" or "image/png"
        std::string source; // the URL the bytes finally came from (after redirects), for logs
    };
} // namespace soulspot::sources::coverart
