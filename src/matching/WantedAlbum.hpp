#pragma once
// The release a user wants, as the album matcher sees it: its tracklist in disc/track order, filled from
// Spotify (/albums/{id}) or MusicBrainz (/release/{mbid}?inc=recordings+media+isrcs+artist-credits).

#include <optional>
#include <string>
#include <vector>

#include "matching/WantedTrack.hpp"

namespace soulspot::matching
{
    struct WantedAlbumTrack
    {
        WantedTrack track; // title, artists, album, durationMs, trackNumber (position on its disc), isrc
        int discNumber{1};
    };

    struct WantedAlbum
    {
        std::string title;                // "OK Computer OKNOTOK 1997 2017" as the catalogue spells it
        std::vector<std::string> artists; // album artist credit, primary first
        std::string releaseDate;          // YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown
        std::string primaryType;          // "Album", "EP", "Single", "Compilation" or ""
        std::vector<WantedAlbumTrack> tracks; // disc order, then track order
        int discCount{1};

        // Identity, when known: tagged into every file of the album.
        std::string releaseMbid;
        std::string releaseGroupMbid;
        std::string spotifyAlbumId;

        std::optional<int> year() const
        {
            if (releaseDate.size() < 4) return std::nullopt;
            int y = 0;
            for (int i = 0; i < 4; ++i)
            {
                const char c = releaseDate[static_cast<std::size_t>(i)];
                if (c < '0' || c > '9') return std::nullopt;
                y = y * 10 + (c - '0');
            }
            return y;
        }
    };
} // namespace soulspot::matching
