#pragma once
// Soulseek search texts for a wanted track. Soulseek matches every query word as a piece of the remote
// path, so queries are lower-case words without punctuation, single characters dropped, apostrophes split
// ("don't" → "don", which still finds both "Don't" and "Dont").

#include <string>
#include <vector>

#include "matching/WantedTrack.hpp"

namespace soulspot::matching
{
    /// First the primary query ("artist title", plus the version words when the wanted title is a live or
    /// remix version), then fallbacks in the order to try them: diacritics stripped, without the version
    /// words, without a leading "The", the title with the longest word of a long artist name, and the title
    /// alone when it is distinctive.
    /// Deduplicated; the same track always gives the same list.
    std::vector<std::string> buildSearchQueries(const WantedTrack& wanted);

    /// True when a title alone is specific enough to search for (not "Intro", "Home", "Love").
    bool isDistinctiveTitle(const std::vector<std::string>& titleWords);
} // namespace soulspot::matching
