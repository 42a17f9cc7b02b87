#pragma once
// A deterministic labelled set of album cases: a wanted release, the search responses (and any folders the
// road already browsed), and which folders are right to choose — built from real folder-naming habits and
// the decoys that fool album matchers (live or demo editions, singles named like the album, partial
// folders, discs split into CD1/CD2, compilations, search results that show only part of a folder).

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "matching/AlbumScorer.hpp"

namespace soulspot::matching::testing
{
    struct LabelledAlbumCase
    {
        std::string kind;        // "complete", "edition", "single", … (one per requirement)
        std::string description; // album and folders offered, for failure messages
        WantedAlbum wanted;
        std::vector<SearchResponse> responses; // as the search returned them
        std::vector<AlbumFolder> browsed;      // folders already browsed (whole)
        AlbumMatchOptions options;
        std::set<std::pair<std::string, std::string>> correct;     // (username, directory) right to choose
        std::set<std::pair<std::string, std::string>> mustBrowse;  // folders that should ask for a browse
    };

    std::vector<LabelledAlbumCase> generateLabelledAlbumSet(int count, std::uint64_t seed);

    /// groupIntoFolders(responses) followed by the browsed folders: what the scorer is given.
    std::vector<AlbumFolder> foldersOf(const LabelledAlbumCase& c);
} // namespace soulspot::matching::testing
