#pragma once
// The track a user wants, as the matcher sees it (filled from Spotify, CSV or a manual entry).

#include <optional>
#include <string>
#include <vector>

namespace soulspot::matching
{
    struct WantedTrack
    {
        std::string title;                // as the catalogue spells it, qualifiers included ("Song - 2011 Remaster")
        std::vector<std::string> artists; // primary artist first
        std::string album;
        std::optional<int> durationMs;
        std::optional<int> trackNumber;
        std::string isrc;
        std::string releaseDate; // YYYY, YYYY-MM or YYYY-MM-DD
    };
} // namespace soulspot::matching
