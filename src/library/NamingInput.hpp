#pragma once
// Everything a naming template may draw on: the track's metadata plus facts about the file itself.

#include <string>

#include "library/AudioQuality.hpp"
#include "library/TrackMetadata.hpp"

namespace soulspot::library
{
    struct NamingInput
    {
        TrackMetadata metadata;
        AudioProperties audio;          // {Quality Title}, {MediaInfo …}
        std::string originalFilename;   // the downloaded file's stem, for {Original Filename}
        std::string originalTitle;      // the title as the peer named it, for {Original Title}
        std::string releaseGroup;       // {Release Group}; usually empty for Soulseek downloads
        std::string artistDisambiguation;
        std::string albumDisambiguation;
        std::string mediumName;         // e.g. "Bonus Disc"
    };
} // namespace soulspot::library
