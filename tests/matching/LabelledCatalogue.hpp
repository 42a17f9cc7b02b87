#pragma once
// The songs the labelled set is built from: catalogue spellings (as Spotify gives them) next to the way
// uploaders name the same recording, plus material for decoys.

#include <string>
#include <vector>

namespace soulspot::matching::testing
{
    struct CatalogueSong
    {
        std::string spotifyName;          // wanted title, qualifiers included
        std::vector<std::string> artists; // primary first
        std::string album;                // catalogue album name
        int durationMs{0};
        int trackNumber{0};
        std::string isrc;
        std::string fileTitle;   // how uploaders name this recording
        std::string fileArtist;  // how uploaders name the artist
        std::string fileAlbum;   // how uploaders name the album
        std::string asciiTitle;  // accent-stripped upload spelling ("" when the same)
        std::string asciiArtist;
        int year{0};
        std::string version;     // "" for studio, else "live", "radio", "remix": what the wanted title asks for
        std::string plainTitle;  // for versions: the unlabelled studio title (a decoy)
        std::vector<std::string> otherTracks; // other titles from the same album
        std::string otherArtist; // someone else with a song of the same title
    };

    const std::vector<CatalogueSong>& labelledCatalogue();
} // namespace soulspot::matching::testing
