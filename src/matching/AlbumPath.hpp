#pragma once
// What an album folder's own path says about the release in it: the album's name and year, the artist,
// and the words that make it another release — live, demo, instrumental (versions), deluxe or anniversary
// (editions with extra tracks), remaster (same recordings), single / EP.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "matching/VersionWords.hpp"
#include "matching/WantedAlbum.hpp"

namespace soulspot::matching
{
    /// A WantedAlbum turned, once per score call, into the forms every folder path is compared against.
    struct PreparedAlbum
    {
        std::string title;        // display form, for reasons
        std::string titleCompact; // core title words without spaces ("Help! (Remastered)" → "help")
        std::vector<std::string> artistCompacts;
        std::vector<std::string> knownWords; // sorted: words of the full title and the artists
        VersionSet versions{0};              // versions the album title asks for ("MTV Unplugged" → live)
        VersionSet mustBeLabelled{0};
        std::optional<int> year;
        bool isSingleOrEp{false}; // primaryType Single or EP: "single"/"EP" in a folder name is expected
    };

    PreparedAlbum prepareAlbum(const WantedAlbum& wanted);

    struct FolderPathEvidence
    {
        bool albumInPath{false};
        bool artistInPath{false};
        /// The component holding the album name holds nothing else but year, format and edition words, so a
        /// file inside need not name the artist (`OK Computer (1997) [FLAC]\01 - Airbag.flac`).
        bool artistImplied{false};
        bool yearMatches{false};
        std::optional<int> otherYear; // a year in the path that is not the release's
        VersionSet versions{0};       // versions named outside the album's own words
        std::string versionWords;     // those words, for reasons
        VersionSet present{0};        // versions named anywhere in the path, the album's words included
        std::string editionWords;     // "deluxe", "anniversary", … not asked for by the album title
        bool remaster{false};
        std::string singleWord; // "single", "ep", "cds", … not asked for
    };

    /// `directory` is AlbumFolder::directory (untrusted: any separators, any bytes).
    FolderPathEvidence readFolderPath(const PreparedAlbum& album, std::string_view directory);
} // namespace soulspot::matching
