#pragma once
// The releases the labelled album set is built from: tracklists (as a catalogue gives them) and the way
// uploaders spell artist and album in folder names.

#include <string>
#include <vector>

namespace soulspot::matching::testing
{
    struct CatalogueAlbumTrack
    {
        std::string title;
        int seconds{0};
        int disc{1};
        std::string artist; // compilations: the track's own artist; "" = the album artist
    };

    struct CatalogueAlbum
    {
        std::string title;                // catalogue spelling
        std::vector<std::string> artists; // album artist credit ("Various Artists" for compilations)
        int year{0};
        std::string primaryType;             // "Album", "Compilation"
        std::vector<std::string> fileArtist; // uploader spellings of the artist ("VA" for compilations)
        std::string fileAlbum;               // uploader spelling of the album
        std::vector<CatalogueAlbumTrack> tracks;
        int discs{1};
        bool live{false};
    };

    const std::vector<CatalogueAlbum>& labelledAlbumCatalogue();
} // namespace soulspot::matching::testing
