#pragma once
// Which release of a release group to tag an album from, chosen the way Lidarr does: pure, deterministic,
// with the reason spelled out so the user can see why this edition and not another.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sources/musicbrainz/MusicBrainzTypes.hpp"

namespace soulspot::sources::musicbrainz
{
    struct ReleasePreferences
    {
        std::vector<std::string> countries; // best first, e.g. {"XW", "US", "GB"}; compared exactly
        std::vector<std::string> formats;   // best first, e.g. {"Digital Media", "CD"}; case-insensitive
    };

    struct ReleaseChoice
    {
        std::optional<std::size_t> index; // into the releases given; nullopt only when there were none
        std::string reason;               // e.g. "official, 12 tracks like 5 of 7 releases, country XW preferred"
    };

    /// Ranks by, in order: status Official; track count equal to the group's most common count (ties: the
    /// count more official releases have, then the smaller — the standard edition rather than the deluxe);
    /// position of the country in prefs.countries (absent = after every listed one); position of the best
    /// medium format in prefs.formats; earliest date (unknown last); smallest id.
    ReleaseChoice chooseRelease(const std::vector<ReleaseDetails>& releases, const ReleasePreferences& prefs);
} // namespace soulspot::sources::musicbrainz
