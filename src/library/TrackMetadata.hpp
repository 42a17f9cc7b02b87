#pragma once
// The metadata one track is tagged and named with. Filled from MusicBrainz (or read back from a file);
// naming and tagging both consume it, so it holds plain values and no format-specific encodings.

#include <cctype>
#include <optional>
#include <string>
#include <vector>

namespace soulspot::library
{
    struct CoverImage
    {
        std::string bytes;    // raw JPEG or PNG data
        std::string mimeType; // "image/jpeg" or "image/png"; detected from the bytes when empty
    };

    struct TrackMetadata
    {
        std::string title;
        std::vector<std::string> artists; // track artists, in credit order
        std::string artistCredit;         // display credit ("A feat. B"); empty → artists joined with "; "
        std::string albumArtist;
        std::string album;
        std::optional<int> trackNumber;
        std::optional<int> trackTotal;
        std::optional<int> discNumber;
        std::optional<int> discTotal;
        std::string date;         // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
        std::string originalDate; // first release of the release group, same shapes
        std::string genre;
        std::string isrc;
        std::string albumType;   // primary type: "Album", "EP", "Single"…
        std::string mediumFormat; // "CD", "Digital Media"…
        std::string musicBrainzRecordingId;
        std::string musicBrainzReleaseTrackId;
        std::string musicBrainzReleaseId;
        std::string musicBrainzReleaseGroupId;
        std::vector<std::string> musicBrainzArtistIds;
        std::string musicBrainzAlbumArtistId;
        std::optional<CoverImage> frontCover;

        /// The credit to write into ARTIST and to name with: artistCredit, else the joined artists.
        std::string displayArtist() const
        {
            if (!artistCredit.empty())
                return artistCredit;
            std::string joined;
            for (const auto& a : artists)
                joined += (joined.empty() ? "" : "; ") + a;
            return joined;
        }

        /// The album artist, falling back to the track credit (Lidarr's {Artist Name} is the album artist).
        std::string effectiveAlbumArtist() const { return albumArtist.empty() ? displayArtist() : albumArtist; }

        /// Four-digit year taken from `date` (or `originalDate`), if one is there.
        std::optional<int> year() const
        {
            for (const auto* d : {&date, &originalDate})
            {
                if (d->size() >= 4 && std::isdigit(static_cast<unsigned char>((*d)[0])) &&
                    std::isdigit(static_cast<unsigned char>((*d)[1])) &&
                    std::isdigit(static_cast<unsigned char>((*d)[2])) &&
                    std::isdigit(static_cast<unsigned char>((*d)[3])))
                    return std::stoi(d->substr(0, 4));
            }
            return std::nullopt;
        }
    };
} // namespace soulspot::library
