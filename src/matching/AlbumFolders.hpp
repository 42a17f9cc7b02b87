#pragma once
// Folder-level reading of remote paths for the album matcher: which subfolders are discs (or artwork) of
// their parent, and the disc/track numbers a file name carries. groupIntoFolders itself is declared in
// AlbumScorer.hpp.

#include <optional>
#include <string_view>

namespace soulspot::matching
{
    /// "CD1", "CD 2", "Disc 2", "Disk1", "(Disc 1)", "[CD 02]", "Disc 2 - Bonus", "Disc 1 of 2" → the disc
    /// number; nullopt for any other folder name.
    std::optional<int> discNumberOfFolderName(std::string_view name);

    /// "Artwork", "Scans", "Covers", "Booklet": folded into the album like disc folders (sldl does the same).
    bool isArtworkFolderName(std::string_view name);

    /// The directory part of a remote path ("" when there is none), without trailing separators.
    std::string_view directoryOf(std::string_view filename);

    /// Disc and track number from a file name ("1-05 Title", "105 Title" on a multi-disc album,
    /// "05. Title", "05 - Title"); each nullopt when the name does not say.
    struct FileNumbers
    {
        std::optional<int> disc;
        std::optional<int> track;
    };
    FileNumbers numbersOfFileName(std::string_view basename, bool multiDisc);
} // namespace soulspot::matching
