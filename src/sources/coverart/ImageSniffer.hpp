#pragma once
// Cover files are embedded into audio tags, so only the two types every player reads are accepted, and
// the type is decided by the bytes, never by a Content-Type header or file extension.

#include <optional>
#include <string>
#include <string_view>

namespace soulspot::sources::coverart
{
    /// "image/jpeg" (FF D8 FF) or "image/png" (89 50 4E 47 0D 0A 1A 0A); nullopt for anything else.
    std::optional<std::string> sniffImageMime(std::string_view bytes);
} // namespace soulspot::sources::coverart
