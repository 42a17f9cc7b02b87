#pragma once
// Canonical forms of the identifiers MusicBrainz accepts (reference/musicbrainz-api.md §1, §3.1).

#include <optional>
#include <string>
#include <string_view>

#include "core/Error.hpp"

namespace soulspot::sources::musicbrainz
{
    /// Upper case without hyphens/spaces ("gb-aaa-99-00303" → "GBAAA9900303"); nullopt unless it then
    /// matches ^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$ (MusicBrainz answers 400 to anything else).
    std::optional<std::string> normaliseIsrc(std::string_view isrc);
    /// Lower-case 8-4-4-4-12 hex UUID; nullopt when malformed.
    std::optional<std::string> normaliseMbid(std::string_view mbid);

    enum class MbRefKind
    {
        Release,      // …/release/{mbid}
        ReleaseGroup, // …/release-group/{mbid}
        Unknown,      // a bare MBID: the caller tries a release first, then a release group
    };

    struct MusicBrainzRef
    {
        MbRefKind kind{MbRefKind::Unknown};
        std::string mbid; // canonical lower case
    };

    /// Accepts http(s)://[www.|beta.]musicbrainz.org/release/{mbid} and /release-group/{mbid} (a trailing
    /// slash, a sub-page such as /cover-art, a query or fragment ignored) and a bare MBID, surrounding
    /// whitespace ignored. Other entities (recording, artist, …), other hosts and malformed MBIDs are
    /// InvalidArgument.
    core::Result<MusicBrainzRef> parseMusicBrainzRef(std::string_view input);
} // namespace soulspot::sources::musicbrainz
