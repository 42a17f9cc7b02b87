#pragma once
// Canonical forms of the identifiers MusicBrainz accepts (reference/musicbrainz-api.md §1, §3.1).

#include <optional>
#include <string>
#include <string_view>

namespace soulspot::sources::musicbrainz
{
    /// Upper case without hyphens/spaces ("gb-aaa-99-00303" → "GBAAA9900303"); nullopt unless it then
    /// matches ^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$ (MusicBrainz answers 400 to anything else).
    std::optional<std::string> normaliseIsrc(std::string_view isrc);
    /// Lower-case 8-4-4-4-12 hex UUID; nullopt when malformed.
    std::optional<std::string> normaliseMbid(std::string_view mbid);
} // namespace soulspot::sources::musicbrainz
